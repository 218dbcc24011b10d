import Optimizers

/// `type = "motpe"`: Optuna 5.1.0's TPESampler in a multi-objective study with default
/// settings (the `optuna_motpe.py` client without Python).
enum MOTPEType: AlgorithmType {
    static let name = "motpe"
    static let aliases = ["tpe"]
    static let summary = "Optuna's multi-objective TPE, one categorical suggestion per gene"
    static let reference = "Optuna 5.1.0 TPESampler with default settings in a multi-objective study: 10 random trials, then ⌈0.1 n⌉ below by non-domination rank with hypervolume subset selection (objectives minimised, not normalised), independent per-gene Parzen estimators with a prior of weight 1, 24 candidates from l(x), argmax log l − log g"
    static let keys = [
        AlgorithmKey("suggest", .string(options: MOTPE.Suggestion.allCases.map(\.rawValue)), default: .value(.string(MOTPE.Suggestion.categorical.rawValue)),
                     "categorical: suggest_categorical over each gene's values; int: suggest_int(lo, hi), truncated-Gaussian kernels"),
        AlgorithmKey("startup_trials", .int(0...1_000_000), default: .value(.int(10)), "random trials before TPE (n_startup_trials)"),
        AlgorithmKey("ei_candidates", .int(1...1_000_000), default: .value(.int(24)), "candidates drawn from l(x) per suggestion (n_ei_candidates)"),
        AlgorithmKey("prior_weight", .double(0...1_000_000), default: .value(.double(1)), "weight of the prior kernel"),
        AlgorithmKey("shuffle_ties", .bool, default: .value(.bool(true)), "int only: equal observations take kernel widths in random order (as numpy's SIMD argsort leaves Optuna's ties); false: trial order"),
        AlgorithmKey("multivariate", .bool, default: .derived("false with several objectives, true with one"), "one joint Parzen estimator over all genes"),
    ]

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        var motpe = MOTPE(suggestion: try keys.string("suggest").flatMap(MOTPE.Suggestion.init(rawValue:)) ?? .categorical,
              startupTrials: try keys.int("startup_trials") ?? 10,
              candidates: try keys.int("ei_candidates") ?? 24,
              priorWeight: try keys.double("prior_weight") ?? 1,
              multivariate: try keys.bool("multivariate"))
        motpe.shuffleTies = try keys.bool("shuffle_ties") ?? true
        return motpe
    }
}
