import NASCore
import SearchSpaces

/// The generational genetic algorithm of the NAS-EA-FA thesis baseline
/// (`foteinidd/genetic_nas_acceleration`, `genetic_algorithm_train_*.py`; ALGORITHMS.md §2.4).
///
/// ```swift
/// GeneticAlgorithm(population: 100).run(space: space, trial: trial, rng: &rng)
/// ```
///
/// The reference: the first population is random and *not evaluated* (fitness 0, so the
/// first selection is uniform); every generation breeds `population` children, each a
/// mutated copy of a 20 % tournament winner (with replacement, strict `>`), evaluates each,
/// and replaces the whole population: no crossover, no elitism. The mutation operator is
/// the space's configured one (for the thesis, NAS-EA-FA's bitwise mutation).
///
/// Two options the reference lacks, both off by default: `crossoverProbability` (uniform
/// crossover on the gene view with a second tournament winner) and `elitism` (the best
/// `elitism` individuals of a generation survive into the next).
public struct GeneticAlgorithm: Optimizer {
    public var population: Int
    public var tournamentFraction: Double
    public var crossoverProbability: Double
    public var elitism: Int

    public init(population: Int = 100, tournamentFraction: Double = 0.2, crossoverProbability: Double = 0, elitism: Int = 0) {
        self.population = population
        self.tournamentFraction = tournamentFraction
        self.crossoverProbability = crossoverProbability
        self.elitism = elitism
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        guard let objective = trial.evaluator.objectives.first else { return }
        // Architectures and fitnesses in separate arrays: this code is generic in the
        // architecture, and a field after an architecture of unknown size costs a metadata
        // lookup on every comparison (docs/ADDING-AN-ALGORITHM.md).
        var architectures = (0..<population).map { _ in space.sample(using: &rng) }
        var fitnesses = [Double](repeating: 0, count: population)
        var firstGeneration = true
        while !trial.isExhausted {
            var nextArchitectures: [S.Architecture] = [], nextFitnesses: [Double] = []
            nextArchitectures.reserveCapacity(population)
            nextFitnesses.reserveCapacity(population)
            if elitism > 0 && !firstGeneration {
                let elite = fitnesses.indices.sorted { a, b in
                    fitnesses[a] > fitnesses[b] || (fitnesses[a] == fitnesses[b] && a < b)
                }.prefix(elitism)
                for i in elite {
                    nextArchitectures.append(architectures[i])
                    nextFitnesses.append(fitnesses[i])
                }
            }
            while nextArchitectures.count < population {
                var child = architectures[tournamentWinner(fitnesses, fraction: tournamentFraction, rng: &rng)]
                if crossoverProbability > 0 && rng.nextBernoulli(crossoverProbability) {
                    let mate = architectures[tournamentWinner(fitnesses, fraction: tournamentFraction, rng: &rng)]
                    child = space.uniformCrossover(child, mate, using: &rng)
                }
                child = space.mutate(child, using: &rng)
                guard let logged = trial.evaluateLogged(child) else {
                    if trial.isExhausted { return }
                    continue   // no answer (off-table, rejected): breed another child
                }
                nextArchitectures.append(child)
                nextFitnesses.append(fitness(trial.objective(0, at: logged), objective))
            }
            architectures = nextArchitectures
            fitnesses = nextFitnesses
            firstGeneration = false
        }
    }
}
