import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// AGE-MOEA as pymoo 0.6.2 runs it for DyNAS-T (`age`, ALGORITHMS.md L.3): NSGA-II's loop
/// and operators, a tournament on rank then crowding, and the oracle-checked
/// `AGEMOEASurvival`.
@Suite struct AGEMOEATests {
    static let bounds = GeneBounds(NATSTopologySpace().geneBounds)

    @Test(arguments: [120, 500])
    func evaluatesExactlyTheBudgetThroughATrial(budget: Int) {
        var rng = Xoshiro256StarStar(seed: 71)
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
        AGEMOEA().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == budget)
        #expect(trial.records.map(\.step) == Array(1...budget))
    }

    @Test func sameSeedSamePopulationOtherSeedAnother() {
        func final(_ seed: UInt64) -> AGEMOEA.Population {
            var rng = Xoshiro256StarStar(seed: seed)
            return AGEMOEA().evolveGenerations(bounds: NATSTopologySpace().geneBounds, objectiveCount: 2, generations: 8,
                                               using: &rng) { $0.map(NSGA2Tests.toyObjectives) }.population
        }
        #expect(final(3) == final(3))
        #expect(final(3).genes != final(4).genes)
    }

    @Test func everyGenerationKeepsThePopulationSizeBoundsAndTrueRanks() {
        var rng = Xoshiro256StarStar(seed: 72)
        var state = AGEMOEA().makeState(bounds: Self.bounds, objectiveCount: 2, initial: nil)
        for _ in 0..<30 {
            let batch = state.ask(using: &rng)
            #expect(batch.allSatisfy(Self.bounds.contains))
            #expect(Set(batch).isDisjoint(with: Set(state.populationGenes)), "no offspring equals a parent")
            state.tell(batch.map(NSGA2Tests.toyObjectives), using: &rng)
            #expect(state.population.invariantViolations(bounds: Self.bounds).isEmpty)
            #expect(state.generation == 1 || state.population.count == 50)
        }
    }

    @Test func survivorsAreThoseOfTheOracleCheckedAGEMOEASurvival() {
        var rng = Xoshiro256StarStar(seed: 73)
        var state = AGEMOEA().makeState(bounds: Self.bounds, objectiveCount: 2, initial: nil)
        for generation in 1...6 {
            let parents = state.population
            let batch = state.ask(using: &rng)
            let told = batch.map(NSGA2Tests.toyObjectives)
            state.tell(told, using: &rng)
            // pymoo merges parents then offspring; the first survival keeps everyone.
            let merged = parents.objectives + told
            let expected = AGEMOEASurvival.select(objectives: merged, count: generation == 1 ? merged.count : 50)
            let genes = parents.genes + batch
            #expect(state.population.genes == expected.survivors.map { genes[$0] })
            #expect(state.population.rank == expected.survivors.map { expected.rank[$0]! })
            #expect(state.population.crowding == expected.survivors.map { expected.crowding[$0]! })
        }
    }

    @Test func theTournamentComparesRankThenCrowdingThenFlipsACoin() {
        var rng = Xoshiro256StarStar(seed: 74)
        let rank = [0, 1, 0, 0]
        let crowding = [0.5, 9, .infinity, .infinity]
        // Lower rank wins even against larger crowding (NSGA-II would compare dominance).
        #expect(AGEMOEA.tournamentWinner(0, 1, rank: rank, crowding: crowding, using: &rng) == 0)
        #expect(AGEMOEA.tournamentWinner(1, 0, rank: rank, crowding: crowding, using: &rng) == 0)
        #expect(AGEMOEA.tournamentWinner(0, 2, rank: rank, crowding: crowding, using: &rng) == 2)
        var wins = Set<Int>()
        for _ in 0..<64 { wins.insert(AGEMOEA.tournamentWinner(2, 3, rank: rank, crowding: crowding, using: &rng)) }
        #expect(wins == [2, 3], "inf == inf is a tie, decided by a coin")
    }
}
