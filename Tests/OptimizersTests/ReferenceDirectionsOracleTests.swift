import Foundation
import NASCore
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `get_reference_directions` (MOEA.md `ref_dirs`), every case of
/// `oracles/moea.json`.
@Suite struct ReferenceDirectionsOracleTests {
    nonisolated(unsafe) static let cases = MOEAOracle.section("ref_dirs")

    @Test func everyCaseIsPresent() {
        #expect(Self.cases.map { $0["id"] as? String ?? "" } ==
                ["das-dennis-2-p12", "das-dennis-3-p12", "energy-2-20-s0", "energy-3-20-s0", "energy-3-50-s1"])
    }

    @Test func dasDennisRowsAreComputedInPymooOrder() {
        let check = ToleranceCheck(relative: 0, absolute: 1e-12)
        var compared = 0
        for c in Self.cases where (c["id"] as? String ?? "").hasPrefix("das-dennis") {
            let id = c["id"] as! String
            let m = c["n_dim"] as! Int
            let expected = MOEAOracle.directions(id)
            let rows = DasDennisDirections.generate(dimensions: m, partitions: 12)
            #expect(rows.count == c["n_points"] as? Int, "\(id)")
            #expect(rows.count == DasDennisDirections.count(dimensions: m, partitions: 12), "\(id)")
            #expect(rows.count == expected.count, "\(id)")
            for (r, e) in zip(rows, expected) {
                #expect(check.close(r, e), "\(id): \(r) vs \(e)")
                // The division is pymoo's, so the values are bit-identical, not just close.
                #expect(r == e, "\(id): \(r) vs \(e)")
            }
            // The rounded `dirs` agree too (12 significant digits).
            let rounded = ToleranceCheck(relative: 1e-11, absolute: 1e-12)
            for (r, e) in zip(rows, MOEAOracle.matrix(c["dirs"])) { #expect(rounded.close(r, e), "\(id)") }
            compared += 1
        }
        #expect(compared == 2)
        print("ref_dirs das-dennis: worst absolute-check relative error \(check.worstRelativeError)")
    }

    @Test func storedEnergyTablesArePymoosArraysBitForBit() {
        var compared = 0
        let rounded = ToleranceCheck(relative: 1e-11, absolute: 1e-12)
        for c in Self.cases where (c["id"] as? String ?? "").hasPrefix("energy") {
            let id = c["id"] as! String
            let m = c["n_dim"] as! Int, n = c["n_points"] as! Int
            guard let table = PymooEnergyDirections.directions(dimensions: m, points: n) else {
                Issue.record("\(id): no stored table"); continue
            }
            let expected = MOEAOracle.directions(id)
            #expect(table.count == n && expected.count == n, "\(id)")
            for (t, e) in zip(table, expected) {
                #expect(t.map(\.bitPattern) == e.map(\.bitPattern), "\(id): \(t) vs \(e)")
            }
            for (t, e) in zip(table, MOEAOracle.matrix(c["dirs"])) { #expect(rounded.close(t, e), "\(id)") }
            let sums = table.map { abs($0.reduce(0, +) - 1) }.max() ?? 1
            #expect(abs(sums - (MOEAOracle.number(c["max_abs_row_sum_minus_1"]) ?? -1)) <= 1e-16, "\(id)")
            let distance = ToleranceCheck(relative: 1e-9, absolute: 1e-12)
            #expect(distance.close(minimumPairwiseDistance(table),
                                   MOEAOracle.number(c["min_pairwise_distance"]) ?? .nan), "\(id)")
            compared += 1
        }
        #expect(compared == 3)
        #expect(PymooEnergyDirections.available.count == 3)
        print("ref_dirs energy: worst relative error of the rounded dirs \(rounded.worstRelativeError)")
    }

    @Test func pymooIgnoresTheSeedSoTheTableServesEveryRun() {
        // get_reference_directions("energy", 3, 20, seed=s) is the same array for every s in
        // pymoo 0.6.2, so MOEA/D's run seed never reaches it and no draw is needed.
        for seed in [0, 1, 7, 12345] as [UInt64] {
            var rng = Xoshiro256StarStar(seed: seed)
            let before = rng
            let dirs = RieszEnergyDirections.energy(dimensions: 3, points: 20, using: &rng)
            #expect(dirs == MOEAOracle.directions("energy-3-20-s0"))
            #expect(rng == before)
        }
    }

    /// Our optimiser starts from our generator, so it finds a different local minimum of the
    /// same energy. It must still give simplex points about as well spread as pymoo's: the
    /// smallest pairwise distance at least 95% of pymoo's. Why 95%: pymoo itself, run with
    /// seeds 0–7 (`RieszEnergyReferenceDirectionFactory(M, N).do(seed=s)`), lands between
    /// 0.982 and 1.008 of the oracle's value for (3, 50) and between 0.991 and 1.010 for
    /// (3, 20); ours measured 0.969–1.001 (printed below). The optimiser must also lower the
    /// energy of its own start, so the bound is not met by the k-means start alone.
    @Test func ownOptimiserGivesWellSpreadSimplexPoints() {
        for c in Self.cases where (c["id"] as? String ?? "").hasPrefix("energy") {
            let id = c["id"] as! String
            let m = c["n_dim"] as! Int, n = c["n_points"] as! Int
            let target = MOEAOracle.number(c["min_pairwise_distance"]) ?? .nan
            for seed in [1, 2] as [UInt64] {
                var rng = Xoshiro256StarStar(seed: seed)
                var startRNG = rng
                let dirs = RieszEnergyDirections.generate(dimensions: m, points: n, using: &rng)
                if seed == 1 {
                    let start = ReductionSampling.sample(dimensions: m, points: n, using: &startRNG)
                    let d = Double(2 * m)
                    #expect(RieszEnergyDirections.logEnergyAndGradient(dirs, exponent: d).0 <
                            RieszEnergyDirections.logEnergyAndGradient(start, exponent: d).0, "\(id) energy decreases")
                    print("ref_dirs \(id) k-means start seed 1: min distance \(minimumPairwiseDistance(start))")
                }
                #expect(dirs.count == n && dirs.allSatisfy { $0.count == m }, "\(id)")
                #expect(dirs.allSatisfy { abs($0.reduce(0, +) - 1) <= 1e-12 }, "\(id) rows sum to 1")
                #expect(dirs.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "\(id) non-negative")
                #expect(dirs == RieszEnergyDirections.lexicographicallySorted(dirs), "\(id) sorted")
                let spread = minimumPairwiseDistance(dirs)
                print("ref_dirs \(id) own optimiser seed \(seed): min distance \(spread), pymoo \(target), ratio \(spread / target)")
                #expect(spread >= 0.95 * target, "\(id) seed \(seed): \(spread) vs pymoo \(target)")
                // Every corner of the simplex is a direction, as in pymoo's arrays.
                for axis in 0..<m {
                    #expect(dirs.contains { $0[axis] > 1 - 1e-9 }, "\(id) corner \(axis)")
                }
            }
        }
    }

    func minimumPairwiseDistance(_ rows: [[Double]]) -> Double {
        var best = Double.infinity
        for i in rows.indices {
            for j in (i + 1)..<rows.count {
                var s = 0.0
                for k in rows[i].indices { let t = rows[i][k] - rows[j][k]; s += t * t }
                best = min(best, s.squareRoot())
            }
        }
        return best
    }
}
