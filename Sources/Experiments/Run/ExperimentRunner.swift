import Analysis
import Benchmarks
import Foundation
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
        /// Where one-line notices go that are not progress and are never silenced: a trial
        /// file that fails its check and is recomputed (or, on merge, left out).
        public var notice: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        public init() {}
    }

    public let experiment: ValidatedExperiment
    public let options: Options
    public let store: ResultsStore

    public var spec: ExperimentSpec { experiment.spec }
    var binding: any SpaceBinding { experiment.binding }
    var cost: String? { experiment.cost }
    var configs: [AlgorithmConfig] { experiment.configs }
    var front: TableParetoFront? { experiment.front }

    public init(experiment: ValidatedExperiment, options: Options = Options()) {
        self.experiment = experiment
        self.options = options
        store = ResultsStore(root: options.resultsRoot, experiment: experiment.spec.name)
    }

    /// Validates `spec` (`ValidatedExperiment`) and prepares its run.
    public init(spec: ExperimentSpec, catalog: DatasetCatalog, registry: AlgorithmRegistry = .builtIn, options: Options = Options()) throws {
        self.init(experiment: try ValidatedExperiment(spec: spec, catalog: catalog, registry: registry), options: options)
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
        try store.createFolder()
        store.removeStaleTemporaries()
        let shard = options.shard
        var mine = jobs.enumerated().filter { job in shard.map { job.offset % $0.count == $0.index } ?? true }.map(\.element)
        let before = mine.count
        var report = ResultsStore.RejectionReport(action: "running it again", notice: options.notice)
        // Checked trials are kept for runs.h5 (an unsharded run assembles it next), so no
        // file is read and checksummed twice.
        let keep = shard == nil
        var checked: [JobKey: TrialResult] = [:]
        mine = try mine.filter { job in
            switch try store.read(slot(config: job.config, trial: job.trial)) {
            case .valid(let result)?:
                if keep { checked[JobKey(job)] = result }
                return false
            case .rejected(let rejection)?: report.add(rejection); return true
            case nil: return true
            }
        }
        report.finish()
        let resumed = before - mine.count
        if resumed > 0 && options.progress {
            FileHandle.standardError.write(Data("\(spec.name): \(resumed) trials already finished, resuming with \(mine.count)\n".utf8))
        }
        let progress = Progress(total: mine.count, label: spec.name, enabled: options.progress)
        let k = spec.benchmark.objectives.count, r = spec.benchmark.report.count
        let trialHash = spec.trialHash
        let fresh = Mutex<[JobKey: TrialResult]>([:])
        let work = mine
        let failed = try forEachJob(work) { i, result in
            try store.write(result, trialHash: trialHash, objectiveCount: k, reportedCount: r)
            if keep { fresh.withLock { $0[JobKey(work[i])] = result } }
            progress.advance()
        }
        // The finished trials are saved; runs.h5 waits until every trial has its file, and
        // a rerun resumes past them and redoes only the failed ones.
        if !failed.isEmpty { throw Self.failedTrials(failed, of: mine.count) }
        guard options.shard == nil else {
            return Outcome(ran: mine.count, resumed: resumed, runsFile: nil, summary: nil)
        }
        checked.merge(fresh.withLock { $0 }) { old, _ in old }
        let assembled = try assemble(known: checked)
        return Outcome(ran: mine.count, resumed: resumed, runsFile: store.runsFile, summary: assembled)
    }

    /// Runs every trial in parallel and returns the results without touching the disk:
    /// what `nasreplay bench` times.
    public func runInMemory() throws -> [TrialResult] {
        let work = jobs
        let results = Mutex<[TrialResult?]>(Array(repeating: nil, count: work.count))
        let failed = try forEachJob(work) { i, result in results.withLock { $0[i] = result } }
        if !failed.isEmpty { throw Self.failedTrials(failed, of: work.count) }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Runs `work` on `options.threads` workers; `finished` gets each job's index and result.
    /// A trial that fails on its own (an external client's `ExternalTrialFailure`) is
    /// collected and the other jobs go on; those failures come back in job order. Any other
    /// error stops the remaining jobs and is rethrown.
    private func forEachJob(_ work: [(config: Int, trial: Int)],
                            _ finished: @Sendable (Int, TrialResult) throws -> Void) throws -> [ExternalTrialFailure] {
        let failure = Mutex<Error?>(nil)
        let trialFailures = Mutex<[(Int, ExternalTrialFailure)]>([])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.threads, work.count))) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < work.count, failure.withLock({ $0 == nil }) else { return }
                let config = configs[work[i].config]
                do {
                    let trial = TrialRunner(config: config, budget: spec.budget, trial: work[i].trial,
                                            seed: spec.trialSeed(algorithm: config.label, trial: work[i].trial), front: front)
                    let result = try binding.withSearch(mutation: experiment.mutation(of: config), objectives: spec.benchmark.objectives,
                                                        reported: spec.benchmark.report, cost: cost, trial)
                    try finished(i, result)
                } catch let trialFailure as ExternalTrialFailure {
                    trialFailures.withLock { $0.append((i, trialFailure)) }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return trialFailures.withLock { $0 }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The run's error when trials failed on their own: a count, then one line per trial.
    static func failedTrials(_ failures: [ExternalTrialFailure], of total: Int) -> RunError {
        var text = "\(failures.count) of \(total) trials failed; the others are saved, and running the spec again redoes only the failed ones:"
        for f in failures { text += "\n  \(f.description)" }
        return RunError(text)
    }

    /// What the trial file of (configuration, trial) must hold (`TrialFile.read`).
    func slot(config: Int, trial: Int) -> TrialFile.Slot {
        TrialFile.Slot(trialHash: spec.trialHash, algorithm: configs[config].label, trial: trial,
                       objectiveCount: spec.benchmark.objectives.count, reportedCount: spec.benchmark.report.count)
    }

    /// Reads every trial file, checks none is missing or fails its check (each that fails
    /// is reported and left out, so it counts as missing), writes runs.h5 and summary.md.
    /// Returns the summary text.
    public func assemble() throws -> String {
        try assemble(known: [:])
    }

    /// A job's (configuration, trial), as a dictionary key.
    struct JobKey: Hashable {
        var config: Int
        var trial: Int
        init(_ job: (config: Int, trial: Int)) { config = job.config; trial = job.trial }
    }

    /// `assemble()`, with trials this process already checked or wrote taken from memory
    /// instead of read back.
    func assemble(known: [JobKey: TrialResult]) throws -> String {
        try store.createFolder()
        store.removeStaleTemporaries()
        let trialHash = spec.trialHash
        var results: [[TrialResult]] = []
        var missing: [String] = []
        var report = ResultsStore.RejectionReport(action: "not merged", notice: options.notice)
        for c in configs.indices {
            var row: [TrialResult] = []
            for t in 0..<spec.trials {
                if let result = known[JobKey((c, t))] {
                    row.append(result)
                    continue
                }
                switch try store.read(slot(config: c, trial: t)) {
                case .valid(let result)?: row.append(result)
                case .rejected(let rejection)?:
                    report.add(rejection)
                    missing.append("\(configs[c].label) trial \(t)")
                case nil: missing.append("\(configs[c].label) trial \(t)")
                }
            }
            results.append(row)
        }
        report.finish()
        guard missing.isEmpty else {
            let shown = missing.prefix(3).joined(separator: ", ")
            throw RunError("\(store.folder): \(missing.count) trials are missing or failed their check (\(shown)\(missing.count > 3 ? ", …" : "")); run the remaining shards (or the spec) again, then merge again")
        }
        let provenance = RunsFile.Provenance(
            experiment: spec.name, trialHash: trialHash, seed: spec.seed, trials: spec.trials, budget: spec.budget,
            checkpoints: spec.checkpoints, benchmark: spec.benchmark.name, isSampleTable: binding.isSampleTable,
            objectives: spec.benchmark.objectives,
            reported: spec.benchmark.report.map { .init(id: $0, direction: (try? binding.table.metric($0).info.direction) ?? .max) },
            hypervolumeConvention: front?.conventionNote)
        let configurations = zip(configs, results).map { config, trials in
            let setup = RunsFile.Setup(
                label: config.label, type: config.typeName,
                parameters: config.spec.canonicalParameters.replacingOccurrences(of: ",", with: ", "),
                mutation: config.type.mutatesThroughSpace ? experiment.recordedMutation(of: config) : nil,
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
    do { try text.write(toFile: temporary, atomically: false, encoding: .utf8) } catch {
        unlink(temporary)
        throw RunError("cannot write \(path): \(ResultsStore.reason(error))")
    }
    if rename(temporary, path) != 0 {
        unlink(temporary)
        throw RunError("cannot write \(path): \(String(cString: strerror(errno)))")
    }
}
