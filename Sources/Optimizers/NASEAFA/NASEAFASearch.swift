import NASCore
import Predictors
import SearchSpaces

/// The state of one NAS-EA-FA run: the evaluation cache, the training set, the surrogate,
/// and the outer loop (ALGORITHMS.md §1.3). `NASEAFA.run` builds one per trial.
///
/// ```swift
/// var search = NASEAFASearch(options: NASEAFA(), space: space, evaluate: { trial.evaluate($0) },
///                            isExhausted: { trial.isExhausted }, objective: objective)
/// search.run(rng: &rng)
/// ```
///
/// The steps live in `NASEAFA+Selection.swift` (K/H) and `SurrogateGA.swift` (fit and
/// breed).
struct NASEAFASearch<Space: NASEAFASpace> {
    typealias Member = Individual<Space.Architecture>

    /// What one query of the reference's `query_with_cache` led to.
    enum Query: Equatable {
        /// Really evaluated: counted, charged, added to the training set.
        case evaluated
        /// A cache hit (fitness set, nothing else) or an off-table architecture.
        case skipped
        /// The budget is spent.
        case stop
    }

    let options: NASEAFA
    let space: Space
    let evaluate: (Space.Architecture) -> Evaluation?
    /// Pan's pooled query (`TrialEvaluator.evaluate(pooling:using:)`), used for a class of
    /// more than one architecture under `NASEAFA.Answers.classPool`; nil answers each
    /// architecture's own row.
    let evaluatePooled: (([Space.Architecture], inout Xoshiro256StarStar) -> Evaluation?)?
    let isExhausted: () -> Bool
    let objective: Objective
    /// Fitness ÷ this is the surrogate's label; its predictions × this are fitness
    /// (`NASEAFA.LabelScale`: 100 for a percent accuracy under `.fraction`).
    let labelDivisor: Double
    let constants: NASEAFA.Constants
    let quirks: Set<NASEAFA.Quirk>

    /// Pan's `history2acc`, fitness by graph hash; unused under `noEvaluationCache`.
    var history: [Space.EvaluationKey: Double] = [:]
    var training: NASEAFATrainingSet
    /// The fitted surrogate (`options.surrogate`, built by the predictor catalogue); nil
    /// before the first fit.
    var model: (any Regressor)?
    /// The training-set size the model was fitted on; a refit on unchanged data would give
    /// the same model, so it is skipped.
    var fittedRows = 0
    /// A graph surrogate's data (`NASEAFA.SurrogateModel.gcn`) and the number of graphs it
    /// was fitted on.
    var graphTraining = NASEAFAGraphTrainingSet()
    var fittedGraphs = 0
    /// Outer iterations that evaluated nothing in a row (the stall guard).
    static var idleLimit: Int { 100 }

    init(options: NASEAFA, space: Space, evaluate: @escaping (Space.Architecture) -> Evaluation?,
         evaluatePooled: (([Space.Architecture], inout Xoshiro256StarStar) -> Evaluation?)? = nil,
         isExhausted: @escaping () -> Bool, objective: Objective, labelDivisor: Double = 1) {
        self.options = options
        self.evaluatePooled = evaluatePooled
        self.labelDivisor = labelDivisor
        self.space = space
        self.evaluate = evaluate
        self.isExhausted = isExhausted
        self.objective = objective
        self.constants = options.constants(for: space)
        self.quirks = options.effectiveQuirks
        self.training = NASEAFATrainingSet(width: space.naseafaSequenceLength)
    }

    var usesCache: Bool { !quirks.contains(.noEvaluationCache) }

    /// The outer loop: rank, evaluate K then H, fit, breed, until the budget (or T) ends.
    mutating func run(rng: inout Xoshiro256StarStar) {
        // POP random individuals with fitness 0, never evaluated: the first ranking keeps
        // creation order.
        var offspring = (0..<constants.population).map { _ in
            Member(architecture: space.naseafaRandomIndividual(variant: options.variant, using: &rng), fitness: 0)
        }
        var iteration = 0, idle = 0
        while !isExhausted() {
            if let limit = options.outerIterations, iteration >= limit { return }
            iteration += 1
            var population = Self.rankedByFitness(offspring)
            guard let evaluated = selectAndEvaluate(&population, rng: &rng) else { return }
            idle = evaluated.isEmpty ? idle + 1 : 0
            if idle >= Self.idleLimit { return }
            let parents = evaluated.isEmpty ? population : evaluated
            fitSurrogate()
            offspring = breed(from: parents, rng: &rng)
        }
    }

    /// Python's `sorted(key=fitness, reverse=True)`: descending and stable.
    ///
    /// - Complexity: O(n log n)
    static func rankedByFitness(_ members: [Member]) -> [Member] {
        members.indices.sorted { a, b in
            members[a].fitness > members[b].fitness || (members[a].fitness == members[b].fitness && a < b)
        }.map { members[$0] }
    }

    /// `get_*_from_history` and the bookkeeping after it: sets the member's fitness; on a
    /// real evaluation adds its sequences to the training set. Under `Answers.classPool`
    /// the answer is a record drawn from the member's isomorphism class (Pan's NATS files).
    mutating func query(_ member: inout Member, rng: inout Xoshiro256StarStar) -> Query {
        let key = usesCache ? space.naseafaKey(of: member.architecture) : nil
        if let key, let cached = history[key] {
            member.fitness = cached
            return .skipped
        }
        let pool = options.answers == .classPool && evaluatePooled != nil ? space.naseafaPool(of: member.architecture) : []
        let answer = pool.count > 1 ? evaluatePooled?(pool, &rng) : evaluate(member.architecture)
        guard let answer else { return isExhausted() ? .stop : .skipped }
        let value = fitness(answer, objective)
        member.fitness = value
        if let key { history[key] = value }
        // A NaN objective (fitness −∞) has no label for the surrogate.
        if value.isFinite {
            let sequences = options.version == .v2
                ? space.naseafaAugmentedSequences(of: member.architecture, variant: options.variant)
                : [space.naseafaSequence(of: member.architecture, variant: options.variant)]
            training.append(sequences, target: value / labelDivisor)
            if options.surrogate.input == .graph, let graph = space.naseafaGraph(of: member.architecture) {
                graphTraining.append(graph, target: value / labelDivisor)
            }
        }
        return .evaluated
    }
}
