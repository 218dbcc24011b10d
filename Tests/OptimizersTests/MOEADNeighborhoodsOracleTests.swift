import Foundation
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `MOEAD(ref_dirs=D, n_neighbors=20).neighbors` (MOEA.md `moead_neighbors`),
/// every case of `oracles/moea.json`. Membership is exact; positions the oracle lists as
/// distance ties (numpy's unstable quicksort decided them) are compared as sets.
@Suite struct MOEADNeighborhoodsOracleTests {
    nonisolated(unsafe) static let cases = MOEAOracle.section("moead_neighbors")

    @Test func neighbourhoodsMatchPymooUpToListedTies() {
        #expect(Self.cases.count == 2)
        for c in Self.cases {
            let id = c["id"] as? String ?? "?"
            let dirs = MOEAOracle.directions(c["ref_dirs"] as? String ?? "")
            let k = c["n_neighbors"] as? Int ?? -1
            let expected = (c["neighbors"] as? [Any])?.map(MOEAOracle.ints) ?? []
            let ties = (c["distance_ties"] as? [Any])?.map(MOEAOracle.ints) ?? []
            let got = MOEADNeighborhoods.compute(weightVectors: dirs, count: k)
            #expect(got.count == dirs.count && expected.count == dirs.count, "\(id)")
            for (row, (g, e)) in zip(got, expected).enumerated() {
                #expect(g.count == k && e.count == k, "\(id) row \(row)")
                #expect(g.first == row, "\(id) row \(row) starts with itself")
                #expect(Set(g) == Set(e), "\(id) row \(row): membership")
                var tied = Set<Int>()
                for t in ties where t[0] == row { tied.insert(t[1]); tied.insert(t[1] + 1) }
                for p in 0..<min(g.count, e.count) where !tied.contains(p) {
                    #expect(g[p] == e[p], "\(id) row \(row) position \(p)")
                }
                if !tied.isEmpty {
                    #expect(Set(tied.map { g[$0] }) == Set(tied.map { e[$0] }), "\(id) row \(row) tied positions")
                }
            }
            if c["distances"] != nil {
                let check = ToleranceCheck(relative: 1e-9, absolute: 1e-12)
                let d = MOEADNeighborhoods.distanceMatrix(dirs)
                for (g, e) in zip(d, MOEAOracle.matrix(c["distances"])) { #expect(check.close(g, e), "\(id) distances") }
                print("moead_neighbors \(id): worst relative error of distances \(check.worstRelativeError)")
            }
        }
        // The DyNAS-T case has the three corner ties the oracle names.
        let first = Self.cases.first { $0["id"] as? String == "neighbors-energy-3-20-s0-k20" }
        #expect(((first?["distance_ties"] as? [Any])?.map(MOEAOracle.ints) ?? []) == [[0, 18], [5, 18], [19, 18]])
    }
}
