import Foundation
import HDF5Kit
import NASCore

extension ExperimentRunner {
    /// Copies the trials of shards run elsewhere (their `results/<name>` folders) into this
    /// run's folder, for `assemble`; returns how many were copied.
    ///
    /// ```swift
    /// let copied = try runner.importTrials(from: ["node1/results/nats-tss-multi", "node2/results/nats-tss-multi"])
    /// _ = try runner.assemble()
    /// ```
    ///
    /// Only this spec's (configuration, trial) records are looked at, and each is checked
    /// (`ResultsStore.read`) before it is copied: one that fails is reported in one line and
    /// not copied, so it is never merged. A trial already here is kept if it passes its
    /// check and replaced by a shard's good copy if it does not. A copy is appended to this
    /// process's segment, also from a shard folder of older trial files.
    ///
    /// - Throws: `RunError` for a folder without `trials/`, a file of another version of the
    ///   spec, or a results folder whose `spec.lock` names another version.
    /// - Complexity: O(trial files × their size).
    public func importTrials(from folders: [String]) throws -> Int {
        let fm = FileManager.default
        try store.createFolder()
        try SpecLock.check(folder: store.folder, spec: spec)
        var copied = 0
        var report = ResultsStore.RejectionReport(action: "not merged", notice: options.notice)
        defer { report.finish() }
        for source in folders {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: source + "/trials", isDirectory: &isFolder), isFolder.boolValue else {
                throw RunError("\(source): no trials/ folder; pass the results/<name> folder of a shard", status: .badInput)
            }
            let shard = ResultsStore(folder: source)
            for c in configs.indices {
                for t in 0..<spec.trials {
                    let slot = slot(config: c, trial: t)
                    if case .valid? = try store.read(slot) { continue }
                    switch try shard.read(slot) {
                    case .valid(let result)?:
                        // Under the trial's claim, as a run writes it: a run computing this
                        // trial now finishes first, and then its file is kept.
                        var claim: TrialClaim?
                        if case .acquired(let held) = try store.claim(algorithm: slot.algorithm, trial: t, waiting: true) { claim = held }
                        defer { claim?.release() }
                        if case .valid? = try store.read(slot, refresh: true) { continue }
                        try store.write(result, as: slot)
                        copied += 1
                    case .rejected(let rejection)?: report.add(rejection)
                    case nil: break
                    }
                }
            }
        }
        store.finishWriting()
        if copied > 0 { store.removeStaleTemporaries() }
        return copied
    }
}
