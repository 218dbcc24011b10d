import NASCore
import Predictors
import SearchSpaces

/// Once-for-All's own search, one-shot: fit the predictors once on random samples, then
/// one constrained evolution per efficiency constraint (Cai et al., "Once-for-All", ICLR
/// 2020, §3.3; `mit-han-lab/once-for-all`, `ofa/nas/search_algorithm/evolution.py`), the
/// baseline of the LINAS paper's Fig. 5c (Cummings et al. 2022, arXiv 2202.12934).
///
/// ```swift
/// let ofa = OFAOneShot(trainingSamples: 1_000, groups: 4)     // 1,004 evaluations at most
/// ofa.run(space: space, trial: trial, rng: &rng)
/// ```
///
/// On two objectives, the first maximised (accuracy) and the second constrained (latency,
/// MACs), in their spec directions:
/// 1. `trainingSamples` uniform random genomes are evaluated (answered ones count; an
///    architecture without an answer is drawn again).
/// 2. One `predictor` per objective is fitted, once, on the deduplicated samples (first
///    occurrence kept), as LINAS fits its own (`LINAS.fitPerObjective`).
/// 3. `groups` constraints evenly spaced over the constrained objective's range in the
///    samples: with lo and hi its best and worst measured values, group g = 1…G keeps
///    genomes whose *predicted* value is within lo + (hi − lo) · g / G of the best (≤ for a
///    min objective, ≥ for a max one). The last group reaches the worst sample.
/// 4. Per group, in order, `finder` (OFA's `EvolutionFinder`) maximises the predicted first
///    objective under that constraint; its `best_info` is the group's winner. A group whose
///    initial population cannot be filled is skipped.
/// 5. The winners, distinct architectures in group order, are evaluated.
///
/// `chargeTraining` true: the samples are evaluated through the trial, charged to its
/// budget and logged with the winners (so the budget must allow N + G). False, the
/// *offline* mode: OFA trains its predictors before and apart from the search (its
/// accuracy predictor on 16K sub-networks it measured once), so the samples are answered by
/// the evaluator directly, uncharged and not logged; the trial records only the winners.
///
/// What is ours, not OFA's: the thresholds (OFA's tutorial takes one constraint at a time
/// from the user), the union of the winners, and the predictors, which are the LINAS
/// catalogue's (`LINAS.predictor(named:)`, DyNAS-T's by default) on the space's features for
/// both objectives, not OFA's MLP accuracy predictor and latency lookup table.
///
/// Every random draw is from the trial's stream; decoding a genome for its features, which
/// may repair it, draws from a stream seeded once from it, so a genome's predicted and
/// evaluated architecture are the same.
public struct OFAOneShot: Optimizer {
    /// N: random samples the predictors are fitted on (OFA: 16,000 for its accuracy predictor).
    public var trainingSamples: Int
    /// Whether the samples are evaluated through the trial (charged) or answered offline.
    public var chargeTraining: Bool
    /// G: the number of constraints, one evolution each.
    public var groups: Int
    /// The catalogue entry fitted per objective.
    public var predictor: PredictorModel
    /// OFA's evolution, run once per group.
    public var finder: ConstrainedEvolutionFinder

    public init(trainingSamples: Int = 1_000, chargeTraining: Bool = true, groups: Int = 4,
                predictor: PredictorModel = PredictorModel(.dynast), finder: ConstrainedEvolutionFinder = ConstrainedEvolutionFinder()) {
        self.trainingSamples = trainingSamples; self.chargeTraining = chargeTraining; self.groups = groups
        self.predictor = predictor; self.finder = finder
    }

    /// The most evaluations a trial is charged: the samples when charged, and one per group.
    public var maximumEvaluations: Int { (chargeTraining ? trainingSamples : 0) + groups }

    /// The constraints, loosest last: lo + (hi − lo) · g / groups for g = 1…groups, on
    /// minimised values (lo the best sample, hi the worst).
    public static func thresholds(best lo: Double, worst hi: Double, groups: Int) -> [Double] {
        (1...max(1, groups)).map { g in lo + (hi - lo) * Double(g) / Double(groups) }
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        let objectives = trial.evaluator.objectives
        guard objectives.count == 2, groups >= 1 else { return }
        let bounds = space.geneBounds
        var decodeRNG = Xoshiro256StarStar(seed: rng.next())

        // 1. The samples, deduplicated for fitting (first occurrence kept).
        var seen: Set<S.Architecture> = []
        var features: [[Double]] = []
        var targets: [[Double]] = []   // minimised objectives
        var answered = 0, draws = 0
        while answered < trainingSamples && draws < 100 * trainingSamples + 1_000 {
            draws += 1
            let genes = bounds.map { $0.lowerBound + rng.nextInt(below: $0.count) }
            let architecture = space.architecture(fromGenes: genes, using: &rng)
            let answer = chargeTraining ? trial.evaluate(architecture) : trial.evaluator.evaluate(architecture)
            guard let answer else {
                if trial.isExhausted { return }
                continue
            }
            answered += 1
            if seen.insert(architecture).inserted {
                features.append(space.features(of: architecture))
                targets.append(zip(objectives, answer.objectives).map { $0.minimised($1) })
            }
        }

        if trial.isExhausted { return }

        // 2. The predictors, once.
        guard let models = LINAS.fitPerObjective(predictor, features: features, targets: targets) else { return }

        // 3. The constraints over the samples' measured range.
        let constrained = targets.map { $0[1] }.filter(\.isFinite)
        guard let lo = constrained.min(), let hi = constrained.max() else { return }
        let thresholds = Self.thresholds(best: lo, worst: hi, groups: groups)

        // 4. One evolution per group; the winners, distinct, in group order.
        var winners: [S.Architecture] = []
        for group in searchGroups(space: space, models: models, width: features[0].count, thresholds: thresholds,
                                  using: &rng, decoding: &decodeRNG) {
            if let architecture = group.architecture, !winners.contains(architecture) { winners.append(architecture) }
        }

        // 5. The winners.
        for architecture in winners {
            _ = trial.evaluate(architecture)
            if trial.isExhausted { return }
        }
    }
}

extension OFAOneShot {
    /// One group's search: its threshold, the finder's winner (nil: the group was skipped)
    /// and the winner's architecture.
    struct GroupOutcome<A> {
        var threshold: Double
        var winner: ConstrainedEvolutionFinder.Candidate?
        var architecture: A?
    }

    /// The finder once per threshold, on the models' memoised predictions (the models never
    /// change, and groups × generations propose the same genome many times over). The
    /// winner's `efficiency` is its predicted minimised second objective, its `accuracy` the
    /// predicted first objective, maximised.
    func searchGroups<S: SearchSpace>(space: S, models: [any Regressor], width: Int, thresholds: [Double],
                                      using rng: inout Xoshiro256StarStar, decoding decodeRNG: inout Xoshiro256StarStar) -> [GroupOutcome<S.Architecture>] {
        var predictions = MemoisedPredictions(space: space, models: models, width: width)
        return thresholds.map { threshold in
            let outcome = finder.search(
                bounds: space.geneBounds, threshold: threshold, using: &rng,
                efficiency: { predictions.predict($0, objective: 1, using: &decodeRNG) },
                accuracy: { predictions.predict($0, objective: 0, using: &decodeRNG).map { -$0 } })
            let winner = outcome?.best
            return GroupOutcome(threshold: threshold, winner: winner,
                                architecture: winner.map { predictions.architecture(of: $0.genes, using: &decodeRNG) })
        }
    }
}

/// The fitted models' predictions per genome, each computed once: a genome's architecture,
/// and per objective its prediction (minimised, as the models were fitted).
private struct MemoisedPredictions<S: SearchSpace> {
    let space: S
    let models: [any Regressor]
    let width: Int
    var architectures: [[Int]: S.Architecture] = [:]
    var values: [[[Int]: Double]]

    init(space: S, models: [any Regressor], width: Int) {
        self.space = space; self.models = models; self.width = width
        values = Array(repeating: [:], count: models.count)
    }

    mutating func architecture(of genes: [Int], using rng: inout Xoshiro256StarStar) -> S.Architecture {
        if let a = architectures[genes] { return a }
        let a = space.architecture(fromGenes: genes, using: &rng)
        architectures[genes] = a
        return a
    }

    /// Objective `j`'s predictions for a batch; a failed prediction is +∞ (worst).
    mutating func predict(_ batch: [[Int]], objective j: Int, using rng: inout Xoshiro256StarStar) -> [Double] {
        var fresh: [[Int]] = []
        var queued: Set<[Int]> = []
        for genes in batch where values[j][genes] == nil && queued.insert(genes).inserted { fresh.append(genes) }
        if !fresh.isEmpty {
            var rows: [Double] = []
            rows.reserveCapacity(fresh.count * width)
            for genes in fresh { rows += space.features(of: architecture(of: genes, using: &rng)) }
            let column = (try? models[j].predict(Matrix(rows: fresh.count, columns: width, values: rows)))
                ?? Array(repeating: .infinity, count: fresh.count)
            for (genes, v) in zip(fresh, column) { values[j][genes] = v }
        }
        return batch.map { values[j][$0] ?? .infinity }
    }
}
