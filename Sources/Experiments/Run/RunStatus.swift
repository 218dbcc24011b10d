import Foundation

/// Where a run stands in its results folder: per algorithm, the trials done, being computed
/// and missing; with a shard count, which shards are incomplete. What `nasreplay status`
/// prints.
///
/// ```swift
/// let status = try runner.status(shards: 4)
/// status.algorithms[0].missing      // [3, 7]: trial indices with no valid record
/// status.incompleteShards           // [3]: run `--shard 3/4` again
/// ```
///
/// A trial is done when a record of it passes the check a run makes (`ResultsStore.read`); a record
/// that fails it counts as missing and is listed in `rejected`. A trial is running when a
/// live process holds its claim (`TrialClaim`); the owner line says which.
public struct RunStatus: Sendable {
    public struct Algorithm: Sendable {
        public var label: String
        /// Trial indices with a valid record.
        public var done: Int
        /// Trials without a valid record whose claim a live process holds: (trial, owner).
        public var running: [(trial: Int, owner: String)]
        /// Trials without a valid record that nobody is computing.
        public var missing: [Int]
        /// Records that exist but fail their check (counted in `missing` or `running`): one line each.
        public var rejected: [String]
    }

    public var experiment: String
    public var folder: String
    public var trials: Int
    public var algorithms: [Algorithm]
    public var hasRunsFile: Bool
    /// The shard count asked about, if any.
    public var shards: Int?
    /// Shard indices (0-based) with a trial not done, running or missing.
    public var incompleteShards: [Int]

    public var complete: Bool { algorithms.allSatisfy { $0.done == trials } }
    public var totalDone: Int { algorithms.reduce(0) { $0 + $1.done } }
    public var totalTrials: Int { trials * algorithms.count }
}

extension ExperimentRunner {
    /// The state of this spec's results folder. Reads and checks every trial record; writes
    /// nothing (claims are only tested).
    /// - Throws: `RunError` (status 2) when the folder belongs to another version of the spec.
    public func status(shards: Int? = nil) throws -> RunStatus {
        try SpecLock.check(folder: store.folder, spec: spec)
        var algorithms = configs.map { RunStatus.Algorithm(label: $0.label, done: 0, running: [], missing: [], rejected: []) }
        var incomplete = Set<Int>()
        for (offset, job) in jobs.enumerated() {
            let label = configs[job.config].label
            switch try store.read(slot(config: job.config, trial: job.trial)) {
            case .valid?:
                algorithms[job.config].done += 1
                continue
            case .rejected(let rejection)?: algorithms[job.config].rejected.append(rejection.line)
            case nil: break
            }
            if let shards { incomplete.insert(offset % shards) }
            if let owner = runningOwner(algorithm: label, trial: job.trial) {
                algorithms[job.config].running.append((job.trial, owner))
            } else {
                algorithms[job.config].missing.append(job.trial)
            }
        }
        return RunStatus(experiment: spec.name, folder: store.folder, trials: spec.trials, algorithms: algorithms,
                         hasRunsFile: store.hasRunsFile, shards: shards, incompleteShards: incomplete.sorted())
    }

    /// The owner line of a live claim on the trial, or nil when nobody computes it.
    private func runningOwner(algorithm: String, trial: Int) -> String? {
        TrialClaim.holder(file: store.claimsFile(algorithm: algorithm), trial: trial).map { $0.isEmpty ? "another process" : $0 }
    }
}
