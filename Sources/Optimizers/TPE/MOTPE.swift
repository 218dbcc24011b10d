import NASCore
import SearchSpaces

/// Optuna's TPE sampler as it runs in a multi-objective study with default settings (MOTPE),
/// on any search space's integer-gene view.
///
/// ```swift
/// // Each gene a categorical suggestion over its values (the `optuna_motpe.py` client):
/// MOTPE().run(space: space, trial: trial, rng: &rng)
/// // Each gene an `IntDistribution(lo, hi)` suggestion:
/// MOTPE(suggestion: .int).run(space: space, trial: trial, rng: &rng)
/// ```
///
/// Ozaki, Tanigaki, Watanabe & Onishi 2020 ("Multiobjective tree-structured Parzen
/// estimator for computationally expensive optimization problems", GECCO) and Ozaki et al.
/// 2022 (JAIR 73), as `optuna.samplers.TPESampler` of Optuna 5.1.0
/// (`optuna/samplers/_tpe/sampler.py`) behind `study.ask()`/`study.tell()`:
///
/// * the first `startupTrials` (10) completed trials are sampled uniformly at random;
/// * then, per trial, the completed trials are split (`MOTPESplit`): ⌈0.1 n⌉ below by
///   non-domination rank with hypervolume subset selection on the last front, on the
///   objectives minimised by direction and not normalised;
/// * each gene on its own (`multivariate=False`, the default with several objectives):
///   l(x) from the below trials with uniform weights, g(x) from the above trials with
///   `default_weights` in trial order, each with a prior kernel of weight `priorWeight` (1);
///   `candidates` (24) draws from l(x), and the draw maximising log l(x) − log g(x) (the
///   first on ties) is the suggestion.
///
/// With one objective the sampler is Optuna's single-objective default instead: gamma
/// capped at 25, `default_weights` below too, and all genes jointly (`multivariate=True`).
///
/// An evaluation without an answer, or with a NaN objective, is a failed trial for Optuna:
/// the sampler never sees it (it does not count toward the startup trials or the split).
/// A gene with a single value is fixed without a draw, as Optuna fixes a single-choice
/// distribution without asking the sampler. Every draw comes from the trial's `rng`;
/// Optuna's two NumPy streams (random and TPE, seeded alike) are not reproduced bit for bit.
///
/// With `int` suggestions, which of several equal observations gets a wide kernel follows
/// numpy's tie order in Optuna (its SIMD `argsort`: hardware-dependent, scrambled); here it
/// is a random order from the trial's stream (`shuffleTies`), one uniform draw per
/// completed trial before each TPE suggestion.
///
/// - Complexity: per trial after the startup, the split (O(n log n) plus O(n·n/10) for the
///   subset selection with two objectives) and, per gene, O(n · choices + candidates · n).
public struct MOTPE: Optimizer {
    /// How each gene is suggested to Optuna.
    public enum Suggestion: String, Sendable, CaseIterable {
        /// `suggest_categorical(name, list(range(lo, hi + 1)))`.
        case categorical
        /// `suggest_int(name, lo, hi)`: discretised truncated-Gaussian kernels.
        case int
    }

    public var suggestion: Suggestion
    /// Optuna `n_startup_trials`.
    public var startupTrials: Int
    /// Optuna `n_ei_candidates`.
    public var candidates: Int
    /// Optuna `prior_weight`.
    public var priorWeight: Double
    /// Optuna `multivariate`; nil: Optuna's default (joint with one objective only).
    public var multivariate: Bool?
    /// Optuna `consider_magic_clip` and `consider_endpoints` (`int` suggestions only).
    public var considerMagicClip: Bool
    public var considerEndpoints: Bool
    /// `int` only: equal observations take their kernel widths in a random order (drawn
    /// from the trial's stream), not in trial order. Optuna's widths follow numpy's
    /// `argsort`, whose SIMD sort leaves ties in no fixed order; with `default_weights` the
    /// order changes g(x), and only the random order reproduces Optuna's results (README,
    /// "External vs built-in").
    public var shuffleTies: Bool

    public init(suggestion: Suggestion = .categorical, startupTrials: Int = 10, candidates: Int = 24,
                priorWeight: Double = 1, multivariate: Bool? = nil,
                considerMagicClip: Bool = true, considerEndpoints: Bool = false, shuffleTies: Bool = true) {
        precondition(startupTrials >= 0 && candidates >= 1 && priorWeight >= 0, "TPE needs candidates and a non-negative prior weight")
        self.suggestion = suggestion
        self.startupTrials = startupTrials
        self.candidates = candidates
        self.priorWeight = priorWeight
        self.multivariate = multivariate
        self.considerMagicClip = considerMagicClip
        self.considerEndpoints = considerEndpoints
        self.shuffleTies = shuffleTies
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        let objectives = trial.evaluator.objectives
        guard !objectives.isEmpty else { return }
        let bounds = space.geneBounds
        var history = History()
        while !trial.isExhausted {
            let genes = suggest(bounds: bounds, history: history, objectiveCount: objectives.count, using: &rng)
            let architecture = space.architecture(fromGenes: genes, using: &rng)
            guard let answer = trial.evaluate(architecture) else {
                if trial.isExhausted { return }
                continue
            }
            let losses = zip(objectives, answer.objectives).map { $0.minimised($1) }
            if losses.contains(where: \.isNaN) { continue }
            history.genes.append(genes)
            history.losses.append(losses)
        }
    }

    /// The completed trials the sampler sees, in trial order: genes and minimised objectives.
    public struct History: Sendable, Equatable {
        public var genes: [[Int]] = []
        public var losses: [[Double]] = []
        public init() {}
    }

    /// The next trial's genes given the completed ones (Optuna's `sample_independent` for
    /// each gene in order, or one `sample_relative` when multivariate).
    ///
    /// - Complexity: as the type's per-trial cost.
    public func suggest(bounds: [ClosedRange<Int>], history: History, objectiveCount: Int,
                        using rng: inout Xoshiro256StarStar) -> [Int] {
        var genes = bounds.map(\.lowerBound)
        let free = bounds.indices.filter { bounds[$0].count > 1 }
        if history.genes.count < startupTrials {
            for d in free { genes[d] = Int.random(in: bounds[d], using: &rng) }
            return genes
        }
        var tieKeys: [Double]? = nil
        if shuffleTies && suggestion == .int {
            tieKeys = history.genes.indices.map { _ in Double.random(in: 0..<1, using: &rng) }
        }
        for (group, l, g) in estimators(bounds: bounds, history: history, objectiveCount: objectiveCount, tieKeys: tieKeys) {
            var best: [Int] = []
            var bestScore = -Double.infinity
            for x in l.sample(count: candidates, using: &rng) {
                let score = l.logDensity(x) - g.logDensity(x)
                if best.isEmpty || score > bestScore { best = x; bestScore = score }
            }
            for (d, choice) in zip(group, best) { genes[d] = bounds[d].lowerBound + choice }
        }
        return genes
    }

    /// The split of the completed trials and, for each group of genes sampled together
    /// (each free gene alone unless multivariate), l(x) and g(x) over its choice indices.
    ///
    /// - Precondition: `history` holds at least one trial.
    func estimators(bounds: [ClosedRange<Int>], history: History, objectiveCount: Int, tieKeys: [Double]? = nil)
        -> [(genes: [Int], l: ParzenEstimator, g: ParzenEstimator)] {
        let n = history.genes.count
        let isBelow = MOTPESplit.below(history.losses, count: TPEWeights.belowCount(completed: n, objectiveCount: objectiveCount))
        let belowIndices = history.genes.indices.filter { isBelow[$0] }
        let aboveIndices = history.genes.indices.filter { !isBelow[$0] }
        let below = belowIndices.map { history.genes[$0] }
        let above = aboveIndices.map { history.genes[$0] }
        let belowWeights = objectiveCount > 1 ? [Double](repeating: 1, count: below.count) : TPEWeights.defaultWeights(below.count)
        let aboveWeights = TPEWeights.defaultWeights(above.count)
        let free = bounds.indices.filter { bounds[$0].count > 1 }
        let groups = (multivariate ?? (objectiveCount <= 1)) ? (free.isEmpty ? [] : [free]) : free.map { [$0] }
        return groups.map { group in
            (group, estimator(below, dimensions: group, bounds: bounds, weights: belowWeights, tieKeys: tieKeys.map { k in belowIndices.map { k[$0] } }),
             estimator(above, dimensions: group, bounds: bounds, weights: aboveWeights, tieKeys: tieKeys.map { k in aboveIndices.map { k[$0] } }))
        }
    }

    /// l(x) or g(x) over the genes `dimensions`, by the suggestion kind.
    func estimator(_ observed: [[Int]], dimensions: [Int], bounds: [ClosedRange<Int>], weights: [Double],
                   tieKeys: [Double]? = nil) -> ParzenEstimator {
        switch suggestion {
        case .categorical:
            return .categorical(observations: observed.map { genes in dimensions.map { genes[$0] - bounds[$0].lowerBound } },
                                choiceCounts: dimensions.map { bounds[$0].count }, weights: weights, priorWeight: priorWeight)
        case .int:
            return .integer(observations: observed.map { genes in dimensions.map { genes[$0] } },
                            bounds: dimensions.map { bounds[$0] }, weights: weights, priorWeight: priorWeight,
                            considerMagicClip: considerMagicClip, considerEndpoints: considerEndpoints, tieKeys: tieKeys)
        }
    }
}
