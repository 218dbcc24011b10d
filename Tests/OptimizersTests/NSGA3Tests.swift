import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// NSGA-III as pymoo 0.6.2 runs it: pymoo's GeneticAlgorithm loop, random parents
/// (`comp_by_cv_then_random`) and the oracle-checked `ReferenceDirectionSurvival`, whose
/// normalisation carries across generations.
@Suite struct NSGA3Tests {
    static let bounds = GeneBounds(NATSTopologySpace().geneBounds)

    /// Three minimised objectives on NATS genes (negated op sum, the toy cost, a
    /// parameter-like count of op 4).
    static func threeObjectives(_ genes: [Int]) -> [Double] {
        NSGA2Tests.toyObjectives(genes) + [Double(genes.filter { $0 == 4 }.count) + 0.01 * Double(genes[5])]
    }

    @Test(arguments: [120, 500])
    func evaluatesExactlyTheBudgetThroughATrial(budget: Int) {
        var rng = Xoshiro256StarStar(seed: 81)
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
        NSGA3().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == budget)
        #expect(trial.records.map(\.step) == Array(1...budget))
    }

    @Test func populationDefaultsToTheNumberOfDirectionsAsPymoos() {
        let state = NSGA3().makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        #expect(state.populationSize == 20)
        #expect(state.offspringCount == 20)
        #expect(state.referenceDirections == PymooEnergyDirections.directions(dimensions: 3, points: 20))
        let lattice = NSGA3(referenceDirections: .dasDennis(partitions: 4)).makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        #expect(lattice.populationSize == 15)
    }

    @Test func sameSeedSamePopulationOtherSeedAnother() {
        func final(_ seed: UInt64) -> NSGA3.Population {
            var rng = Xoshiro256StarStar(seed: seed)
            return NSGA3(population: 30).evolveGenerations(bounds: NATSTopologySpace().geneBounds, objectiveCount: 3,
                                                           generations: 8, using: &rng) { $0.map(Self.threeObjectives) }.population
        }
        #expect(final(5) == final(5))
        #expect(final(5).genes != final(6).genes)
    }

    @Test func everyGenerationKeepsThePopulationSizeBoundsAndTrueRanks() {
        var rng = Xoshiro256StarStar(seed: 82)
        var state = NSGA3(population: 30).makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        for _ in 0..<30 {
            let batch = state.ask(using: &rng)
            #expect(batch.count == 30 || state.generation > 0)
            #expect(Set(batch).isDisjoint(with: Set(state.populationGenes)), "no offspring equals a parent")
            state.tell(batch.map(Self.threeObjectives), using: &rng)
            #expect(state.population.invariantViolations(bounds: Self.bounds, directions: 20).isEmpty)
            #expect(state.population.count == 30)
        }
    }

    @Test func survivorsAreThoseOfTheOracleCheckedReferenceDirectionSurvival() {
        var rng = Xoshiro256StarStar(seed: 83)
        var state = NSGA3(population: 30).makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        for generation in 1...6 {
            let parents = state.population
            var survival = state.survival
            let batch = state.ask(using: &rng)
            let told = batch.map(Self.threeObjectives)
            // Niching draws from the run's stream right where tell does.
            var nichingRNG = rng
            state.tell(told, using: &rng)
            let merged = parents.objectives + told
            let expected = survival.select(objectives: merged, count: generation == 1 ? merged.count : 30, using: &nichingRNG)
            let genes = parents.genes + batch
            #expect(state.population.genes == expected.survivors.map { genes[$0] })
            #expect(state.population.niche == expected.survivors.map { expected.plan.niche[$0]! })
            #expect(state.survival == survival, "the normalisation carries over as pymoo's survival object")
            #expect(rng == nichingRNG)
        }
    }

    @Test func randomParentSelectionIgnoresRankAndNiche() {
        var population = NSGA3.Population()
        population.rank = [0, 5]
        population.niche = [1, 1]
        population.distanceToNiche = [0, 1]
        var rng = Xoshiro256StarStar(seed: 84)
        var wins = Set<Int>()
        for _ in 0..<64 { wins.insert(NSGA3.ParentSelection.random.winner(0, 1, of: population, using: &rng)) }
        #expect(wins == [0, 1])
    }
}
