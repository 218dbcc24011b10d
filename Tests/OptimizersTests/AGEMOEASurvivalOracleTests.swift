import Foundation
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `AGEMOEASurvival` (MOEA.md `agemoea_survival`), every case of
/// `oracles/moea.json`: the survivors, every rank and crowding value, and the first front's
/// p, normalisation and extremes.
@Suite struct AGEMOEASurvivalOracleTests {
    nonisolated(unsafe) static let cases = MOEAOracle.section("agemoea_survival")

    @Test func survivalMatchesPymooInEveryCase() {
        #expect(Self.cases.count == 8)
        let crowdingCheck = ToleranceCheck(relative: 1e-9, absolute: 1e-12)
        let scoreCheck = ToleranceCheck(relative: 1e-9, absolute: 0)
        for c in Self.cases {
            let id = c["id"] as? String ?? "?"
            let f = MOEAOracle.matrix(c["F"])
            let count = c["n_survive"] as? Int ?? -1
            #expect(f.count == c["n"] as? Int && f.allSatisfy { $0.count == c["n_obj"] as? Int }, "\(id)")
            let s = AGEMOEASurvival.select(objectives: f, count: count)

            #expect(s.survivors == MOEAOracle.ints(c["kept"]), "\(id) kept")
            #expect(s.rank == MOEAOracle.optionalInts(c["rank"]), "\(id) rank")
            let expectedCrowding = MOEAOracle.optionalVector(c["crowding"])
            #expect(s.crowding.count == expectedCrowding.count, "\(id)")
            for (i, (a, e)) in zip(s.crowding, expectedCrowding).enumerated() {
                switch (a, e) {
                case (nil, nil): break
                case let (a?, e?): #expect(crowdingCheck.close(a, e), "\(id) crowding[\(i)]: \(a) vs \(e)")
                default: Issue.record("\(id) crowding[\(i)]: \(String(describing: a)) vs \(String(describing: e))")
                }
            }

            #expect(s.firstFrontMembers == MOEAOracle.ints(c["first_front"]), "\(id) first front")
            #expect(s.idealPoint == MOEAOracle.vector(c["ideal_point"]), "\(id) ideal point")
            #expect(scoreCheck.close(s.firstFront.p, MOEAOracle.number(c["p"]) ?? .nan), "\(id) p: \(s.firstFront.p)")
            #expect(scoreCheck.close(s.firstFront.normalization, MOEAOracle.vector(c["normalization"])),
                    "\(id) normalization: \(s.firstFront.normalization)")
            if c["extreme"] is NSNull {
                #expect(s.extremes == nil, "\(id) extremes")
            } else {
                #expect(s.extremes == MOEAOracle.ints(c["extreme"]), "\(id) extremes")
            }
            #expect((s.firstFront.extremes == nil) == (c["first_front_smaller_than_n_obj"] as? Bool == true), "\(id)")

            // Split bookkeeping.
            #expect(s.splitFront == c["split_front"] as? Int, "\(id) split front")
            let split = s.rank.indices.filter { s.rank[$0] == s.splitFront }
            #expect(split.count == c["split_front_size"] as? Int, "\(id) split front size")
            #expect(s.survivors.filter { s.rank[$0] == s.splitFront }.count == c["n_taken_from_split_front"] as? Int,
                    "\(id) taken from split front")
            #expect(split.allSatisfy { s.crowding[$0] == 0 } == (c["split_front_crowding_all_zero"] as? Bool == true),
                    "\(id) split front crowding all zero")

            // The first front's score on its own gives the same numbers (pymoo's second call).
            let alone = AGEMOEASurvival.survivalScore(front: s.firstFrontMembers.map { f[$0] }, idealPoint: s.idealPoint)
            #expect(alone == s.firstFront, "\(id)")
        }
        print("agemoea_survival: worst relative error crowding \(crowdingCheck.worstRelativeError), p/normalization \(scoreCheck.worstRelativeError)")
    }

    @Test func aLaterSplitFrontKeepsItsHighestIndexedMembers() {
        // Front 0 = {0, 1}; front 1 = four tied points. pymoo leaves the split front's crowding
        // at 0 and numpy's argsort(...)[::-1] keeps the last members: offspring over parents.
        let f: [[Double]] = [[0, 1], [1, 0], [2, 3], [3, 2], [2.5, 2.5], [1.5, 3.5]]
        let s = AGEMOEASurvival.select(objectives: f, count: 4)
        #expect(s.survivors == [0, 1, 4, 5])
        #expect(s.crowding[2] == 0 && s.crowding[5] == 0)
        #expect(s.crowding[0] == .infinity && s.crowding[1] == .infinity)
    }
}
