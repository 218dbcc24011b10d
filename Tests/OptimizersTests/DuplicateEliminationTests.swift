import NASCore
import Testing
@testable import Optimizers

/// pymoo `DefaultDuplicateElimination` as `InfillCriterion` calls it:
/// `do(kids, population, offspring)` (PYMOO-NSGA2.md §2.3).
@Suite struct DuplicateEliminationTests {
    @Test func keepsFirstOccurrenceWithinTheCandidates() {
        var dedup = DuplicateElimination()
        let kids = [[1, 2], [3, 4], [1, 2], [5, 6], [3, 4], [1, 2]]
        #expect(dedup.unique(kids) == [[1, 2], [3, 4], [5, 6]])
        #expect(dedup.firstOccurrences(kids) == [0, 1, 3])
    }

    @Test func dropsCandidatesFoundInThePopulationOrTheOffspringSoFar() {
        var dedup = DuplicateElimination()
        let kids = [[0, 0], [1, 1], [2, 2], [0, 0], [3, 3]]
        let population = [[1, 1], [9, 9]]
        let offspring = [[3, 3]]
        #expect(dedup.unique(kids, excluding: [population, offspring]) == [[0, 0], [2, 2]])
    }

    @Test func matchesPymoosThreePassDefinitionOnRandomBatches() {
        var rng = Xoshiro256StarStar(seed: 51)
        var dedup = DuplicateElimination()
        func genome() -> [Int] { (0..<3).map { _ in rng.nextInt(below: 3) } }
        for _ in 0..<500 {
            let kids = (0..<rng.nextInt(below: 40)).map { _ in genome() }
            let population = (0..<rng.nextInt(below: 15)).map { _ in genome() }
            let offspring = (0..<rng.nextInt(below: 10)).map { _ in genome() }
            // pymoo: within (drop a kid equal to an earlier kid), then against each set.
            let within = kids.indices.filter { i in !kids[..<i].contains(kids[i]) }.map { kids[$0] }
            let expected = within.filter { !population.contains($0) && !offspring.contains($0) }
            let got = dedup.unique(kids, excluding: [population, offspring])
            #expect(got == expected)
            #expect(Set(got).count == got.count)
        }
    }

    @Test func incrementalAdmissionMatchesTheBatchFormAcrossRounds() {
        // NSGA-II hashes the parents once and admits each round's kids; the offspring so far
        // stay in the table, as pymoo passes `off` to every round's elimination.
        var rng = Xoshiro256StarStar(seed: 52)
        var incremental = DuplicateElimination(), batch = DuplicateElimination()
        func genome() -> [Int] { (0..<2).map { _ in rng.nextInt(below: 4) } }
        for _ in 0..<200 {
            let population = (0..<6).map { _ in genome() }
            incremental.begin(excluding: [population], capacity: 3)
            var offspringA: [[Int]] = [], offspringB: [[Int]] = []
            for _ in 0..<5 {
                let kids = (0..<rng.nextInt(below: 8)).map { _ in genome() }
                offspringA += kids.filter { incremental.admit($0) }
                offspringB += batch.unique(kids, excluding: [population, offspringB])
            }
            #expect(offspringA == offspringB)
        }
    }
}
