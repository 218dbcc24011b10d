import HDF5Kit

/// What a results folder's runs.h5 holds: a search run or a predictor evaluation. The two
/// share the file name, so commands that take a folder (`plot`, `run --trials`) ask this.
///
/// ```swift
/// switch try StoredRuns.read(store.runsFile) {
/// case .search(let runs): print(runs.provenance.experiment)
/// case .predictorEvaluation(let file): print(file.provenance.sizes)
/// }
/// ```
public enum StoredRuns: Sendable {
    case search(RunsFile)
    case predictorEvaluation(PredictorRunsFile)

    /// Reads the file once and parses it as the kind it is.
    ///
    /// - Throws: `HDF5Error` for a missing or damaged file, `RunError` for one that is
    ///   neither kind.
    public static func read(_ path: String) throws -> StoredRuns {
        let root = try HDF5File.read(path)
        if PredictorRunsFile.holdsPredictorEvaluation(root) {
            return .predictorEvaluation(try PredictorRunsFile(group: root, path: path))
        }
        return .search(try RunsFile(group: root, path: path))
    }

    /// The trial count recorded in the runs.h5 at `path`; nil when there is none or it
    /// cannot be read.
    public static func trialCount(at path: String) -> Int? {
        guard let stored = try? read(path) else { return nil }
        return stored.trials
    }

    /// The number of trials the file holds.
    public var trials: Int {
        switch self {
        case .search(let runs): runs.provenance.trials
        case .predictorEvaluation(let file): file.provenance.trials
        }
    }
}
