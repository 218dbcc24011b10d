import NASCore
import Testing
@testable import Indicators

/// The exact hypervolume in four or more objectives takes a documented number of
/// non-dominated points, checked before WFG starts; dominated points do not count.
@Suite struct HypervolumeLimitTests {
    /// n points on the positive unit sphere: mutually non-dominated.
    static func sphere(_ n: Int, dimension d: Int, seed: UInt64) -> [[Double]] {
        var rng = Xoshiro256StarStar(seed: seed)
        return (0..<n).map { _ in
            let v = (0..<d).map { _ in abs(rng.nextGaussian()) + 1e-3 }
            let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
            return v.map { $0 / norm }
        }
    }

    @Test("400 points in 10-D are refused at once with the 10-D limit of 40 in the message")
    func fourHundredPointsInTenDimensionsAreRefused() {
        let points = Self.sphere(400, dimension: 10, seed: 1)
        do {
            _ = try Hypervolume.checkedCompute(points, reference: Array(repeating: 1.1, count: 10), subject: "p.csv")
            Issue.record("400 points in 10-D were accepted")
        } catch {
            #expect(error.description.hasPrefix("p.csv: more than 40 non-dominated points in 10 objectives"))
        }
    }

    @Test("dominated points are dropped before the limit is applied, and the volume is unchanged")
    func dominatedPointsDoNotCountTowardsTheLimit() throws {
        let front = Self.sphere(20, dimension: 10, seed: 2)
        var dominated: [[Double]] = []
        for i in 0..<200 {
            let shift = 0.01 * Double(1 + i % 5)
            dominated.append(front[i % 20].map { $0 + shift })
        }
        let reference = Array(repeating: 1.1, count: 10)
        let checked = try Hypervolume.checkedCompute(front + dominated, reference: reference, subject: "p.csv")
        #expect(checked == Hypervolume.compute(front, reference: reference))
        // At or below the limit nothing changes: the same call as before.
        #expect(try Hypervolume.checkedCompute(front, reference: reference, subject: "p.csv") == Hypervolume.compute(front, reference: reference))
    }

    @Test("limits shrink with the dimension; 2-D and 3-D have none")
    func limitsShrinkWithDimension() {
        #expect(Hypervolume.exactPointLimit(dimension: 2) == nil && Hypervolume.exactPointLimit(dimension: 3) == nil)
        let limits = (4...40).compactMap { Hypervolume.exactPointLimit(dimension: $0) }
        #expect(limits.count == 37 && zip(limits, limits.dropFirst()).allSatisfy { $0 >= $1 })
        #expect(limits.first == 3_000 && limits.last == 20)
    }

    @Test("a true front above the limit is an IndicatorError, not a hang")
    func trueFrontAboveTheLimitIsRefused() {
        #expect(throws: IndicatorError.self) {
            try NormalizedHypervolume(trueFront: Self.sphere(100, dimension: 10, seed: 3), reference: Array(repeating: 1.1, count: 10))
        }
    }

    @Test("firstFront stops as soon as the front outgrows the limit")
    func firstFrontStopsAboveTheLimit() {
        let points = Self.sphere(50, dimension: 5, seed: 4)
        #expect(NonDominatedSorting.firstFront(points, stoppingAbove: 49) == nil)
        #expect(NonDominatedSorting.firstFront(points, stoppingAbove: 50) == NonDominatedSorting.firstFront(points))
    }
}
