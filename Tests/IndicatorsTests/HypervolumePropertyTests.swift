import NASCore
import Testing
@testable import Indicators

/// Incremental hypervolume must equal recomputation from scratch after every insert, on
/// streams with duplicates, points on the reference and points beyond it.
@Suite struct HypervolumePropertyTests {
    /// Coordinates on a quarter grid reach exactly 1 (the reference) and 1.25 (beyond);
    /// every fifth draw repeats an earlier point.
    static func stream(dimension d: Int, count: Int, seed: UInt64) -> [[Double]] {
        var rng = Xoshiro256StarStar(seed: seed)
        var points: [[Double]] = []
        for _ in 0..<count {
            if !points.isEmpty, rng.nextInt(below: 5) == 0 {
                points.append(points[rng.nextInt(below: points.count)])
                continue
            }
            let grid = rng.nextInt(below: 2) == 0
            points.append((0..<d).map { _ in grid ? Double(rng.nextInt(below: 6)) / 4 : rng.nextUnit() * 1.1 })
        }
        return points
    }

    /// Inclusion–exclusion over all subsets: exponential, but independent of every algorithm
    /// in the module.
    static func inclusionExclusion(_ points: [[Double]], reference r: [Double]) -> Double {
        let inside = points.filter { Hypervolume.isStrictlyInside($0, r) }
        var total = 0.0
        for mask in 1..<(1 << inside.count) {
            var corner = [Double](repeating: -.infinity, count: r.count)
            var size = 0
            for (i, p) in inside.enumerated() where mask & (1 << i) != 0 {
                size += 1
                for j in r.indices { corner[j] = max(corner[j], p[j]) }
            }
            var volume = 1.0
            for j in r.indices { volume *= r[j] - corner[j] }
            total += size % 2 == 1 ? volume : -volume
        }
        return total
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func incremental2DEqualsRecomputationAtEveryStep(seed: UInt64) {
        let points = Self.stream(dimension: 2, count: 300, seed: seed)
        let ref = [1.0, 1.0]
        var hv = IncrementalHypervolume2D(reference: ref)
        var previous = 0.0
        for k in points.indices {
            let gain = hv.insert(points[k])
            let scratch = Hypervolume.compute(Array(points[...k]), reference: ref)
            #expect(close(hv.value, scratch), "step \(k): \(hv.value) vs \(scratch)")
            #expect(abs(hv.value - previous - gain) <= 1e-12, "step \(k): gain")
            #expect(hv.value >= previous)
            #expect(hv._checkInvariants(), "step \(k)")
            previous = hv.value
        }
        #expect(hv.value > 0.5)
        #expect(close(Hypervolume.compute(hv.front, reference: ref), hv.value))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func incremental3DEqualsRecomputationAtEveryStep(seed: UInt64) {
        let points = Self.stream(dimension: 3, count: 200, seed: seed)
        let ref = [1.0, 1.0, 1.0]
        var hv = IncrementalHypervolume3D(reference: ref)
        var previous = 0.0
        for k in points.indices {
            let gain = hv.insert(points[k])
            let scratch = Hypervolume.compute(Array(points[...k]), reference: ref)
            #expect(close(hv.value, scratch), "step \(k): \(hv.value) vs \(scratch)")
            #expect(abs(hv.value - previous - gain) <= 1e-12, "step \(k): gain")
            previous = hv.value
        }
        let front = hv.front
        for a in front.indices {
            for b in front.indices where a != b {
                #expect(!NonDominatedSorting.dominates(front[a], front[b]) && front[a] != front[b])
            }
        }
        #expect(hv.value > 0.5)
    }

    @Test(arguments: [4, 5])
    func curveInHigherDimensionsEqualsRecomputation(dimension: Int) {
        let points = Self.stream(dimension: dimension, count: 60, seed: UInt64(dimension))
        let ref = [Double](repeating: 1, count: dimension)
        let curve = HypervolumeCurve.prefixes(points: points, reference: ref)
        for k in points.indices {
            let scratch = Hypervolume.compute(Array(points[...k]), reference: ref)
            #expect(close(curve[k], scratch), "step \(k): \(curve[k]) vs \(scratch)")
        }
        #expect(curve.last ?? 0 > 0.2)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func exactAlgorithmsEqualInclusionExclusion(dimension: Int) {
        var rng = Xoshiro256StarStar(seed: 100 + UInt64(dimension))
        let ref = (0..<dimension).map { _ in 0.8 + 0.4 * rng.nextUnit() }
        for trial in 0..<40 {
            let points = Self.stream(dimension: dimension, count: 1 + rng.nextInt(below: 9), seed: UInt64(trial * 10 + dimension))
            let expected = Self.inclusionExclusion(points, reference: ref)
            let hv = Hypervolume.compute(points, reference: ref)
            #expect(close(hv, expected), "d=\(dimension) trial \(trial): \(hv) vs \(expected)")
        }
    }

    @Test func pointsOnOrBeyondTheReferenceAddNothing() {
        #expect(Hypervolume.compute([[0.5, 1.0]], reference: [1, 1]) == 0)
        #expect(Hypervolume.compute([[0.5, 0.5, 1.5]], reference: [1, 1, 1]) == 0)
        #expect(Hypervolume.compute([], reference: [1, 1, 1, 1]) == 0)
        #expect(Hypervolume.compute([[0.5, 0.5]], reference: [1, 1]) == 0.25)
        var hv = IncrementalHypervolume2D(reference: [1, 1])
        #expect(hv.insert([1, 0]) == 0)
        #expect(hv.insert([0.5, 0.5]) == 0.25)
        #expect(hv.insert([0.5, 0.5]) == 0)
        #expect(hv.front == [[0.5, 0.5]])
    }
}
