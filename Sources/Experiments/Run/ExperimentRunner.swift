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
        /// Where one-line notices go that are not progress and are never silenced: a trial
        /// file that fails its check and is recomputed (or, on merge, left out).
        public var notice: @Sendable (String) -> Void = { FileHandle.standardError.write(Data("\($0)\n".utf8)) }
        public init() {}
    }

    public let experiment: ValidatedExperiment
    public let options: Options
    public let store: ResultsStore
    /// `spec.trialHash`, hashed once: every trial's slot names it, and hashing the spec
    /// text per trial was most of checking a fresh folder for finished trials.
    let trialHash: String
    /// The table's columns of the spec's objectives and reported metrics, which trial
    /// records leave their values to (`TrialRecord.TableColumns`).
    let tableColumns: TrialRecord.TableColumns?

    public var spec: ExperimentSpec { experiment.spec }
    var binding: any SpaceBinding { experiment.binding }
    var cost: String? { experiment.cost }
    var configs: [AlgorithmConfig] { experiment.configs }
    var front: TableParetoFront? { experiment.front }

    public init(experiment: ValidatedExperiment, options: Options = Options()) {
        self.experiment = experiment
        self.options = options
        store = ResultsStore(root: options.resultsRoot, experiment: experiment.spec.name, shard: options.shard)
        trialHash = experiment.spec.trialHash
        let table = experiment.binding.table, benchmark = experiment.spec.benchmark
        tableColumns = (try? TrialRecord.TableColumns(
            contentDigest: table.provenance["content_sha256"]?.stringValue ?? "",
            objectives: benchmark.objectives.map { try table.metric($0.metric).values },
            reported: benchmark.report.map { try table.metric($0).values })) ?? nil
    }

    /// Validates `spec` (`ValidatedExperiment`) and prepares its run.
    public init(spec: ExperimentSpec, catalog: DatasetCatalog, registry: AlgorithmRegistry = .builtIn, options: Options = Options()) throws {
        self.init(experiment: try ValidatedExperiment(spec: spec, catalog: catalog, registry: registry), options: options)
    }

    public struct Outcome: Sendable {
        /// Trials computed by this process.
        public var ran: Int
        /// Trials whose files were already there when it started.
        public var resumed: Int
        /// Trials another process (a concurrent run into the same folder) finished while
        /// this one waited for them.
        public var finishedElsewhere: Int
        public var runsFile: String?
        public var summary: String?
        /// What summary.md reports, for a compact table on the terminal (`compactTables`).
        public var report: ComparisonReport?
    }

    /// Jobs in their fixed order: configuration-major, then trial.
    var jobs: [(config: Int, trial: Int)] {
        configs.indices.flatMap { c in (0..<spec.trials).map { (c, $0) } }
    }

    public func run() throws -> Outcome {
        try store.createFolder()
        // Another version of the spec is refused before anything in the folder is touched.
        try SpecLock.check(folder: store.folder, spec: spec)
        // Whatever ends the run, its segments are closed.
        defer { store.finishWriting() }
        let locksUnavailable = store.removeStaleTemporaries()
        let shard = options.shard
        var mine = jobs.enumerated().filter { job in shard.map { job.offset % $0.count == $0.index } ?? true }.map(\.element)
        let before = mine.count
        var report = ResultsStore.RejectionReport(action: "running it again", notice: options.notice)
        // Checked trials are kept for runs.h5 (an unsharded run assembles it next), so no
        // file is read and checksummed twice: joined into their configuration's columns
        // (`TrialColumns`), or, where a trial does not fit them, as they are.
        let keep = shard == nil
        let joined = keep ? joinedColumns() : nil
        var checked: [JobKey: TrialResult] = [:]
        mine = try mine.filter { job in
            switch try store.read(slot(config: job.config, trial: job.trial)) {
            case .valid(let result)?:
                if keep, joined?[job.config].add(result) != true { checked[JobKey(job)] = result }
                return false
            case .rejected(let rejection)?: report.add(rejection); return true
            case nil: return true
            }
        }
        report.finish()
        for line in store.segmentDamage() { options.notice(line) }
        // Computed trial-major, configurations interleaved: a slow algorithm's trials (LINAS)
        // spread over the whole run instead of coming last, so the cores stay busy to the end
        // and the progress line's ETA holds. Which trials a shard owns, and the order results
        // are assembled in, stay the fixed `jobs` order.
        mine.sort { ($0.trial, $0.config) < ($1.trial, $1.config) }
        // The folder's trials are this spec's (a folder from before spec.lock was checked
        // file by file just now), so the lock can name it.
        try SpecLock.claim(folder: store.folder, spec: spec)
        let resumed = before - mine.count
        if resumed > 0 && options.progress {
            FileHandle.standardError.write(Data("\(spec.name): \(resumed) trials already finished, resuming with \(mine.count)\n".utf8))
        }
        if let locksUnavailable, !mine.isEmpty {
            options.notice("\(store.folder): the filesystem takes no file locks (\(locksUnavailable)); concurrent runs into this folder may compute the same trial twice (the results stay correct)")
        }
        // runs.h5 is written at the end, with libhdf5, which nothing before it here uses.
        if keep && !mine.isEmpty { HDF5Library.warmUpInBackground() }
        let progress = Progress(total: mine.count, label: spec.name, enabled: options.progress)
        let fresh = Mutex<[JobKey: TrialResult]>([:])
        let elsewhere = Atomic<Int>(0)
        let work = mine
        let record: @Sendable (Int, TrialResult, Bool) throws -> Void = { i, result, computedHere in
            if computedHere {
                try store.write(result, as: slot(config: work[i].config, trial: work[i].trial))
            } else {
                elsewhere.add(1, ordering: .relaxed)
            }
            if keep, joined?[work[i].config].add(result) != true { fresh.withLock { $0[JobKey(work[i])] = result } }
            progress.advance()
        }
        // Trials another process is computing are left to it and waited for at the end;
        // if it dies, its claim frees and the trial is computed here.
        var (failed, busy) = try forEachJob(work, claims: .attempt, record)
        if !busy.isEmpty {
            let busy = busy
            let waited = try forEachJob(busy.map { work[$0] }, claims: .wait) { j, result, computedHere in
                try record(busy[j], result, computedHere)
            }
            failed += waited.failures
        }
        // The finished trials are saved; runs.h5 waits until every trial has its file, and
        // a rerun resumes past them and redoes only the failed ones.
        // A writer that died after the first sweep (a concurrent run killed mid-trial) may
        // have left a temporary; one sweep here, not a listing per trial, which grew with the
        // folder (quadratic in its trials).
        if !mine.isEmpty { store.removeStaleTemporaries() }
        store.finishWriting()
        if !failed.isEmpty { throw Self.failedTrials(failed, of: mine.count) }
        let ranHere = mine.count - elsewhere.load(ordering: .relaxed)
        guard options.shard == nil else {
            return Outcome(ran: ranHere, resumed: resumed, finishedElsewhere: mine.count - ranHere, runsFile: nil, summary: nil, report: nil)
        }
        checked.merge(fresh.withLock { $0 }) { old, _ in old }
        let assembled = try assemble(known: checked, joined: joined)
        return Outcome(ran: ranHere, resumed: resumed, finishedElsewhere: mine.count - ranHere,
                       runsFile: store.runsFile, summary: assembled.markdown, report: assembled.report)
    }

    /// How a worker treats a trial's claim (`ResultsStore.claim`).
    enum ClaimPolicy {
        /// Take it if free; a trial claimed elsewhere is handed back as busy.
        case attempt
        /// Wait for it: the holder finishes the trial, or dies and leaves it here.
        case wait
    }

    /// Runs every trial in parallel and returns the results without touching the disk:
    /// what `nasreplay bench` times.
    public func runInMemory() throws -> [TrialResult] {
        let work = jobs
        let results = Mutex<[TrialResult?]>(Array(repeating: nil, count: work.count))
        let failed = try forEachJob(work) { i, result, _ in results.withLock { $0[i] = result } }.failures
        if !failed.isEmpty { throw Self.failedTrials(failed, of: work.count) }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Runs `work` on `options.threads` workers; `finished` gets each job's index, its
    /// result, and whether it was computed here (false: another process finished it while
    /// this one waited for its claim). A trial that fails on its own (an external client's
    /// `ExternalTrialFailure`) is collected and the other jobs go on; those failures come
    /// back in job order. Any other error stops the remaining jobs and is rethrown.
    ///
    /// With `claims`, a job is computed only under its trial's claim, and `finished` runs
    /// before the claim is released, so no two processes compute one trial at once. Jobs
    /// claimed elsewhere (`.attempt`) come back as `busy` indices, in job order.
    private func forEachJob(_ work: [(config: Int, trial: Int)], claims: ClaimPolicy? = nil,
                            _ finished: @Sendable (Int, TrialResult, Bool) throws -> Void) throws
        -> (failures: [ExternalTrialFailure], busy: [Int]) {
        let failure = Mutex<Error?>(nil)
        let trialFailures = Mutex<[(Int, ExternalTrialFailure)]>([])
        let busy = Mutex<[Int]>([])
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.threads, work.count))) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < work.count, failure.withLock({ $0 == nil }) else { return }
                let config = configs[work[i].config]
                var claim: TrialClaim?
                do {
                    if let claims {
                        switch try store.claim(algorithm: config.label, trial: work[i].trial, waiting: claims == .wait) {
                        case .busy:
                            busy.withLock { $0.append(i) }
                            continue
                        case .acquired(let lock):
                            claim = lock
                            // Finished by its last holder while this process waited or scanned
                            // (a claim nobody held before has no such holder: no second look).
                            if lock.wasHeldBefore,
                               case .valid(let result)? = try store.read(slot(config: work[i].config, trial: work[i].trial), refresh: true) {
                                try finished(i, result, false)
                                lock.release()
                                continue
                            }
                        case .unsupported:
                            break
                        }
                    }
                    let trial = TrialRunner(config: config, budget: spec.budget, trial: work[i].trial,
                                            seed: spec.trialSeed(algorithm: config.label, trial: work[i].trial), front: front)
                    let result = try binding.withSearch(mutation: experiment.mutation(of: config), objectives: spec.benchmark.objectives,
                                                        reported: spec.benchmark.report, cost: cost, trial)
                    try finished(i, result, true)
                } catch let trialFailure as ExternalTrialFailure {
                    trialFailures.withLock { $0.append((i, trialFailure)) }
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                }
                claim?.release()
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return (trialFailures.withLock { $0 }.sorted { $0.0 < $1.0 }.map(\.1), busy.withLock { $0 }.sorted())
    }

    /// The run's error when trials failed on their own, on one line: the count, then each
    /// algorithm's trials that failed alike with their reason (a missing Python package
    /// fails every trial of its algorithm the same way: one entry, not a hundred).
    static func failedTrials(_ failures: [ExternalTrialFailure], of total: Int) -> RunError {
        var groups: [(algorithm: String, reason: String, trials: [Int])] = []
        for f in failures {
            if let g = groups.firstIndex(where: { $0.algorithm == f.algorithm && $0.reason == f.reason }) {
                groups[g].trials.append(f.trial)
            } else {
                groups.append((f.algorithm, f.reason, [f.trial]))
            }
        }
        let entries = groups.map { g in
            "algorithm '\(g.algorithm)' \(g.trials.count == 1 ? "trial" : "trials") \(IndexRuns.text(g.trials.sorted())): \(g.reason)"
        }
        return RunError("\(failures.count) of \(total) trials failed; the others are saved, and running the spec again redoes only the failed ones. "
                        + entries.joined(separator: "; "))
    }

    /// What the trial file of (configuration, trial) must hold (`TrialFile.read`).
    func slot(config: Int, trial: Int) -> TrialFile.Slot {
        TrialFile.Slot(trialHash: trialHash, algorithm: configs[config].label, trial: trial,
                       objectiveCount: spec.benchmark.objectives.count, reportedCount: spec.benchmark.report.count,
                       table: tableColumns)
    }

    /// Reads every trial file, checks none is missing or fails its check (each that fails
    /// is reported and left out, so it counts as missing), writes runs.h5 and summary.md.
    /// Returns what summary.md reports.
    @discardableResult
    public func assemble() throws -> ComparisonReport {
        try assemble(known: [:]).report
    }

    /// A job's (configuration, trial), as a dictionary key.
    struct JobKey: Hashable {
        var config: Int
        var trial: Int
        init(_ job: (config: Int, trial: Int)) { config = job.config; trial = job.trial }
    }

    /// Under an evaluation budget, one `TrialColumns` per configuration, in `configs` order,
    /// that every trial fits (a trial longer than the budget, as `ofa-oneshot`'s winners
    /// make them, is refused by its columns); nil under a seconds budget.
    func joinedColumns() -> [TrialColumns]? {
        guard case .evaluations(let n) = spec.budget else { return nil }
        return configs.map { _ in
            TrialColumns(trials: spec.trials, capacity: n, objectives: spec.benchmark.objectives.count,
                         reported: spec.benchmark.report.count, measuresHypervolume: front != nil)
        }
    }

    /// `assemble()`, with trials this process already checked or wrote taken from memory
    /// instead of read back: a configuration whose every trial is in its `joined` columns
    /// from them, the others from `known` and the trial records.
    func assemble(known: [JobKey: TrialResult], joined: [TrialColumns]? = nil) throws -> (markdown: String, report: ComparisonReport) {
        try store.createFolder()
        try SpecLock.claim(folder: store.folder, spec: spec)
        // One writer of runs.h5 at a time (two runs finishing together, or a run and a
        // merge): it waits here, and clears what a killed assembler left.
        var assemblyLock: FileLock?
        if case .acquired(let lock) = try FileLock.wait(store.assemblyLockFile) { assemblyLock = lock }
        defer { assemblyLock?.release() }
        if assemblyLock != nil { store.removeAssemblyTemporaries() } else { store.removeStaleTemporaries() }
        var results: [[TrialResult]] = []
        var missing: [String] = []
        var report = ResultsStore.RejectionReport(action: "not merged", notice: options.notice)
        let complete = configs.indices.map { joined?[$0].isComplete ?? false }
        for c in configs.indices {
            var row: [TrialResult] = []
            for t in 0..<spec.trials where !complete[c] {
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
        let configurations = configs.indices.map { c in
            let config = configs[c]
            let setup = RunsFile.Setup(
                label: config.label, type: config.typeName,
                parameters: config.spec.canonicalParameters.replacingOccurrences(of: ",", with: ", "),
                mutation: config.type.mutatesThroughSpace ? experiment.recordedMutation(of: config) : nil,
                cache: config.cache.rawValue)
            if complete[c], let columns = joined?[c] { return columns.configuration(setup) }
            return RunsFile.Configuration(setup, trials: results[c], in: provenance)
        }
        let runs = RunsFile(provenance: provenance, configurations: configurations)
        // From memory: runs.h5 stores every value it summarises exactly, so this is the
        // summary `nasreplay report` writes from the file (a test compares the two), without
        // reading 300,000-row logs back. Built while runs.h5 is, on another core: libhdf5
        // lays out the file on one.
        let summarised = Mutex<ComparisonReport?>(nil)
        let summarising = DispatchGroup()
        DispatchQueue.global().async(group: summarising) { summarised.withLock { $0 = ComparisonReport(runs.comparison()) } }
        defer { summarising.wait() }
        try store.write(runs)
        summarising.wait()
        let comparison = summarised.withLock { $0! }
        let summary = comparison.markdown
        try writeAtomically(summary, to: store.summaryFile)
        return (summary, comparison)
    }
}

/// Writes text to a temporary file and renames it into place.
func writeAtomically(_ text: String, to path: String) throws {
    do { try AtomicFile.write(Array(text.utf8), to: path) } catch {
        throw RunError("cannot write \(path): \(error.message)")
    }
}
