import Foundation
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `Tchebicheff`, `PBI` (θ = 5) and `ASF` (weight_0 = 1e-4) in every broadcast
/// mode the cases use (MOEA.md `decomposition`), every case of `oracles/moea.json`.
@Suite struct DecompositionOracleTests {
    nonisolated(unsafe) static let cases = MOEAOracle.section("decomposition")

    /// Evaluates one decomposition in the case's mode, flattened row by row.
    func evaluate(_ d: some Decomposition, _ c: [String: Any]) -> [Double] {
        let ideal = c["ideal_point"] is NSNull ? nil : MOEAOracle.vector(c["ideal_point"])
        switch c["mode"] as? String {
        case "one_to_one":
            return d.values(points: MOEAOracle.matrix(c["F"]), pairedWith: MOEAOracle.matrix(c["weights"]), idealPoint: ideal)
        case "one_to_many":
            return d.values(point: MOEAOracle.vector(c["F"]), weightVectors: MOEAOracle.matrix(c["weights"]), idealPoint: ideal)
        case "many_to_one":
            return d.values(points: MOEAOracle.matrix(c["F"]), weights: MOEAOracle.vector(c["weights"]), idealPoint: ideal)
        case "many_to_many":
            let table = d.matrix(points: MOEAOracle.matrix(c["F"]), weightVectors: MOEAOracle.matrix(c["weights"]), idealPoint: ideal)
            #expect(table.count == MOEAOracle.matrix(c["F"]).count)
            return table.flatMap { $0 }
        default:
            Issue.record("unknown mode \(String(describing: c["mode"]))")
            return []
        }
    }

    func expected(_ value: Any?, mode: String?) -> [Double] {
        mode == "many_to_many" ? MOEAOracle.matrix(value).flatMap { $0 } : MOEAOracle.vector(value)
    }

    @Test func tchebicheffPBIAndASFMatchPymooInEveryMode() {
        #expect(Self.cases.count == 5)
        #expect(Set(Self.cases.compactMap { $0["mode"] as? String }) ==
                ["one_to_one", "one_to_many", "many_to_one", "many_to_many"])
        let methods: [(String, any Decomposition)] = [
            ("tchebicheff", Tchebicheff()),
            ("pbi", PenaltyBoundaryIntersection(theta: 5)),
            ("asf_weight0_1e-4", AchievementScalarization(zeroWeight: 1e-4)),
        ]
        for (key, method) in methods {
            let check = ToleranceCheck(relative: 1e-9, absolute: 1e-12)
            for c in Self.cases {
                let id = c["id"] as? String ?? "?"
                let want = expected(c[key], mode: c["mode"] as? String)
                let got = evaluate(method, c)
                #expect(!want.isEmpty && got.count == want.count, "\(id) \(key)")
                #expect(check.close(got, want), "\(id) \(key): \(got) vs \(want)")
            }
            print("decomposition \(key): worst relative error \(check.worstRelativeError)")
        }
    }

    @Test func pymooSemanticsThatTheCasesPin() {
        // Tchebicheff takes |f − z|: a point below the ideal point is not rewarded.
        #expect(Tchebicheff().value([-1, 0], weights: [0.5, 0.5], idealPoint: [0, 0]) == 0.5)
        // ASF keeps the sign and replaces only an exact zero weight.
        #expect(AchievementScalarization(zeroWeight: 1e-4).value([-1, 0.5], weights: [1, 0], idealPoint: [0, 0]) == 5000)
        // PBI: d1 along the unit weight, d2 away from it.
        #expect(PenaltyBoundaryIntersection().value([1, 1], weights: [2, 0], idealPoint: [0, 0]) == 6)
    }
}
