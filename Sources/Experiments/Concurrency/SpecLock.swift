import Foundation
import HDF5Kit
import NASCore

/// `results/<name>/spec.lock`: the version of the spec whose trials the folder holds, named
/// by its trial hash (`ExperimentSpec.trialHash`).
///
/// ```text
/// # nasreplay: this folder holds the trials of one version of one experiment spec.
/// name = "nats-tss-multi"
/// trial_hash = "5c1f…"
/// spec = "experiments/nats-tss-multi.toml"
/// ```
///
/// The first run into a folder writes it; every later `run` and `merge` checks it before any
/// work, so another version of the spec (or another spec of the same name) never mixes its
/// trials in: it is refused with exit status 2. The trial count and checkpoints are not
/// part of the hash, so a run may be extended. A folder from before the file existed gets
/// one on its next run, once its trial files have been checked against the spec.
public enum SpecLock {
    static let fileName = "spec.lock"
    /// A lock file larger than this is not one.
    static let maximumBytes = 64 << 10

    /// Checks the folder's lock against `spec`, writing it first if the folder has none.
    /// - Throws: `RunError` (status 2) when the folder belongs to another version of the spec.
    public static func claim(folder: String, spec: ExperimentSpec) throws {
        let path = "\(folder)/\(fileName)"
        if try check(folder: folder, spec: spec) { return }
        let text = """
        # nasreplay: this folder holds the trials of one version of one experiment spec.
        # A run of another version is refused; move the folder aside (or pass --results DIR) to start over.
        name = "\(escape(spec.name))"
        trial_hash = "\(spec.trialHash)"
        spec = "\(escape(spec.file))"

        """
        // Written under a temporary name, then linked into place: link fails if another
        // process wrote the lock first, and then its lock is the one checked.
        let temporary = TemporaryName.next(for: path)
        do { try text.write(toFile: temporary, atomically: false, encoding: .utf8) } catch {
            unlink(temporary)
            throw RunError("cannot write \(path): \(ResultsStore.reason(error)); the results folder must be writable", status: .badInput)
        }
        let linked = link(temporary, path) == 0 ? 0 : errno
        unlink(temporary)
        if linked == EEXIST {
            _ = try check(folder: folder, spec: spec)
        } else if linked != 0 {
            throw RunError("cannot write \(path): \(String(cString: strerror(linked)))", status: .badInput)
        }
    }

    /// Checks the folder's lock against `spec` without writing one.
    /// - Returns: false when the folder has no lock.
    /// - Throws: `RunError` (status 2) when it names another version of the spec, or is not a lock.
    @discardableResult
    public static func check(folder: String, spec: ExperimentSpec) throws -> Bool {
        let path = "\(folder)/\(fileName)"
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        guard data.count <= maximumBytes else {
            throw RunError("\(path) is \(data.count) bytes, not a spec lock; delete it if \(folder) holds only this spec's trials", status: .badInput)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard let stored = value(of: "trial_hash", in: text) else {
            throw RunError("\(path) has no trial_hash line, so it is not a spec lock; delete it if \(folder) holds only this spec's trials", status: .badInput)
        }
        guard stored == spec.trialHash else {
            let origin = value(of: "spec", in: text).map { " from \($0)" } ?? ""
            throw RunError("\(folder) holds the trials of another version of spec '\(spec.name)' or of its algorithms' defaults (docs/ALGORITHMS.md, \"Results revisions\"; \(path): trial hash \(stored.prefix(12))…\(origin); this spec \(spec.trialHash.prefix(12))…); move the folder aside, pass --results DIR, or rename the experiment", status: .badInput)
        }
        return true
    }

    /// The spec file the folder's lock names, if it has a lock (what a report cites).
    public static func specFile(folder: String) -> String? {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(fileName)"), data.count <= maximumBytes else { return nil }
        return value(of: "spec", in: String(decoding: data, as: UTF8.self))
    }

    /// The quoted value of `key = "…"` on a line of its own.
    static func value(of key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == key else { continue }
            let raw = parts[1].trimmingCharacters(in: .whitespaces)
            guard raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") else { return nil }
            return OneLineText.escapingControls(String(raw.dropFirst().dropLast()))
        }
        return nil
    }

    private static func escape(_ text: String) -> String {
        OneLineText.escapingControls(text).replacingOccurrences(of: "\"", with: "'")
    }
}
