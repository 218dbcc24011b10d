import Foundation
import NASCore
import Predictors

/// The scores of a predictor evaluation: per model × size × trial, MAPE, RMSE, Kendall τ,
/// Spearman ρ and fit time; written to `runs.h5` and summarised in `summary.md`.
///
/// ```swift
/// let result = try experiment.run()
/// result.scores(model: 0, size: 2).map(\.kendallTau)     // one value per trial
/// try result.write(to: ResultsStore(root: "results", experiment: spec.name))
/// ```
///
/// `runs.h5` is a ``PredictorRunsFile``. MAPE is a fraction, as scikit-learn returns it.
public struct PredictorExperimentResult: Sendable {
    public struct Score: Sendable, Equatable {
        public var mape: Double
        public var rmse: Double
        public var kendallTau: Double
        public var spearmanRho: Double
        public var fitSeconds: Double
        public var predictSeconds: Double
    }

    public let spec: PredictorExperimentSpec
    public let trialSeeds: [UInt64]
    /// `scores[trial][model * sizes.count + size]`.
    public let scores: [[Score]]

    public func scores(model: Int, size: Int) -> [Score] {
        scores.map { $0[model * spec.sizes.count + size] }
    }

    static let metrics: [(key: String, title: String, value: @Sendable (Score) -> Double)] = [
        ("mape", "MAPE (%)", { $0.mape * 100 }),
        ("rmse", "RMSE", { $0.rmse }),
        ("kendall_tau", "Kendall τ", { $0.kendallTau }),
        ("spearman_rho", "Spearman ρ", { $0.spearmanRho }),
        ("fit_seconds", "Fit time (ms)", { $0.fitSeconds * 1000 }),
    ]

    /// What `runs.h5` holds (layout in `PredictorRunsFile`).
    public var runsFile: PredictorRunsFile {
        let provenance = PredictorRunsFile.Provenance(
            name: spec.name, benchmark: spec.benchmark, target: spec.target, trials: spec.trials, seed: spec.seed,
            testSize: spec.testSize, sizes: spec.sizes, labelScaling: spec.labelScaling, specSHA256: spec.textHash,
            codeVersion: NASReplayVersion.string)
        let models = spec.models.enumerated().map { m, model in
            let matrix = { (value: (Score) -> Double) in
                scores.map { trial in spec.sizes.indices.map { value(trial[m * spec.sizes.count + $0]) } }
            }
            return PredictorRunsFile.Model(
                label: model.name, type: model.type, parameters: Self.describe(model),
                scores: .init(mape: matrix(\.mape), rmse: matrix(\.rmse), kendallTau: matrix(\.kendallTau),
                              spearmanRho: matrix(\.spearmanRho), fitSeconds: matrix(\.fitSeconds), predictSeconds: matrix(\.predictSeconds)))
        }
        return PredictorRunsFile(provenance: provenance, trialSeeds: trialSeeds, models: models)
    }

    /// Mean ± sample standard deviation per model × size, one table per metric.
    public func summary() -> String {
        var out = "# \(spec.name)\n\n"
        out += "Predictor evaluation (LINAS paper protocol, arXiv 2202.12934 §4.1) on `\(spec.benchmark)`, target "
        out += "`\(spec.target)`: \(spec.trials) trials (seed \(spec.seed)), each with \(spec.testSize) test rows and nested "
        out += "training subsets of \(spec.sizes.map(String.init).joined(separator: ", ")) rows. Mean ± std over trials.\n"
        if spec.splitStream != spec.name {
            out += "\nEach trial's test and training rows are those of spec `\(spec.splitStream)` (`splits_from`), "
            out += "so these models are scored on the same rows as that spec's.\n"
        }
        if spec.labelScaling == .dynast {
            out += "\nEvery model was fitted on labels scaled as DyNAS-T scales them (÷ 10^(⌊log₁₀ max|y|⌋ − 1) of each training subset; "
            out += "predictions scaled back), not on the raw target.\n"
        }
        for metric in Self.metrics {
            out += "\n## \(metric.title)\n\n"
            out += "| model | " + spec.sizes.map(String.init).joined(separator: " | ") + " |\n"
            out += "|---|" + String(repeating: "---|", count: spec.sizes.count) + "\n"
            for (m, model) in spec.models.enumerated() {
                let cells = spec.sizes.indices.map { s in
                    Self.meanStd(scores(model: m, size: s).map(metric.value))
                }
                out += "| \(model.name) | " + cells.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    /// Mean fit seconds per model over all trials and sizes.
    public func meanFitSeconds() -> [(model: String, seconds: Double)] {
        spec.models.enumerated().map { m, model in
            let all = spec.sizes.indices.flatMap { scores(model: m, size: $0).map(\.fitSeconds) }
            return (model.name, all.reduce(0, +) / Double(max(all.count, 1)))
        }
    }

    /// Writes `runs.h5` (atomically, by `HDF5File.write`) and `summary.md`.
    public func write(to store: ResultsStore) throws {
        try store.createFolder()
        store.removeStaleTemporaries()
        try runsFile.write(to: store.runsFile)
        try writeAtomically(summary(), to: store.summaryFile)
    }

    static func describe(_ model: PredictorModel) -> String {
        let p = model.parameters
        var parts: [String] = []
        if let v = p.alpha { parts.append("alpha=\(v)") }
        if let v = p.c { parts.append("C=\(v)") }
        if let v = p.epsilon { parts.append("epsilon=\(v)") }
        if let v = p.gamma { parts.append("gamma=\(v)") }
        if let v = p.nEstimators { parts.append("n_estimators=\(v)") }
        if let v = p.maxDepth { parts.append("max_depth=\(v)") }
        if let v = p.learningRate { parts.append("learning_rate=\(v)") }
        if let v = p.baseScore { parts.append("base_score=\(v)") }
        if let v = p.hidden { parts.append("hidden=\(v)") }
        if let v = p.head { parts.append("head=\(v)") }
        if let v = p.epochs { parts.append("epochs=\(v)") }
        if let v = p.batchSize { parts.append("batch_size=\(v)") }
        if let v = p.folds { parts.append("folds=\(v)") }
        if let v = p.maxNodes { parts.append("max_nodes=\(v)") }
        if let v = p.layer { parts.append("layer=\(v.rawValue)") }
        if let v = p.readout { parts.append("readout=\(v.rawValue)") }
        if let v = p.seed { parts.append("seed=\(v)") }
        if let v = p.dropConstantColumns { parts.append("drop_constant_columns=\(v)") }
        if let v = p.warmStartC { parts.append("warm_start_c=\(v)") }
        return parts.isEmpty ? "defaults" : parts.joined(separator: ", ")
    }

    static func meanStd(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "–" }
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.count > 1 ? values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1) : 0
        return String(format: "%.3f ± %.3f", mean, variance.squareRoot())
    }
}
