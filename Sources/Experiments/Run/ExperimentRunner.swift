import Analysis
import Benchmarks
import Foundation
import HDF5Kit
import NASCore
import Synchronization

/// Runs every (algorithm configuration, trial) of a spec, in parallel, resumably.
///
/// ```swift
/// let runner = try ExperimentRunner(spec: spec, catalog: DatasetCatalog(folder: "datasets"))
/// let outcome = try runner.run()          // writes results/<name>/runs.h5 and summary.md
/// ```
///
/// Determinism: each trial's stream is derived from (experiment, benchmark, configuration,
/// trial index) only, and results are assembled in (configuration, trial) order, so the
/// output is identical for any thread count, any sharding and any interruption.
public struct ExperimentRunner: Sendable {
    public struct Options: Sendable {
        public var threads: Int = ProcessInfo.processInfo.activeProcessorCount
        /// (i, n): run only jobs whose index ≡ i (mod n); runs.h5 is then left to `merge`.
        public var shard: (index: Int, count: Int)? = nil
        public var resultsRoot: String = "results"
        public var progress: Bool = true
        public init() {}
    }

    public let spec: ExperimentSpec
    public let options: Options
    let binding: BenchmarkBinding
    /// The column charged as simulated seconds: the spec's `benchmark.cost`, else the
    /// table's declared `cost_metric`; nil when neither exists (every answer then costs 0).
    let cost: String?
    let configs: [AlgorithmConfig]
    let front: TableParetoFront?
    public let store: ResultsStore

    public init(spec: ExperimentSpec, catalog: DatasetCatalog, options: Options = Options()) throws {
        self.spec = spec
        self.options = options
        let file = spec.file
        let table: BenchmarkTable
        do { table = try catalog.load(spec.benchmark.name) } catch {
            throw SpecError(file: file, line: spec.benchmark.line, message: "benchmark.name: \(error.description)")
        }
        for o in spec.benchmark.objectives where !table.hasMetric(o.metric) {
            throw SpecError(file: file, line: spec.benchmark.objectivesLine, message: "benchmark.objectives: unknown metric '\(o.metric)' in \(table.name); `nasreplay datasets info \(table.name)` lists the ids")
        }
        for m in spec.benchmark.report where !table.hasMetric(m) {
            throw SpecError(file: file, line: spec.benchmark.reportLine, message: "benchmark.report: unknown metric '\(m)' in \(table.name); `nasreplay datasets info \(table.name)` lists the ids")
        }
        if let id = spec.benchmark.cost {
            do { _ = try table.costOrMetric(id) } catch {
                throw SpecError(file: file, line: spec.benchmark.costLine, message: "benchmark.cost: \(error.description)")
            }
        }
        let cost = spec.benchmark.cost ?? table.costMetric
        if case .simulatedSeconds = spec.budget, cost == nil {
            throw SpecError(file: file, line: spec.benchmark.line, message: "budget.simulated_seconds: \(table.name) has no training-time column (no cost_metric, no /costs); use budget.evaluations, or a table with training times (nb101-sample, an `import nats-official` or `import nb101` table)")
        }
        self.cost = cost
        // A surrogate policy fits the cost column too, so off-table answers are charged.
        binding = try BenchmarkBinding(table: table, offTable: spec.benchmark.offTable,
                                       metrics: spec.benchmark.objectives.map(\.metric) + spec.benchmark.report + (cost.map { [$0] } ?? []),
                                       file: file, line: spec.benchmark.line)
        var configs: [AlgorithmConfig] = []
        for a in spec.algorithms {
            let config = try AlgorithmConfig(a, objectives: spec.benchmark.objectives)
            try binding.validate(config)
            configs.append(config)
        }
        self.configs = configs
        front = spec.benchmark.objectives.count >= 2 ? try TableParetoFront.cached(table: table, objectives: spec.benchmark.objectives) : nil
        store = ResultsStore(root: options.resultsRoot, experiment: spec.name)
    }

    public struct Outcome: Sendable {
        public var ran: Int
        public var resumed: Int
        public var runsFile: String?
        public var summary: String?
    }

    /// Jobs in their fixed order: configuration-major, then trial.
    var jobs: [(config: Int, trial: Int)] {
        configs.indices.flatMap { c in (0..<spec.trials).map { (c, $0) } }
    }

    public func run() throws -> Outcome {
        let trialHash = spec.trialHash
        store.removeStaleTemporaries()
        let shard = options.shard
        var mine = jobs.enumerated().filter { job in shard.map { job.offset % $0.count == $0.index } ?? true }.map(\.element)
        let before = mine.count
        mine = try mine.filter { try store.read(algorithm: configs[$0.config].label, trial: $0.trial, trialHash: trialHash) == nil }
        let resumed = before - mine.count
        if resumed > 0 && options.progress {
            FileHandle.standardError.write(Data("\(spec.name): \(resumed) trials already finished, resuming with \(mine.count)\n".utf8))
        }
        let progress = Progress(total: mine.count, label: spec.name, enabled: options.progress)
        let k = spec.benchmark.objectives.count, r = spec.benchmark.report.count
        try forEachJob(mine) { _, result in
            try store.write(result, trialHash: trialHash, objectiveCount: k, reportedCount: r)
            progress.advance()
        }
        guard options.shard == nil else {
            return Outcome(ran: mine.count, resumed: resumed, runsFile: nil, summary: nil)
        }
        let assembled = try assemble()
        return Outcome(ran: mine.count, resumed: resumed, runsFile: store.runsFile, summary: assembled)
    }

    /// Runs every trial in parallel and returns the results without touching the disk:
    /// what `nasreplay bench` times.
    public func runInMemory() throws -> [TrialResult] {
        let work = jobs
        let results = Mutex<[TrialResult?]>(Array(repeating: nil, count: work.count))
        try forEachJob(work) { i, result in results.withLock { $0[i] = result } }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Runs `work` on `options.threads` workers; `finished` gets each job's index and result.
    /// The first error stops the remaining jobs and is rethrown.
    private func forEachJob(_ work: [(config: Int, trial: Int)],
                            _ finished: @Sendable (Int, TrialResult) throws -> Void) throws {
        let failure = Mutex<Error?>(nil)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.threads, work.count))) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < work.count, failure.withLock({ $0 == nil }) else { return }
                let config = configs[work[i].config]
                do {
                    let result = try binding.runTrial(
                        config: config, objectives: spec.benchmark.objectives, reported: spec.benchmark.report,
                        cost: cost, budget: spec.budget, trial: work[i].trial, seed: spec.trialSeed(algorithm: config.label, trial: work[i].trial),
                        front: front)
                    try finished(i, result)
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Reads every trial file, checks none is missing, writes runs.h5 and summary.md.
    /// Returns the summary text.
    public func assemble() throws -> String {
        let trialHash = spec.trialHash
        var results: [[TrialResult]] = []
        var missing: [String] = []
        for config in configs {
            var row: [TrialResult] = []
            for t in 0..<spec.trials {
                if let result = try store.read(algorithm: config.label, trial: t, trialHash: trialHash) { row.append(result) } else { missing.append("\(config.label) trial \(t)") }
            }
            results.append(row)
        }
        guard missing.isEmpty else {
            let shown = missing.prefix(3).joined(separator: ", ")
            throw RunError("\(store.folder): \(missing.count) trials are missing (\(shown)\(missing.count > 3 ? ", …" : "")); run the remaining shards, then merge again")
        }
        let provenance = RunsFile.Provenance(
            experiment: spec.name, trialHash: trialHash, seed: spec.seed, trials: spec.trials, budget: spec.budget,
            checkpoints: spec.checkpoints, benchmark: spec.benchmark.name, isSampleTable: binding.isSampleTable,
            objectives: spec.benchmark.objectives,
            reported: spec.benchmark.report.map { .init(id: $0, direction: (try? binding.table.metric($0).info.direction) ?? .max) },
            hypervolumeConvention: front?.conventionNote)
        let configurations = zip(configs, results).map { config, trials in
            let setup = RunsFile.Setup(
                label: config.label, type: config.kind.rawValue,
                parameters: config.spec.canonicalParameters.replacingOccurrences(of: ",", with: ", "),
                mutation: [.randomSearch, .nsga2, .linas, .nasEAFA].contains(config.kind) ? nil : binding.mutationName(for: config),
                cache: config.cache.rawValue)
            return RunsFile.Configuration(setup, trials: trials, in: provenance)
        }
        try store.write(RunsFile(provenance: provenance, configurations: configurations))
        // Read back, so the summary is the one `nasreplay report` would write from the file.
        let summary = ComparisonReport(try store.readRuns().comparison()).markdown
        try writeAtomically(summary, to: store.summaryFile)
        return summary
    }
}

/// Writes text to a temporary file and renames it into place.
func writeAtomically(_ text: String, to path: String) throws {
    let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    try text.write(toFile: temporary, atomically: false, encoding: .utf8)
    if rename(temporary, path) != 0 {
        unlink(temporary)
        throw RunError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
