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
        } else {
            config.optimizer.run(space: space, trial: trialEvaluator, rng: &rng)
        }
        return Self.summarise(trialEvaluator.records, objectives: evaluator.objectives, reportedCount: evaluator.reported.count,
                         algorithm: config.label, trial: trial, seed: seed, front: front,
                         stalled: trialEvaluator.stalled, unanswered: trialEvaluator.unanswered)
    }

    /// Best-so-far and hypervolume curves from an evaluation log.
    ///
    /// The incumbent is the evaluation with the best first objective so far; a later one
    /// replaces it only if strictly better, and NaN never does. Its reported metrics are
    /// what a user would have deployed, so they are the "test" curve.
    static func summarise<R>(_ records: [R], objectives: [Objective], reportedCount r: Int, algorithm: String, trial: Int,
                             seed: UInt64, front: TableParetoFront?, stalled: Bool, unanswered: Int) -> TrialResult
        where R: TrialRecordLike {
        let n = records.count
        let k = objectives.count
        var result = TrialResult(algorithm: algorithm, trial: trial, seed: seed, rows: [], objectives: [], reported: [],
                                 cost: [], cumulativeCost: [], exact: [], bestSignal: [], incumbentReported: [],
                                 hypervolume: [], normalizedHypervolume: [], frontRows: [], stalled: stalled, unanswered: unanswered)
        result.rows.reserveCapacity(n)
        result.objectives.reserveCapacity(n * k)
        result.bestSignal.reserveCapacity(n)
        var best = -Double.infinity
        var incumbent = [Double](repeating: .nan, count: r)
        // Not optional: unwrapping into a copy each step would copy the archive every time.
        var curve = HypervolumeCurve(reference: front?.normalizer.reference ?? [1])
        var minimisedPoints: [[Double]] = []
        for record in records {
            result.rows.append(Int32(record.row))
            result.objectives += record.objectives
            result.reported += record.reported
            result.cost.append(record.cost)
            result.cumulativeCost.append(record.cumulativeCost)
            result.exact.append(record.exact ? 1 : 0)
            let v = record.objectives[0]
            let signal = objectives[0].maximised(v)
            if !signal.isNaN && signal > best {
                best = signal
                incumbent = record.reported
            }
            // `maximised` is its own inverse: this is `best` back in natural units.
            result.bestSignal.append(best == -.infinity ? .nan : objectives[0].maximised(best))
            result.incumbentReported += incumbent
            if let front {
                let raw = record.objectives
                let point = raw.allSatisfy(\.isFinite) ? front.normalizer.normalize(raw) : front.normalizer.reference
                minimisedPoints.append(point)
                let hv = curve.append(point)
                result.hypervolume.append(hv)
                result.normalizedHypervolume.append(hv / front.score.trueHypervolume)
            }
        }
        if front != nil, !minimisedPoints.isEmpty {
            // The first front only (O(n·F), not all ranks' O(M n²) for three or more objectives);
            // the same members, in the same order.
            let members: [Int]
            if minimisedPoints.allSatisfy({ $0.allSatisfy(\.isFinite) }) {
                members = NonDominatedSorting.firstFront(minimisedPoints)
            } else {
                let ranks = NonDominatedSorting.ranks(minimisedPoints)
                members = minimisedPoints.indices.filter { ranks[$0] == 0 }
            }
            var seen = Set<Int32>()
            for i in members where seen.insert(result.rows[i]).inserted {
                result.frontRows.append(result.rows[i])
            }
        }
        return result
    }
}

/// The fields of an evaluation record the summary needs.
protocol TrialRecordLike {
    var row: Int { get }
    var objectives: [Double] { get }
    var reported: [Double] { get }
    var cost: Double { get }
    var cumulativeCost: Double { get }
    var exact: Bool { get }
}

extension TrialEvaluator.Record: TrialRecordLike {}
