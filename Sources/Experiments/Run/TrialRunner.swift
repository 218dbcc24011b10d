import Benchmarks
import Indicators
import NASCore
import Optimizers
import SearchSpaces

/// Runs one seeded trial of one algorithm on one benchmark and turns its log into curves;
/// a space binding hands it the space and the evaluator (`SpaceBinding.withSearch`).
///
/// Pure computation: no files, no shared state, so trials run in parallel and the same
/// seed always gives the same result. An `external` trial is the one exception: it talks
/// to its own child process (ExternalOptimizer), still with nothing shared between trials.
struct TrialRunner: SearchVisitor {
    var config: AlgorithmConfig
    var budget: Budget
    var trial: Int
    var seed: UInt64
    var front: TableParetoFront?

    func visit<S: SearchSpace, E: Evaluator>(space: S, evaluator: E) throws -> TrialResult where E.Architecture == S.Architecture {
        var rng = Xoshiro256StarStar(seed: seed)
        let trialEvaluator = TrialEvaluator(evaluator, budget: budget, cache: config.cache)
        if let external = config.optimizer as? ExternalOptimizer {
            // A client program can fail; its failure is this trial's (ExternalTrialFailure).
            try external.run(space: space, trial: trialEvaluator, rng: &rng, label: config.label, trial: trial, seed: seed)
        } else if !SpecializedSearch.run(config.optimizer, space: space, trial: trialEvaluator, rng: &rng) {
            config.optimizer.run(space: space, trial: trialEvaluator, rng: &rng)
        }
        return Self.summarise(trialEvaluator.log, objectives: evaluator.objectives, reportedCount: evaluator.reported.count,
                         algorithm: config.label, trial: trial, seed: seed, front: front,
                         stalled: trialEvaluator.stalled, unanswered: trialEvaluator.unanswered)
    }

    /// Best-so-far and hypervolume curves from an evaluation log.
    ///
    /// The incumbent is the evaluation with the best first objective so far; a later one
    /// replaces it only if strictly better, and NaN never does. Its reported metrics are
    /// what a user would have deployed, so they are the "test" curve.
    static func summarise(_ log: EvaluationLog, objectives: [Objective], reportedCount r: Int, algorithm: String, trial: Int,
                          seed: UInt64, front: TableParetoFront?, stalled: Bool, unanswered: Int) -> TrialResult {
        let n = log.count
        let k = objectives.count
        // The log's arrays are the result's: moved, not copied per evaluation. Costs of +0.0
        // are the arrays every such trial shares (`ZeroColumn`).
        var result = TrialResult(algorithm: algorithm, trial: trial, seed: seed, rows: log.rows, objectives: log.objectives,
                                 reported: log.reported, cost: ZeroColumn.shared(log.cost),
                                 cumulativeCost: ZeroColumn.shared(log.cumulativeCost), exact: log.exact,
                                 bestSignal: [], incumbentReported: [], hypervolume: [], normalizedHypervolume: [], frontRows: [],
                                 stalled: stalled, unanswered: unanswered)
        result.bestSignal.reserveCapacity(n)
        result.incumbentReported.reserveCapacity(n * r)
        var best = -Double.infinity
        var incumbent = 0..<0    // the incumbent's reported metrics in `log.reported`; none yet: NaN
        let none = [Double](repeating: .nan, count: r)
        // The trial's points normalised and minimised, one flat array; an evaluation with
        // a non-finite objective counts as the reference point (it adds no volume).
        let minimised: [Double] = front.map { front in
            var flat = front.normalizer.normalize(flat: log.objectives)
            for i in 0..<n where !log.objectives[(i * k)..<(i * k + k)].allSatisfy(\.isFinite) {
                for j in 0..<k { flat[i * k + j] = 1 }
            }
            return flat
        } ?? []
        // Not optional: unwrapping into a copy each step would copy the archive every time.
        var curve = HypervolumeCurve(reference: front?.normalizer.reference ?? [1])
        if front != nil {
            result.hypervolume.reserveCapacity(n)
            result.normalizedHypervolume.reserveCapacity(n)
        }
        minimised.withUnsafeBufferPointer { points in
            for i in 0..<n {
                let v = log.objectives[i * k]
                let signal = objectives[0].maximised(v)
                if !signal.isNaN && signal > best {
                    best = signal
                    incumbent = (i * r)..<(i * r + r)
                }
                // `maximised` is its own inverse: this is `best` back in natural units.
                result.bestSignal.append(best == -.infinity ? .nan : objectives[0].maximised(best))
                if incumbent.isEmpty { result.incumbentReported += none } else { result.incumbentReported += log.reported[incumbent] }
                if let front {
                    let hv = curve.append(flat: points, row: i, dimension: k)
                    result.hypervolume.append(hv)
                    result.normalizedHypervolume.append(hv / front.score.trueHypervolume)
                }
            }
        }
        if front != nil, n > 0 {
            // The first front only (O(n·F), not all ranks' O(M n²) for three or more objectives);
            // the same members, in the same order. Normalised values are finite unless a
            // table bound is infinite; those take the general ranking.
            let members: [Int]
            if minimised.allSatisfy(\.isFinite) {
                members = NonDominatedSorting.firstFront(flat: minimised, dimension: k) ?? []
            } else {
                let ranks = NonDominatedSorting.ranks((0..<n).map { Array(minimised[($0 * k)..<($0 * k + k)]) })
                members = (0..<n).filter { ranks[$0] == 0 }
            }
            var seen = Set<Int32>()
            for i in members where seen.insert(result.rows[i]).inserted {
                result.frontRows.append(result.rows[i])
            }
        }
        return result
    }
}

