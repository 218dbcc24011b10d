import Indicators
import NASCore
import Predictors
import SearchSpaces

/// LINAS, Intel's lightweight iterative NAS, as DyNAS-T 1.6.0 runs it
/// (`dynast/search/search_tactic.py::LINAS.search`; ALGORITHMS.md L.1–L.4; Cummings et al.,
/// arXiv 2202.12934 and 2205.10358).
///
/// ```swift
/// let linas = LINAS(population: 50, innerGenerations: 400, predictor: PredictorModel(.dynast))
/// linas.run(space: space, trial: trial, rng: &rng)
/// ```
///
/// `population` uniform random genomes are evaluated; then, for `round(budget/population)`
/// loops (under a simulated-seconds budget, which has no count to divide, until the trial's
/// time is spent): fit one predictor per objective on every evaluated architecture (deduplicated,
/// first occurrence kept, as pandas `drop_duplicates`), run the inner search on the
/// predictors (pymoo GA for one objective, NSGA-II for two, U-NSGA-III for three or more, or
/// any `LINASInnerSearch`), and evaluate its whole
/// final population (all ranks) as the next population. Nothing is deduplicated against
/// the archive.
///
/// Variant `dynast-1.6` (the default) runs the inner search with the *same* seed every
/// loop, as DyNAS-T does. The options users ask for are off by default:
/// - `skipEvaluated`: drop proposals already evaluated and fill up with new random genomes;
/// - `frontOnly`: hand over only the inner search's predicted Pareto front (rank 0);
/// - `warmStart`: start the inner search from the best evaluated genomes, not random ones.
///
/// DyNAS-T also fits predictors and runs the inner search after the last evaluated loop
/// and never uses the result; that work is skipped here, as it cannot change a trial.
public struct LINAS: Optimizer {
    public enum InnerAlgorithm: String, Sendable, CaseIterable {
        case nsga2
        case ga
    }

    public var population: Int
    /// Inner generations per loop (pymoo `n_gen`); DyNAS-T: inner evaluations / population,
    /// e.g. 20,000 / 50 = 400 for OFA-MobileNetV3.
    public var innerGenerations: Int
    /// Nil (with no `innerSearch`): DyNAS-T's rule (L.3): GA for one objective, NSGA-II for
    /// two, U-NSGA-III for three or more.
    public var inner: InnerAlgorithm?
    /// Any other population MOEA as the inner search (`LINASInnerSearch.named` has DyNAS-T's);
    /// when set, it replaces `inner` and `innerGenerations`.
    public var innerSearch: LINASInnerSearch?
    /// The catalogue entry fitted per objective (`LINAS.predictor(named:)` gives the spec's
    /// names); models that draw random numbers get seed 0 unless the entry sets one, so
    /// that no draw is taken from the trial's stream.
    public var predictor: PredictorModel
    public var sameInnerSeedEveryLoop = true
    public var skipEvaluated = false
    public var frontOnly = false
    public var warmStart = false
    public var mutationSemantics: PolynomialMutation.Semantics = .pymoo06

    public init(population: Int = 50, innerGenerations: Int = 400, inner: InnerAlgorithm? = nil, predictor: PredictorModel = PredictorModel(.dynast)) {
        self.population = population
        self.innerGenerations = innerGenerations
        self.inner = inner
        self.predictor = predictor
    }

    /// Python's `round`: halves go to the even neighbour (round(4.5) = 4, round(5.5) = 6).
    static func loops(evaluations: Int, population: Int) -> Int {
        Int((Double(evaluations) / Double(population)).rounded(.toNearestOrEven))
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        let objectives = trial.evaluator.objectives
        guard !objectives.isEmpty else { return }
        let bounds = space.geneBounds
        let loopCount: Int
        switch trial.budget {
        case .evaluations(let n): loopCount = Self.loops(evaluations: n, population: population)
        case .simulatedSeconds: loopCount = Int.max
        }
        // One seed for every inner search of this trial (dynast-1.6), drawn from the trial's stream.
        let innerSeed = rng.next()
        var proposals = (0..<population).map { _ in bounds.map { $0.lowerBound + rng.nextInt(below: $0.count) } }
        var archive: [S.Architecture: Int] = [:]
        var features: [[Double]] = []
        var targets: [[Double]] = []   // minimised objectives, one row per archived architecture
        var archiveGenes: [[Int]] = []
        var loop = 0
        while loop < loopCount && !trial.isExhausted {
            for genes in proposals {
                let architecture = space.architecture(fromGenes: genes, using: &rng)
                guard let answer = trial.evaluate(architecture) else {
                    if trial.isExhausted { return }
                    continue
                }
                if archive[architecture] == nil {
                    archive[architecture] = features.count
                    features.append(space.features(of: architecture))
                    targets.append(zip(objectives, answer.objectives).map { $0.minimised($1) })
                    archiveGenes.append(space.genes(of: architecture))
                }
            }
            loop += 1
            if loop >= loopCount || trial.isExhausted { return }
            guard let models = Self.fitPerObjective(predictor, features: features, targets: targets) else { return }
            var innerRNG = sameInnerSeedEveryLoop ? Xoshiro256StarStar(seed: innerSeed) : Xoshiro256StarStar(seed: rng.next())
            let initial = warmStart ? warmStartGenomes(archiveGenes, targets) : nil
            // Decoding a genome may repair it; spaces that repair at random draw from their
            // own stream here so the inner search's stream stays pymoo's.
            var repairRNG = Xoshiro256StarStar(seed: innerSeed ^ 0x9E37_79B9_7F4A_7C15)
            let width = features[0].count
            // The inner search proposes the same genome many times over 400 generations;
            // predictions are memoised per loop (the models do not change within a loop).
            var memo: [[Int]: [Double]] = [:]
            let predict: ([[Int]]) -> [[Double]] = { batch in
                let fresh = Array(Set(batch.filter { memo[$0] == nil }))
                if !fresh.isEmpty {
                    let x = Matrix(rows: fresh.count, columns: width,
                                   values: fresh.flatMap { space.features(of: space.architecture(fromGenes: $0, using: &repairRNG)) })
                    let columns = models.map { (try? $0.predict(x)) ?? Array(repeating: .infinity, count: fresh.count) }
                    for (i, genes) in fresh.enumerated() { memo[genes] = columns.map { $0[i] } }
                }
                return batch.map { memo[$0] ?? [] }
            }
            var next: [[Int]]
            if let innerSearch = innerSearch ?? defaultInnerSearch(objectiveCount: objectives.count) {
                let final = innerSearch.run(bounds: bounds, objectiveCount: objectives.count, rng: &innerRNG, initial: initial, objectives: predict)
                next = frontOnly ? final.front.map { final.genes[$0] } : final.genes
            } else {
                let final = evolveInner(bounds: bounds, objectiveCount: objectives.count, rng: &innerRNG, initial: initial, predict: predict)
                next = frontOnly ? final.paretoFront.map { final.genes[$0] } : final.genes
            }
            if skipEvaluated {
                next = next.filter { archive[space.architecture(fromGenes: $0, using: &rng)] == nil }
                var attempts = 0
                while next.count < population && attempts < 100 * population {
                    attempts += 1
                    let genes = bounds.map { $0.lowerBound + rng.nextInt(below: $0.count) }
                    if archive[space.architecture(fromGenes: genes, using: &rng)] == nil { next.append(genes) }
                }
            }
            proposals = next
        }
    }

    /// DyNAS-T's U-NSGA-III for three or more objectives when nothing is chosen; nil leaves
    /// the choice to `evolveInner` (GA or NSGA-II).
    private func defaultInnerSearch(objectiveCount: Int) -> LINASInnerSearch? {
        guard inner == nil, objectiveCount >= 3 else { return nil }
        return LINASInnerSearch.named("unsga3", population: population, generations: innerGenerations)
    }

    private func evolveInner(bounds: [ClosedRange<Int>], objectiveCount: Int, rng: inout Xoshiro256StarStar,
                             initial: [[Int]]?, predict: ([[Int]]) -> [[Double]]) -> NSGA2.Population {
        let algorithm = inner ?? (objectiveCount >= 2 ? .nsga2 : .ga)
        switch algorithm {
        case .nsga2:
            let nsga2 = NSGA2(population: population, mutationSemantics: mutationSemantics)
            return nsga2.evolve(bounds: bounds, generations: innerGenerations, using: &rng, initial: initial, objectives: predict)
        case .ga:
            let ga = PymooGA(population: population, mutationSemantics: mutationSemantics)
            return ga.evolve(bounds: bounds, generations: innerGenerations, using: &rng, initial: initial, objectives: predict)
        }
    }

    /// The `population` evaluated genomes with the best Pareto rank (then first found).
    private func warmStartGenomes(_ genes: [[Int]], _ targets: [[Double]]) -> [[Int]] {
        let ranks = NonDominatedSorting.ranks(targets.map { $0.map { $0.isFinite ? $0 : .greatestFiniteMagnitude } })
        let order = genes.indices.sorted { ranks[$0] < ranks[$1] || (ranks[$0] == ranks[$1] && $0 < $1) }
        return order.prefix(population).map { genes[$0] }
    }
}
