import NASCore
import Optimizers
import Predictors

/// `type = "ofa-oneshot"`: Once-for-All's own search, predictors fitted once and one
/// constrained evolution per latency group (the LINAS paper's Fig. 5c baseline).
enum OFAOneShotType: AlgorithmType {
    static let name = "ofa-oneshot"
    static let summary = "Once-for-All's search: predictors fitted once on random samples, one constrained evolution per group of the second objective, the groups' winners evaluated"
    static let reference = "Cai et al. 2020 (Once-for-All) `EvolutionFinder` (`mit-han-lab/once-for-all`, `ofa/nas/search_algorithm/evolution.py`): population 100, 500 generations, 25 % parents, half the children mutants (per-gene resample 0.1), half uniform crossovers, every draw repeated until it meets the predicted constraint; ours: the constraints, the union of winners, the LINAS catalogue's predictors"
    static let keys = [
        AlgorithmKey("training_samples", .int(2...10_000_000), default: .value(.int(1000)), "N: uniform random samples the predictors are fitted on, once"),
        AlgorithmKey("charge_training", .bool, default: .value(.bool(true)),
                     "true: the samples are evaluated through the trial (charged, logged); false: offline, as OFA trains its predictor before the search (uncharged, not logged)"),
        AlgorithmKey("groups", .int(1...1_000), default: .value(.int(4)),
                     "constraints on the second objective, evenly spaced over its range in the samples: best + (worst − best) · g / groups, g = 1…groups"),
        AlgorithmKey("predictor", .string(options: LINAS.predictorNames), default: .value(.string("dynast")),
                     "the predictor fitted per objective (LINAS's names; dynast: ridge α-grid vs RBF-SVR C-grid, 5-fold CV on MAPE)"),
        AlgorithmKey("population", .int(1...1_000_000), default: .value(.int(100)), "the evolution's population (OFA population_size)"),
        AlgorithmKey("generations", .int(1...1_000_000), default: .value(.int(500)), "generations per group (OFA max_time_budget)"),
        AlgorithmKey("parent_ratio", .double(0...1), default: .value(.double(0.25)), "share of the population kept as parents (OFA parent_ratio)"),
        AlgorithmKey("mutation_ratio", .double(0...1), default: .value(.double(0.5)), "share of the children made by mutation, the rest by crossover (OFA mutation_ratio)"),
        AlgorithmKey("mutate_prob", .double(0...1), default: .value(.double(0.1)), "per-gene resample probability of a mutation (OFA arch_mutate_prob)"),
        AlgorithmKey("max_attempts", .int(1...10_000_000), default: .value(.int(1000)),
                     "draws a child gets to meet its constraint (OFA: no bound); a mutant or crossover then copies its parent, an initial population left short skips the group"),
    ]
    static let support = AlgorithmSupport(objectives: 2...2)

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        let predictorName = try keys.string("predictor") ?? "dynast"
        let finder = ConstrainedEvolutionFinder(
            population: try keys.int("population") ?? 100, generations: try keys.int("generations") ?? 500,
            parentRatio: try keys.double("parent_ratio") ?? 0.25, mutationRatio: try keys.double("mutation_ratio") ?? 0.5,
            mutateProbability: try keys.double("mutate_prob") ?? 0.1, maxAttempts: try keys.int("max_attempts") ?? 1000)
        if finder.parentCount < 1 {
            throw keys.error(at: keys.isGiven("parent_ratio") ? "parent_ratio" : "population",
                             "round(parent_ratio × population) = round(\(finder.parentRatio) × \(finder.population)) is 0 parents; OFA needs at least one")
        }
        return OFAOneShot(trainingSamples: try keys.int("training_samples") ?? 1000,
                          chargeTraining: try keys.bool("charge_training") ?? true,
                          groups: try keys.int("groups") ?? 4,
                          predictor: LINAS.predictor(named: predictorName) ?? PredictorModel(.dynast),
                          finder: finder)
    }

    /// Charged samples come before any winner, so a budget below N + groups would spend the
    /// trial on random samples alone.
    static func budgetProblem(_ optimizer: any Optimizer, _ budget: Budget) -> (key: String, message: String)? {
        guard let ofa = optimizer as? OFAOneShot, ofa.chargeTraining, case .evaluations(let n) = budget,
              n < ofa.maximumEvaluations else { return nil }
        return ("training_samples", "training_samples (\(ofa.trainingSamples)) charged samples and groups (\(ofa.groups)) winners need \(ofa.maximumEvaluations) evaluations, budget.evaluations is \(n); raise budget.evaluations to \(ofa.maximumEvaluations), lower training_samples, or set charge_training = false")
    }
}
