import NASCore
import Predictors
import SearchSpaces

/// NAS-EA-FA, the surrogate-assisted evolutionary search of Pan & Yao (IJCNN 2021), in its
/// v1 and v2 forms, with the thesis replay (Dervisi 2022) as a named variant.
///
/// ```swift
/// let trial = TrialEvaluator(evaluator, budget: .evaluations(1000), cache: .charge)
/// var rng = Xoshiro256StarStar(seed: 7)
/// NASEAFA(version: .v2).run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
/// ```
///
/// One outer iteration of v2 (`fzjcdt/NAS-EA-FA` `nas10x_nas_ea_fa_v2.py`, ALGORITHMS.md §1.3):
/// 1. rank the previous iteration's G·POP offspring by predicted fitness (stable; the first
///    iteration ranks POP random, unevaluated individuals, all 0, in creation order);
/// 2. evaluate the top K, skipping architectures already in the evaluation cache;
/// 3. evaluate up to H more, the most distant (minimum Hamming distance to the training
///    set, computed once, first strict maximum above 0) of those ranked after the K-th;
/// 4. add every evaluated architecture's augmented sequences to the training set (which
///    grows forever) and refit the XGBoost surrogate;
/// 5. breed G generations of POP children by 20 % tournament (with replacement) and the
///    bitwise mutation, each child scored by the surrogate; no crossover, no elitism.
///
/// v1 (`nas10x_nas_ea_fa.py`) evaluates the top K+H with no diversity step and adds one
/// sequence per evaluation (no augmentation).
///
/// **Evaluation cache.** Pan's `get_*_from_history` is part of the algorithm: a cached
/// architecture gets its stored fitness and is skipped (not counted towards K/H, not
/// charged, not added to the training set). NASEAFA keeps that cache itself, keyed by the
/// graph hash (`NASEAFASpace.naseafaKey`: NB101's module hash; NATS's Pan-hash class), and
/// never queries the trial for a cached key, so the `pan` variant behaves the same under
/// either `CachePolicy`. `dervisi-2022` has no cache (its duplicate check is a bug) and
/// re-queries duplicates, so it must run with `cache = .charge` for repeats to be charged
/// and counted as the thesis code does; under `.free` they are counted towards K/H but
/// not charged.
///
/// **Budget.** The search stops as soon as `trial.evaluate` answers nil with the budget
/// spent; an evaluation-count budget is never exceeded. A query the benchmark cannot
/// answer (off-table) is skipped like a cached one. If 100 outer iterations in a row
/// evaluate nothing (every candidate cached), the search stops rather than spin, where
/// the reference would loop forever.
///
/// **Cost.** Measured (release, this 2-core machine, NATS-TSS, one thread): one NATS v2
/// trial of 1,000 evaluations takes about 1 s of CPU (0.36 s at 500), about 60 % of it in
/// the 199 surrogate refits (up to ~1,100 rows × 24 one-hot features × 100 trees). The
/// refit every outer iteration is the reference's, so speed-ups belong in
/// `GradientBoostedTrees`; its split scan reads 0/1 columns row by row (5.9 s before that).
///
/// - Complexity: per outer iteration, O(|pop| · |distinct training sequences|) popcounts
///   for the distances, one surrogate fit (O(trees · depth · n · d), n the augmented
///   training rows, d ≤ 36) and G·POP predictions.
public struct NASEAFA: Optimizer {
    /// NAS-EA-FA v1 (top K+H, no diversity, no augmentation) or v2.
    public enum Version: String, Sendable, CaseIterable {
        case v1, v2
    }

    /// Which reference code the run replays.
    public enum Variant: String, Sendable, CaseIterable {
        /// `fzjcdt/NAS-EA-FA` exactly as §1.3, with the NB201 file's `break` when no
        /// candidate is at distance > 0 (the NB101 file's fallback is a quirk option).
        case pan
        /// `foteinidd/genetic_nas_acceleration` `nas_ea_fa_v2_train_*_dnc.py` (§2.3): no
        /// evaluation cache (duplicates re-evaluated, charged and counted; run with
        /// `cache = .charge`), Dervisi's one-hot on NB101, Dervisi's mutation validity, the
        /// `start` fallback of the diversity step, and T outer iterations when
        /// `outerIterations` is set (the thesis uses 10). On NATS the encoding stays
        /// Pan's 24-bit sequence: Dervisi's 8-node "dnc" DAG encoding (§2.5) is not ported.
        case dervisi2022 = "dervisi-2022"
    }

    /// Reference behaviours that are bugs, enabled only by name.
    public enum Quirk: String, Sendable, CaseIterable, Hashable {
        /// The NB101 file's diversity fallback: when no remaining candidate is at distance
        /// > 0, evaluate `pop[2·start + 1]` instead of stopping. Pan's code spins forever
        /// when that individual is cached; here the step then ends (the guard).
        case nb101StartFallback = "nb101-start-fallback"
        /// No evaluation cache: duplicates are re-queried and counted towards K/H
        /// (Dervisi's `if time == 0.0` tests the `time` module, §2.3).
        case noEvaluationCache = "no-evaluation-cache"
    }

    /// The names a spec's `surrogate = "…"` takes for the model that scores the GA's
    /// children; each is an entry of the predictor catalogue (`predictorModel`).
    public enum SurrogateModel: String, Sendable, CaseIterable {
        /// `XGBRegressor(eta=0.1)` on the (augmented) sequences (§1.3): the reference's;
        /// `PredictorModel.nasEAFAXGBoost`, the catalogue `gbt` with eta 0.1 and the
        /// chosen xgboost major version's base score.
        case xgboost
        /// Dervisi's GCN on cell graphs (§2.6; `nas_ea_fa_v2_train_gcn_*`), an option of the
        /// `dervisi-2022` variant: trained on the first 30 % of the deduplicated evaluated
        /// graphs with `PredictorModel.dervisiGCN` (model seed 42, so every trial's model
        /// starts alike, as in the reference), refitted when new graphs arrive. The
        /// sequences stay the diversity step's encoding.
        case gcn

        /// The catalogue entry this name fits.
        public func predictorModel(xgboostMajorVersion: Int) -> PredictorModel {
            switch self {
            case .xgboost: PredictorModel.nasEAFAXGBoost(xgboostMajorVersion: xgboostMajorVersion)
            case .gcn: PredictorModel.dervisiGCN()
            }
        }
    }

    /// The scale of the surrogate's training labels.
    public enum LabelScale: String, Sendable, CaseIterable {
        /// The reference's: accuracies as fractions. An objective the table declares in
        /// percent ("%", as NATS-Bench records them) is divided by 100 before the surrogate
        /// sees it, as Pan's `nas201_utils.py` does; predictions are multiplied back, so
        /// fitness stays in table units. NB101's nasbench accuracies are fractions already.
        /// It matters because xgboost's `base_score` (0.5 under xgboost 1.x) does not
        /// scale with the labels.
        case fraction
        /// The table's own units, whatever they are (what the project did before).
        case table
    }

    /// What a query of an architecture answers.
    public enum Answers: String, Sendable, CaseIterable {
        /// Pan's NATS files (`nas201_utils.py`, docs/ALGORITHMS.md NAS-EA-FA): the records of
        /// every cell of the Pan-hash class are pooled; a query answers the validation
        /// accuracy and training time of one drawn at random, and the class mean of the
        /// reported metrics (Pan's test accuracy). The pool holds one record per cell of
        /// the table: the shared NATS table has no per-seed values, where Pan pools every
        /// (cell, seed). On NB101 the class is the cell (its rows are isomorphism
        /// classes already), so nothing changes there.
        case classPool = "class-pool"
        /// Each architecture's own row.
        case cell
    }

    /// Where the GA's mutation comes from.
    public enum MutationSource: String, Sendable, CaseIterable {
        /// The reference's bitwise mutation for the variant (`naseafaMutation`).
        case bitwise
        /// The space's configured `mutate` (an ablation).
        case space
    }

    /// POP, K and H of one benchmark (ALGORITHMS.md §1.1).
    public struct Constants: Sendable, Hashable {
        public var population: Int
        public var k: Int
        public var h: Int
        public init(population: Int, k: Int, h: Int) {
            self.population = population; self.k = k; self.h = h
        }
        /// NB101: POP 100, K 30, K+H 50.
        public static let nb101 = Constants(population: 100, k: 30, h: 20)
        /// NB201 / NATS topology: POP 10, K 3, K+H 5.
        public static let nb201 = Constants(population: 10, k: 3, h: 2)
    }

    public var version: Version
    public var variant: Variant
    /// Overrides of the space's POP, K and H; nil keeps the space's reference constants.
    public var population: Int?
    public var k: Int?
    public var h: Int?
    /// Surrogate generations per outer iteration, G.
    public var generations: Int
    public var tournamentFraction: Double
    /// The outer-iteration limit T; nil runs until the budget is spent.
    public var outerIterations: Int?
    /// Quirks beyond those the variant implies.
    public var quirks: Set<Quirk>
    public var mutationSource: MutationSource
    /// The catalogue entry that scores the children: by default `XGBRegressor(eta=0.1)` of
    /// the chosen xgboost major version on the sequences. A graph model (`input == .graph`,
    /// the `gcn` option of `dervisi-2022`) reads the evaluated cell graphs instead.
    public var surrogate: PredictorModel
    /// The surrogate's label scale: `pan` trains on fractions as its reference does;
    /// `dervisi-2022` keeps the table's units (the thesis replays were made that way).
    public var labelScale: LabelScale
    /// What a query answers: `pan` pools isomorphic cells as its reference does;
    /// `dervisi-2022` answers each cell's own row (the thesis code queries the NATS API).
    public var answers: Answers

    /// - Parameters:
    ///   - surrogateModel: the spec's `surrogate` name, turned into `surrogate`.
    ///   - xgboostMajorVersion: decides XGBoost's `base_score`: 1 gives 0.5, ≥ 2 the label
    ///     mean. Nil takes the variant's: `pan` 3 (Pan's repository pins no version; a 2021
    ///     install was likely 1.x, so `1` is the closer replay), `dervisi-2022` 1
    ///     (`py-xgboost=1.5.0` in its environment.yml, §2.3).
    public init(version: Version = .v2, variant: Variant = .pan, population: Int? = nil, k: Int? = nil, h: Int? = nil,
                generations: Int = 10, tournamentFraction: Double = 0.2, outerIterations: Int? = nil,
                quirks: Set<Quirk> = [], mutationSource: MutationSource = .bitwise, xgboostMajorVersion: Int? = nil,
                surrogateModel: SurrogateModel = .xgboost, labelScale: LabelScale? = nil, answers: Answers? = nil) {
        self.version = version
        self.variant = variant
        self.population = population
        self.k = k
        self.h = h
        self.generations = generations
        self.tournamentFraction = tournamentFraction
        self.outerIterations = outerIterations
        self.quirks = quirks
        self.mutationSource = mutationSource
        self.surrogate = surrogateModel.predictorModel(xgboostMajorVersion: xgboostMajorVersion ?? (variant == .dervisi2022 ? 1 : 3))
        self.labelScale = labelScale ?? (variant == .dervisi2022 ? .table : .fraction)
        self.answers = answers ?? (variant == .dervisi2022 ? .cell : .classPool)
    }

    /// What each fitness is divided by before it becomes a training label.
    public func labelDivisor(unit: String?) -> Double {
        labelScale == .fraction && unit == "%" ? 100 : 1
    }

    /// The quirks in force: the explicit ones plus those the variant implies.
    public var effectiveQuirks: Set<Quirk> {
        variant == .dervisi2022 ? quirks.union([.noEvaluationCache, .nb101StartFallback]) : quirks
    }

    /// The constants for `space`, overrides applied.
    public func constants(for space: some NASEAFASpace) -> Constants {
        var c = space.naseafaConstants
        if let population { c.population = population }
        if let k { c.k = k }
        if let h { c.h = h }
        return c
    }

    /// Whether NAS-EA-FA can run on `space`: the runner checks this before any trial,
    /// since `run` on another space returns without evaluating anything.
    public static func supports(_ space: some SearchSpace) -> Bool {
        space is any NASEAFASpace
    }

    /// Runs on any space that conforms to `NASEAFASpace` (see `supports`); on another
    /// space it returns at once.
    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        guard let space = space as? any NASEAFASpace else { return }
        guard let objective = trial.evaluator.objectives.first else { return }
        let evaluate: (S.Architecture) -> Evaluation? = { trial.evaluate($0) }
        let evaluatePooled: ([S.Architecture], inout Xoshiro256StarStar) -> Evaluation? = { trial.evaluate(pooling: $0, using: &$1) }
        let exhausted: () -> Bool = { trial.isExhausted }
        let divisor = labelDivisor(unit: trial.evaluator.objectiveUnits.first ?? nil)
        openAndSearch(space, evaluate: evaluate, evaluatePooled: evaluatePooled, isExhausted: exhausted, objective: objective,
                      labelDivisor: divisor, rng: &rng)
    }

    /// Opens the existential; the closures' argument type is the space's architecture type
    /// (S.Architecture == E.Architecture), which one dynamic cast each recovers.
    private func openAndSearch<T: NASEAFASpace, A>(_ space: T, evaluate: @escaping (A) -> Evaluation?,
                                                  evaluatePooled: @escaping ([A], inout Xoshiro256StarStar) -> Evaluation?,
                                                  isExhausted: @escaping () -> Bool, objective: Objective,
                                                  labelDivisor: Double, rng: inout Xoshiro256StarStar) {
        guard let typed = evaluate as? (T.Architecture) -> Evaluation?,
              let pooled = evaluatePooled as? ([T.Architecture], inout Xoshiro256StarStar) -> Evaluation? else { return }
        var search = NASEAFASearch(options: self, space: space, evaluate: typed, evaluatePooled: pooled, isExhausted: isExhausted,
                                   objective: objective, labelDivisor: labelDivisor)
        search.run(rng: &rng)
    }
}
