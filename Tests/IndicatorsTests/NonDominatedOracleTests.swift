import Testing
import NASCore
@testable import Indicators

/// Pins ranks to pymoo 0.6.2 `NonDominatedSorting` (= `moocore.pareto_rank`) and crowding to
/// pymoo's `'cd'` through every case of `oracles/nondominated.json`.
@Suite struct NonDominatedOracleTests {
    let file: OracleFile

    init() throws { file = try OracleFile("nondominated.json") }

    @Test func ranksEqualPymooExactly() {
        #expect(file.cases.count == 30)
        for c in file.cases {
            let id = c["id"] as? String ?? "?"
            let f = oracleMatrix(c["F"])
            let expected = oracleInts(c["rank"])
            #expect(expected.count == f.count, "\(id)")
            #expect(NonDominatedSorting.ranks(f) == expected, "\(id)")
            // The O(M n²) sort must agree on the 2-D cases the sweep normally takes.
            #expect(NonDominatedSorting.fastNonDominatedSort(f, dimension: f[0].count) == expected, "\(id) (Deb)")
            #expect(NonDominatedSorting.fronts(f).count == (c["n_fronts"] as? Int), "\(id)")
            if f.allSatisfy({ $0.allSatisfy(\.isFinite) }) {
                #expect(NonDominatedSorting.firstFront(f) == expected.indices.filter { expected[$0] == 0 }, "\(id) (first front)")
            }
        }
    }

    @Test func crowdingPerFrontEqualsPymoo() {
        for c in file.cases {
            let id = c["id"] as? String ?? "?"
            let f = oracleMatrix(c["F"])
            let expected = oracleVector(c["crowding_per_front"])
            var actual = [Double](repeating: .nan, count: f.count)
            for front in NonDominatedSorting.fronts(f) {
                for (k, d) in CrowdingDistance.compute(f, members: front).enumerated() { actual[front[k]] = d }
            }
            for i in f.indices {
                let e = expected[i] ?? .nan
                #expect(close(actual[i], e), "\(id) point \(i): \(actual[i]) vs \(e)")
            }
        }
    }

    @Test func crowdingOfWholeSetEqualsPymoo() {
        for c in file.cases {
            let id = c["id"] as? String ?? "?"
            let f = oracleMatrix(c["F"])
            let expected = oracleVector(c["crowding_whole_set"])
            let actual = CrowdingDistance.compute(f)
            #expect(actual.count == expected.count, "\(id)")
            for i in f.indices {
                let e = expected[i] ?? .nan
                #expect(close(actual[i], e), "\(id) point \(i): \(actual[i]) vs \(e)")
            }
        }
    }
}

@Suite struct FirstFrontSweepTests {
    /// The two-objective sweep gives rank 0 of the full sort on coarse random points (many
    /// ties and equal points, ±0), and the general scan (three objectives, one constant)
    /// agrees with it.
    @Test func sweepEqualsRankZero() {
        var rng = Xoshiro256StarStar(seed: 5)
        for n in [1, 2, 3, 10, 200, 1_000] {
            for _ in 0..<20 {
                let points = (0..<n).map { _ in [Double(rng.nextInt(below: 12)) - 6, Double(rng.nextInt(below: 12)) * -0.5] }
                let ranks = NonDominatedSorting.ranks(points)
                let expected = ranks.indices.filter { ranks[$0] == 0 }
                #expect(NonDominatedSorting.firstFront(points) == expected, "n = \(n)")
                #expect(NonDominatedSorting.firstFront(points.map { $0 + [0] }) == expected, "n = \(n), 3-D")
                let limit = max(0, expected.count - 1)
                #expect(NonDominatedSorting.firstFront(points, stoppingAbove: limit) == nil)
                #expect(NonDominatedSorting.firstFront(points, stoppingAbove: expected.count) == expected)
            }
        }
    }
}
