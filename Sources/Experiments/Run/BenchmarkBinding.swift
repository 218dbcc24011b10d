import Benchmarks
import NASCore
import SearchSpaces

/// A loaded benchmark bound to its search space: runs a trial of any algorithm on it.
///
/// One case per search space; each case builds the space with the algorithm's mutation
/// variant and calls the generic `TrialRunner`, so optimizers stay space-agnostic.
enum BenchmarkBinding: Sendable {
    case natsTopology(NATSTopologyBenchmark)

    init(table: BenchmarkTable, file: String, line: Int) throws(SpecError) {
        switch table.searchSpace {
        case "nats-topology":
            do { self = .natsTopology(try NATSTopologyBenchmark(table: table)) } catch {
                throw SpecError(file: file, line: line, message: error.description)
            }
        default:
            throw SpecError(file: file, line: line, message: "benchmark '\(table.name)': search space '\(table.searchSpace)' cannot run experiments yet")
        }
    }

    var table: BenchmarkTable {
        switch self {
        case .natsTopology(let b): b.table
        }
    }

    /// Checks the algorithm's mutation variant against the space, before any trial runs.
    func validate(_ config: AlgorithmConfig) throws(SpecError) {
        do { _ = try natsSpace(for: config) } catch {
            throw SpecError(file: config.spec.file, line: config.spec.parameters.first { $0.key == "mutation" }?.line ?? config.spec.line,
                            message: "algorithm '\(config.label)': \(error.description)")
        }
    }

    private func natsSpace(for config: AlgorithmConfig) throws(SearchSpaceError) -> NATSTopologySpace {
        if let name = config.mutation { return try NATSTopologySpace(mutationName: name) }
        // Defaults follow each algorithm's reference on this space: the thesis GA mutates
        // bitwise (NAS-EA-FA, §1.4); aging evolution uses NATS-Bench's REA operator (§3.2).
        return NATSTopologySpace(mutation: config.kind == .geneticAlgorithm ? .bitwise : .natsBench)
    }

    /// The mutation variant a configuration actually uses, for result files.
    func mutationName(for config: AlgorithmConfig) -> String {
        switch self {
        case .natsTopology: (try? natsSpace(for: config))?.mutation.rawValue ?? "?"
        }
    }

    func runTrial(config: AlgorithmConfig, objectives: [Objective], reported: [String], budget: Budget,
                  trial: Int, seed: UInt64, front: TableParetoFront?) throws -> TrialResult {
        switch self {
        case .natsTopology(let bench):
            let space = try natsSpace(for: config)
            let evaluator = try bench.evaluator(objectives: objectives, reported: reported)
            return TrialRunner.run(space: space, evaluator: evaluator, config: config, budget: budget,
                                   trial: trial, seed: seed, front: front)
        }
    }
}
