import Benchmarks
import NASCore
import SearchSpaces

/// A loaded benchmark bound to its search space: runs a trial of any algorithm on it.
///
/// One case per kind of table; each case builds the space with the algorithm's mutation
/// variant and calls the generic `TrialRunner`, so optimizers stay space-agnostic.
enum BenchmarkBinding: Sendable {
    case natsTopology(NATSTopologyBenchmark)
    /// NAS-Bench-101 tables (`nb101-sample`, a tfrecord import): cells found by their module
    /// hash. Only `reject` is defined off the table: NB101 cells have no gene distance here.
    case nb101(NB101Benchmark)
    /// OFA MobileNetV3 sample tables (DyNAS-T runs, HELP latencies), with an off-table policy.
    case ofaMobileNetV3(SampleTableBenchmark<OFAMobileNetV3Space>)
    /// Any other sample table (HAT averages, FBNet, users' CSVs) over its own gene layout.
    case tabular(SampleTableBenchmark<TabularGeneSpace>)

    /// - Parameter metrics: what the run asks of the table (objectives, reported): a
    ///   `surrogate:<model>` policy fits one model per metric, here, once per run.
    init(table: BenchmarkTable, offTable: String?, metrics: [String] = [], file: String, line: Int?) throws(SpecError) {
        do {
            switch table.searchSpace {
            case "nats-topology":
                if let offTable {
                    throw SpecError(file: file, line: line, message: "benchmark.off_table = \"\(offTable)\": \(table.name) holds every architecture of its space; off_table applies to sample tables only")
                }
                self = .natsTopology(try NATSTopologyBenchmark(table: table))
            case "nb101":
                if let offTable, offTable != "reject" {
                    throw SpecError(file: file, line: line, message: "benchmark.off_table = \"\(offTable)\": \(table.name) finds NB101 cells by their module hash, with no distance between cells; only \"reject\" (the default) is defined")
                }
                self = .nb101(try NB101Benchmark(table: table))
            case "ofa-mbv3", "ofa-mbv3-r":
                let (policy, fitter) = try Self.offTablePolicy(offTable)
                let space = table.searchSpace == "ofa-mbv3" ? OFAMobileNetV3Space() : OFAMobileNetV3Space(resolutions: OFAMobileNetV3Space.helpResolutions)
                self = .ofaMobileNetV3(try SampleTableBenchmark(table: table, space: space, offTable: policy,
                                                                surrogate: fitter, metrics: metrics))
            default:
                let (policy, fitter) = try Self.offTablePolicy(offTable)
                self = .tabular(try SampleTableBenchmark(table: table, offTable: policy, surrogate: fitter, metrics: metrics))
            }
        } catch let error as SpecError {
            throw error
        } catch {
            throw SpecError(file: file, line: line, message: "\(error)")
        }
    }

    /// The spec's policy (default `reject`) and, for `surrogate:<model>`, its fitter.
    private static func offTablePolicy(_ text: String?) throws -> (OffTablePolicy, OffTableModelFitter?) {
        let policy = try OffTablePolicy(parsing: text ?? "reject", surrogateModels: OffTableModelFitter.predictorModels)
        guard case .surrogate(let model) = policy else { return (policy, nil) }
        return (policy, try OffTableModelFitter.predictor(model))
    }

    var table: BenchmarkTable {
        switch self {
        case .natsTopology(let b): b.table
        case .nb101(let b): b.table
        case .ofaMobileNetV3(let b): b.table
        case .tabular(let b): b.table
        }
    }

    /// Whether the table is a sample of its space (so off-table answers are possible).
    var isSampleTable: Bool {
        switch self {
        case .natsTopology: false
        // The full NAS-Bench-101 space has 423,624 unique cells; nb101-sample is a slice of it.
        case .nb101(let b): b.table.rows < 423_624
        case .ofaMobileNetV3, .tabular: true
        }
    }

    /// Checks the algorithm's mutation variant against the space, before any trial runs.
    func validate(_ config: AlgorithmConfig) throws(SpecError) {
        if config.kind == .nasEAFA, self.hasCellGraphs {} else if config.kind == .nasEAFA {
            throw SpecError(file: config.spec.file, line: config.spec.typeLine,
                            message: "algorithm '\(config.label)': nas-ea-fa needs a sequence encoding; it runs on nats-tss (and NB101 cells), not on \(table.name)")
        }
        do {
            switch self {
            case .natsTopology: _ = try natsSpace(for: config)
            case .nb101: _ = try NB101Space(mutationName: config.mutation)
            case .ofaMobileNetV3(let b): _ = try geneMutation(config, default: b.space.mutation)
            case .tabular(let b): _ = try geneMutation(config, default: b.space.mutation)
            }
        } catch {
            throw SpecError(file: config.spec.file, line: config.spec.parameters.first { $0.key == "mutation" }?.line ?? config.spec.line,
                            message: "algorithm '\(config.label)': \(error.description)")
        }
    }

    /// Whether the space's cells are graphs with a sequence encoding (what NAS-EA-FA needs).
    private var hasCellGraphs: Bool {
        switch self {
        case .natsTopology, .nb101: true
        case .ofaMobileNetV3, .tabular: false
        }
    }

    private func natsSpace(for config: AlgorithmConfig) throws(SearchSpaceError) -> NATSTopologySpace {
        if let name = config.mutation { return try NATSTopologySpace(mutationName: name) }
        // Defaults follow each algorithm's reference on this space: the thesis GA mutates
        // bitwise (NAS-EA-FA, §1.4); aging evolution uses NATS-Bench's REA operator (§3.2).
        return NATSTopologySpace(mutation: config.kind == .geneticAlgorithm ? .bitwise : .natsBench)
    }

    private func geneMutation(_ config: AlgorithmConfig, default fallback: GeneMutation) throws(SearchSpaceError) -> GeneMutation {
        guard let name = config.mutation else { return fallback }
        return try GeneMutation(parsing: name)
    }

    /// The mutation variant a configuration actually uses, for result files.
    func mutationName(for config: AlgorithmConfig) -> String {
        switch self {
        case .natsTopology: (try? natsSpace(for: config))?.mutation.rawValue ?? "?"
        case .nb101: (try? NB101Space(mutationName: config.mutation))?.mutation.rawValue ?? "?"
        case .ofaMobileNetV3, .tabular: config.mutation ?? "one-gene"
        }
    }

    /// - Parameter cost: the column charged as simulated seconds (nil: every answer costs 0).
    func runTrial(config: AlgorithmConfig, objectives: [Objective], reported: [String], cost: String?, budget: Budget,
                  trial: Int, seed: UInt64, front: TableParetoFront?) throws -> TrialResult {
        switch self {
        case .natsTopology(let bench):
            let space = try natsSpace(for: config)
            let evaluator = try bench.evaluator(objectives: objectives, reported: reported, cost: cost)
            return TrialRunner.run(space: space, evaluator: evaluator, config: config, budget: budget,
                                   trial: trial, seed: seed, front: front)
        case .nb101(let bench):
            let space = try NB101Space(mutationName: config.mutation)
            return TrialRunner.run(space: space, evaluator: try bench.evaluator(objectives: objectives, reported: reported, cost: cost),
                                   config: config, budget: budget, trial: trial, seed: seed, front: front)
        case .ofaMobileNetV3(let bench):
            var space = bench.space
            space.mutation = try geneMutation(config, default: space.mutation)
            return TrialRunner.run(space: space, evaluator: try bench.evaluator(objectives: objectives, reported: reported, cost: cost),
                                   config: config, budget: budget, trial: trial, seed: seed, front: front)
        case .tabular(let bench):
            var space = bench.space
            space.mutation = try geneMutation(config, default: space.mutation)
            return TrialRunner.run(space: space, evaluator: try bench.evaluator(objectives: objectives, reported: reported, cost: cost),
                                   config: config, budget: budget, trial: trial, seed: seed, front: front)
        }
    }
}
