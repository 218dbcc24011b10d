import Testing
@testable import Indicators

/// pymoo 0.6.2 `'cd'` behaviour pinned in PYMOO-NSGA2.md §8.
@Suite struct CrowdingDistanceTests {
    @Test func duplicatesAtTheLowEndGetInfZeroInf() {
        let f: [[Double]] = [[0, 5], [0, 5], [0, 5], [1, 4], [2, 2], [4, 0]]
        let expected: [Double] = [.infinity, 0, .infinity, 0.55, 0.775, .infinity]
        let cd = CrowdingDistance.compute(f)
        for i in f.indices { #expect(close(cd[i], expected[i]), "point \(i): \(cd[i])") }
    }

    @Test func duplicatesInsideFollowTheStableOrder() {
        let f: [[Double]] = [[0, 5], [1, 4], [1, 4], [1, 4], [2, 2], [4, 0]]
        let expected: [Double] = [.infinity, 0.325, 0, 0.225, 0.775, .infinity]
        let cd = CrowdingDistance.compute(f)
        for i in f.indices { #expect(close(cd[i], expected[i]), "point \(i): \(cd[i])") }
    }

    @Test func twoPointsOrFewerAreAllInfinite() {
        #expect(CrowdingDistance.compute([[1, 2], [2, 1]]) == [.infinity, .infinity])
        #expect(CrowdingDistance.compute([[1, 2]]) == [.infinity])
        #expect(CrowdingDistance.compute([]) == [])
    }

    @Test func aConstantObjectiveAddsZeroEvenAtItsEnds() {
        // Objective 2 is constant: only objective 1 counts, halved by M = 2.
        let cd = CrowdingDistance.compute([[0, 3], [1, 3], [3, 3]])
        #expect(cd == [.infinity, 0.5, .infinity])
        #expect(CrowdingDistance.compute([[1, 1], [1, 1], [1, 1]]) == [0, 0, 0])
    }
}
