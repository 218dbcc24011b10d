import Foundation
import NASCore
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `ReferenceDirectionSurvival` (NSGA-III / U-NSGA-III; MOEA.md
/// `nsga3_survival`), every case of `oracles/moea.json`: fronts, the stateful hyperplane
/// normalisation, niche association and the bookkeeping before the (random) niching.
@Suite struct NSGA3SurvivalOracleTests {
    nonisolated(unsafe) static let cases = MOEAOracle.section("nsga3_survival")

    /// Checks one call's fields against one oracle record (a case, or one of its `steps`).
    func check(_ plan: ReferenceDirectionSurvival.Plan, _ norm: HyperplaneNormalization,
               _ e: [String: Any], id: String, count: Int,
               nadir: ToleranceCheck, distance: ToleranceCheck) {
        #expect(plan.rank == MOEAOracle.optionalInts(e["rank"]), "\(id) rank")
        #expect(plan.considered == MOEAOracle.ints(e["considered"]), "\(id) considered")
        #expect(plan.fronts.first == MOEAOracle.ints(e["first_front"]), "\(id) first front")
        #expect(norm.idealPoint == MOEAOracle.vector(e["ideal_point"]), "\(id) ideal")
        #expect(norm.worstPoint == MOEAOracle.vector(e["worst_point"]), "\(id) worst")
        #expect(norm.extremePoints == MOEAOracle.matrix(e["extreme_points"]), "\(id) extremes")
        #expect(nadir.close(norm.nadirPoint ?? [], MOEAOracle.vector(e["nadir_point"])),
                "\(id) nadir \(String(describing: norm.nadirPoint))")
        #expect(plan.nadirPoint == norm.nadirPoint && plan.idealPoint == norm.idealPoint, "\(id)")
        #expect(norm.usedWorstOfFront == (e["hyperplane_fallback_to_worst_of_front"] as? Bool), "\(id) fallback")
        #expect(norm.axesSetToWorstOfPopulation == MOEAOracle.ints(e["nadir_axes_set_to_worst_of_population"]),
                "\(id) axes set to worst of population")

        #expect(plan.niche == MOEAOracle.optionalInts(e["niche"]), "\(id) niche")
        let expectedDistance = MOEAOracle.optionalVector(e["dist_to_niche"])
        #expect(plan.distanceToNiche.count == expectedDistance.count, "\(id)")
        for (i, (a, x)) in zip(plan.distanceToNiche, expectedDistance).enumerated() {
            switch (a, x) {
            case (nil, nil): break
            case let (a?, x?): #expect(distance.close(a, x), "\(id) dist_to_niche[\(i)]: \(a) vs \(x)")
            default: Issue.record("\(id) dist_to_niche[\(i)]: \(String(describing: a)) vs \(String(describing: x))")
            }
        }

        #expect(plan.needsNiching == (e["needs_niching"] as? Bool), "\(id) needs niching")
        #expect(plan.splitFront == e["split_front"] as? Int, "\(id) split front")
        #expect(plan.survivingBeforeNiching == MOEAOracle.ints(e["survive_before_niching"]), "\(id) survive before niching")
        #expect(plan.nicheCountBeforeNiching == MOEAOracle.ints(e["niche_count_before_niching"]), "\(id) niche count")
        #expect(plan.remainingForNiching == e["n_remaining_for_niching"] as? Int, "\(id) remaining")
        #expect(plan.survivingBeforeNiching.count + plan.remainingForNiching == count, "\(id)")
    }

    @Test func normalisationAssociationAndSplitMatchPymoo() {
        #expect(Self.cases.count == 5)
        let nadir = ToleranceCheck(relative: 1e-9, absolute: 0)
        let distance = ToleranceCheck(relative: 1e-9, absolute: 1e-12)
        var records = 0
        for c in Self.cases {
            let id = c["id"] as? String ?? "?"
            let dirs = MOEAOracle.directions(c["ref_dirs"] as? String ?? "")
            let count = c["n_survive"] as? Int ?? -1
            #expect(!dirs.isEmpty, "\(id)")
            var survival = ReferenceDirectionSurvival(referenceDirections: dirs)
            let steps = (c["steps"] as? [[String: Any]]) ?? [c]
            for (k, step) in steps.enumerated() {
                let f = MOEAOracle.matrix(step["F"])
                let plan = survival.plan(objectives: f, count: count)
                check(plan, survival.normalization, step, id: "\(id) step \(k)", count: count,
                      nadir: nadir, distance: distance)
                records += 1
            }
        }
        #expect(records == 6)
        print("nsga3_survival: worst relative error nadir \(nadir.worstRelativeError), dist_to_niche \(distance.worstRelativeError)")
    }

    @Test func theDegenerateCaseTiesOnEveryDirectionAndTakesNicheZero() {
        let c = Self.cases.first { $0["id"] as? String == "nsga3-3d-degenerate-30" }!
        var survival = ReferenceDirectionSurvival(referenceDirections: MOEAOracle.directions("das-dennis-3-p12"))
        let plan = survival.plan(objectives: MOEAOracle.matrix(c["F"]), count: 12)
        for i in MOEAOracle.ints(c["association_near_ties"]) {
            #expect(plan.niche[i] == 0 && plan.distanceToNiche[i] == 0)
        }
    }

    /// Niching is random (not in the oracle): check what pymoo's procedure guarantees.
    @Test func nichingFillsTheLeastCrowdedNichesFirst() {
        for c in Self.cases where c["steps"] == nil {
            let id = c["id"] as? String ?? "?"
            let f = MOEAOracle.matrix(c["F"])
            let count = c["n_survive"] as? Int ?? -1
            var seen = Set<[Int]>()
            for seed in 0..<20 as Range<UInt64> {
                var survival = ReferenceDirectionSurvival(referenceDirections: MOEAOracle.directions(c["ref_dirs"] as! String))
                var rng = Xoshiro256StarStar(seed: seed)
                let s = survival.select(objectives: f, count: count, using: &rng)
                let plan = s.plan
                #expect(s.survivors.count == count && Set(s.survivors).count == count, "\(id)")
                #expect(Array(s.survivors.prefix(plan.survivingBeforeNiching.count)).sorted() == plan.survivingBeforeNiching, "\(id)")
                let picked = s.survivors.dropFirst(plan.survivingBeforeNiching.count)
                #expect(picked.allSatisfy { plan.rank[$0] == plan.splitFront }, "\(id)")
                // Each pick goes to a niche whose count is minimal among niches still holding
                // candidates at that moment.
                var counts = plan.nicheCountBeforeNiching
                var left = Set(plan.fronts[plan.splitFront])
                var roundMinimum = -1
                for i in picked {
                    let open = Set(left.map { plan.niche[$0]! })
                    let minimum = open.map { counts[$0] }.min()!
                    #expect(counts[plan.niche[i]!] <= max(minimum, roundMinimum) , "\(id) seed \(seed)")
                    roundMinimum = counts[plan.niche[i]!]
                    // An empty niche takes its nearest candidate.
                    if counts[plan.niche[i]!] == 0 {
                        let rivals = left.filter { plan.niche[$0] == plan.niche[i] }
                        #expect(rivals.allSatisfy { plan.distanceToNiche[$0]! >= plan.distanceToNiche[i]! }, "\(id)")
                    }
                    counts[plan.niche[i]!] += 1
                    left.remove(i)
                }
                seen.insert(s.survivors.sorted())
            }
            if id == "nsga3-nats-merged-100" { #expect(seen.count > 1, "niching draws at random") }
        }
    }
}
