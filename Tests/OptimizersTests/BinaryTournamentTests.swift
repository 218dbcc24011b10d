import NASCore
import Testing
@testable import Optimizers

/// pymoo 0.6.2 NSGA-II `binary_tournament` (dominance, then crowding, then a coin) and
/// `TournamentSelection`'s permutations (PYMOO-NSGA2.md §3).
@Suite struct BinaryTournamentTests {
    @Test func dominanceWinsWhateverTheCrowding() {
        var rng = Xoshiro256StarStar(seed: 41)
        let f: [[Double]] = [[1, 1], [2, 2]]
        let cd: [Double] = [0, .infinity]
        for _ in 0..<100 {
            #expect(BinaryTournament.winner(0, 1, objectives: f, crowding: cd, using: &rng) == 0)
            #expect(BinaryTournament.winner(1, 0, objectives: f, crowding: cd, using: &rng) == 0)
        }
    }

    @Test func weakDominanceCountsAsDominance() {
        var rng = Xoshiro256StarStar(seed: 42)
        let f: [[Double]] = [[1, 2], [1, 3]]
        #expect(BinaryTournament.winner(1, 0, objectives: f, crowding: [0, 5], using: &rng) == 0)
    }

    @Test func withoutDominanceLargerCrowdingWinsEvenFromAWorseRank() {
        // Dominance is read from F, not the stored rank: a rank-2 point with larger crowding
        // beats a rank-1 point that does not dominate it.
        var rng = Xoshiro256StarStar(seed: 43)
        let f: [[Double]] = [[1, 5], [3, 4]]   // mutually non-dominated
        let cd: [Double] = [0.2, 0.7]
        for _ in 0..<100 {
            #expect(BinaryTournament.winner(0, 1, objectives: f, crowding: cd, using: &rng) == 1)
        }
    }

    @Test func equalObjectivesFallBackToCrowding() {
        var rng = Xoshiro256StarStar(seed: 44)
        let f: [[Double]] = [[2, 2], [2, 2]]
        #expect(BinaryTournament.winner(0, 1, objectives: f, crowding: [.infinity, 0], using: &rng) == 0)
        #expect(BinaryTournament.winner(0, 1, objectives: f, crowding: [0, 0.3], using: &rng) == 1)
    }

    @Test(arguments: [Double.infinity, 0.4])
    func equalCrowdingIsAFairCoin(crowd: Double) {
        var rng = Xoshiro256StarStar(seed: 45)
        let f: [[Double]] = [[1, 5], [5, 1]]
        var first = 0
        let trials = 20_000
        for _ in 0..<trials where BinaryTournament.winner(0, 1, objectives: f, crowding: [crowd, crowd], using: &rng) == 0 {
            first += 1
        }
        #expect(abs(Double(first) / Double(trials) - 0.5) < OperatorTestSupport.tolerance(rate: 0.5, trials: trials))
    }

    @Test func evenPopulationFightsExactlyTwiceAgainstDistinctOpponents() {
        var rng = Xoshiro256StarStar(seed: 46)
        for _ in 0..<200 {
            let contestants = BinaryTournament.permutationPrefix(count: 100, populationSize: 50, using: &rng)
            var counts = [Int](repeating: 0, count: 50)
            for c in contestants { counts[c] += 1 }
            #expect(counts.allSatisfy { $0 == 2 })
            for row in 0..<50 { #expect(contestants[2 * row] != contestants[2 * row + 1]) }
        }
    }

    @Test func oddPopulationUsesConsecutivePermutations() {
        // |P| = 21, 25 matings: 100 contestants = 4 full permutations and a prefix of 16.
        var rng = Xoshiro256StarStar(seed: 47)
        var selfFights = 0
        for _ in 0..<2_000 {
            let contestants = BinaryTournament.permutationPrefix(count: 100, populationSize: 21, using: &rng)
            for p in 0..<4 { #expect(Set(contestants[(21 * p)..<(21 * p + 21)]).count == 21) }
            #expect(Set(contestants[84...]).count == 16)
            for row in 0..<50 where contestants[2 * row] == contestants[2 * row + 1] { selfFights += 1 }
        }
        // Rows 10, 20, 31 and 41 span two permutations: an individual can meet itself.
        #expect(selfFights > 0)
    }

    @Test func selectReturnsTwoParentsPerMatingFromThePopulation() {
        var rng = Xoshiro256StarStar(seed: 48)
        let f = (0..<10).map { [Double($0), Double(10 - $0)] }
        let parents = BinaryTournament().select(matings: 7, objectives: f, crowding: Array(repeating: 1, count: 10), using: &rng)
        #expect(parents.count == 14)
        #expect(parents.allSatisfy { (0..<10).contains($0) })
    }

    @Test func aDominatedPopulationMemberRarelyBreeds() {
        // One point dominated by all others never wins a tournament.
        var rng = Xoshiro256StarStar(seed: 49)
        var f = (0..<9).map { [Double($0), Double(9 - $0)] }
        f.append([100, 100])
        let cd = Array(repeating: Double.infinity, count: 10)
        for _ in 0..<500 {
            let parents = BinaryTournament().select(matings: 5, objectives: f, crowding: cd, using: &rng)
            #expect(!parents.contains(9))
        }
    }
}
