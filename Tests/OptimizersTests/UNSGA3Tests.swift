import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// U-NSGA-III as DyNAS-T 1.6.0 configures pymoo 0.6.2's (`unsga3`, ALGORITHMS.md L.3):
/// population 50 over 20 energy directions, SBX(1.0, η 30), and the niche tournament of
/// `comp_by_rank_and_ref_line_dist` (MOEA.md).
@Suite struct UNSGA3Tests {
    static let bounds = GeneBounds(NATSTopologySpace().geneBounds)

    @Test func dynastsSettingsAreTheDefaults() {
        let unified = NSGA3.unified()
        #expect(unified.population == 50)
        #expect(unified.parentSelection == .nicheTournament)
        #expect(unified.referenceDirections == .energy(points: 20))
        #expect(unified.mating.crossover.probability == 1.0 && unified.mating.crossover.eta == 30)
        #expect(unified.mating.mutation.probability == 0.02 && unified.mating.mutation.eta == 20)
        let state = unified.makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        #expect(state.populationSize == 50 && state.offspringCount == 50)
        #expect(state.referenceDirections.count == 20)
    }

    @Test(arguments: [120, 500])
    func evaluatesExactlyTheBudgetThroughATrial(budget: Int) {
        var rng = Xoshiro256StarStar(seed: 91)
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
        NSGA3.unified().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == budget)
        #expect(trial.records.map(\.step) == Array(1...budget))
    }

    @Test func sameSeedSamePopulationOtherSeedAnother() {
        func final(_ seed: UInt64) -> NSGA3.Population {
            var rng = Xoshiro256StarStar(seed: seed)
            return NSGA3.unified().evolveGenerations(bounds: NATSTopologySpace().geneBounds, objectiveCount: 3,
                                                     generations: 6, using: &rng) { $0.map(NSGA3Tests.threeObjectives) }.population
        }
        #expect(final(1) == final(1))
        #expect(final(1).genes != final(2).genes)
    }

    @Test func fiftyMembersShareTwentyNichesAndStayConsistent() {
        var rng = Xoshiro256StarStar(seed: 92)
        var state = NSGA3.unified().makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        for _ in 0..<20 {
            let batch = state.ask(using: &rng)
            state.tell(batch.map(NSGA3Tests.threeObjectives), using: &rng)
            #expect(state.population.invariantViolations(bounds: Self.bounds, directions: 20).isEmpty)
        }
        #expect(state.population.count == 50)
        #expect(Set(state.population.niche).count <= 20)
    }

    @Test func survivorsAreThoseOfTheOracleCheckedReferenceDirectionSurvival() {
        var rng = Xoshiro256StarStar(seed: 93)
        var state = NSGA3.unified().makeState(bounds: Self.bounds, objectiveCount: 3, initial: nil)
        for generation in 1...5 {
            let parents = state.population
            var survival = state.survival
            let batch = state.ask(using: &rng)
            let told = batch.map(NSGA3Tests.threeObjectives)
            var nichingRNG = rng
            state.tell(told, using: &rng)
            let merged = parents.objectives + told
            let expected = survival.select(objectives: merged, count: generation == 1 ? merged.count : 50, using: &nichingRNG)
            let genes = parents.genes + batch
            #expect(state.population.genes == expected.survivors.map { genes[$0] })
            #expect(state.population.rank == expected.survivors.map { expected.plan.rank[$0]! })
            #expect(state.population.distanceToNiche == expected.survivors.map { expected.plan.distanceToNiche[$0]! })
        }
    }

    @Test func theNicheTournamentPrefersRankThenDistanceWithinANicheAndIsRandomAcross() {
        var population = NSGA3.Population()
        population.rank = [0, 1, 0, 0, 2]
        population.niche = [3, 3, 3, 3, 4]
        population.distanceToNiche = [0.5, 0.1, 0.2, 0.2, 0.0]
        var rng = Xoshiro256StarStar(seed: 94)
        let tournament = NSGA3.ParentSelection.nicheTournament
        #expect(tournament.winner(0, 1, of: population, using: &rng) == 0, "same niche: lower rank")
        #expect(tournament.winner(1, 0, of: population, using: &rng) == 0)
        #expect(tournament.winner(0, 2, of: population, using: &rng) == 2, "same niche and rank: nearer")
        var tie = Set<Int>(), across = Set<Int>()
        for _ in 0..<64 {
            tie.insert(tournament.winner(2, 3, of: population, using: &rng))
            across.insert(tournament.winner(0, 4, of: population, using: &rng))
        }
        #expect(tie == [2, 3], "equal distance: a coin")
        #expect(across == [0, 4], "different niches: a coin, whatever the rank")
    }
}
