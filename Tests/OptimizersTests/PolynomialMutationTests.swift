import Foundation
import NASCore
import Testing
@testable import Optimizers

/// pymoo `PM(prob=0.02, eta=20, vtype=float, repair=RoundingRepair())` with both meanings
/// of `prob` (PYMOO-NSGA2.md §5, §9; ALGORITHMS.md L.3).
@Suite struct PolynomialMutationTests {
    /// pymoo 0.6: P(a child has some gene drawn) = 0.02 · (1 − (1 − pv)^n), pv = min(0.5, 1/n);
    /// the mean number of genes drawn per child is 0.02 · n · pv.
    @Test(arguments: [6, 45])
    func pymoo06GatesIndividualsThenGenes(n: Int) {
        var rng = Xoshiro256StarStar(seed: 31)
        let bounds = OperatorTestSupport.bounds(n, 0...4)
        let pm = PolynomialMutation(semantics: .pymoo06)
        let pv = min(0.5, 1 / Double(n))
        #expect(pm.geneProbability(genes: n) == pv)
        let children = 400_000
        var touched = 0, drawn = 0
        var genes = Array(repeating: 2, count: n)
        for _ in 0..<children {
            let d = pm.mutate(&genes, bounds: bounds, using: &rng)
            if d > 0 { touched += 1 }
            drawn += d
        }
        let expectedTouched = 0.02 * (1 - pow(1 - pv, Double(n)))
        let share = Double(touched) / Double(children)
        #expect(abs(share - expectedTouched) < OperatorTestSupport.tolerance(rate: expectedTouched, trials: children),
                "touched \(share) vs \(expectedTouched)")
        let meanDrawn = Double(drawn) / Double(children)
        #expect(abs(meanDrawn - 0.02 * Double(n) * pv) < 0.002, "mean drawn \(meanDrawn)")
    }

    /// pymoo 0.5: every child, each gene with probability 0.02: P(some gene) = 1 − 0.98^n.
    @Test func pymoo05DrawsEachGeneWithProb() {
        var rng = Xoshiro256StarStar(seed: 32)
        let n = 45, children = 40_000
        let bounds = OperatorTestSupport.bounds(n, 0...2)
        let pm = PolynomialMutation(semantics: .pymoo05)
        var touched = 0, drawn = 0
        var genes = Array(repeating: 1, count: n)
        for _ in 0..<children {
            let d = pm.mutate(&genes, bounds: bounds, using: &rng)
            if d > 0 { touched += 1 }
            drawn += d
        }
        let expected = 1 - pow(0.98, 45.0)
        #expect(abs(Double(touched) / Double(children) - expected) < OperatorTestSupport.tolerance(rate: expected, trials: children))
        #expect(abs(Double(drawn) / Double(children) - 0.9) < 0.02)
    }

    @Test func degenerateGenesAreNeverDrawn() {
        var rng = Xoshiro256StarStar(seed: 33)
        let bounds = GeneBounds([3...3, 0...4])
        let pm = PolynomialMutation(probability: 1, semantics: .pymoo06, variableProbability: 1)
        var genes = [3, 2]
        for _ in 0..<1_000 {
            #expect(pm.mutate(&genes, bounds: bounds, using: &rng) == 1)
            #expect(genes[0] == 3 && (0...4).contains(genes[1]))
        }
    }

    /// The spec's pymoo run: 20 genes of 10 options, 0.46 % of individuals changed
    /// (rounding restores most small steps; the half-width end cells included).
    @Test func effectiveChangeRateMatchesPymoosMeasurement() {
        var rng = Xoshiro256StarStar(seed: 34)
        let n = 20, children = 1_000_000
        let bounds = OperatorTestSupport.bounds(n, 0...9)
        let pm = PolynomialMutation()
        var changed = 0
        for _ in 0..<children {
            let before = (0..<n).map { _ in rng.nextInt(below: 10) }
            var genes = before
            pm.mutate(&genes, bounds: bounds, using: &rng)
            if genes != before { changed += 1 }
            #expect(bounds.contains(genes))
        }
        let share = Double(changed) / Double(children)
        #expect(abs(share - 0.0046) < 0.0006, "changed share \(share)")
    }

    @Test func stepsStayWithinBoundsAndNearTheValue() {
        var rng = Xoshiro256StarStar(seed: 35)
        let bounds = OperatorTestSupport.bounds(4, 0...1_000)
        let pm = PolynomialMutation(probability: 1, variableProbability: 1)
        var steps: [Int] = []
        for _ in 0..<5_000 {
            var genes = [0, 1_000, 500, 3]
            pm.mutate(&genes, bounds: bounds, using: &rng)
            #expect(bounds.contains(genes))
            steps.append(abs(genes[2] - 500))
        }
        // eta 20 from the middle of a wide range: dq ≈ ±((2r)^(1/21) − 1), so the step
        // exceeds 10 % of the range with probability 0.9^21 ≈ 0.109, and 1 % with 0.99^21 ≈ 0.81.
        let far = Double(steps.filter { $0 > 100 }.count) / Double(steps.count)
        #expect(abs(far - pow(0.9, 21)) < OperatorTestSupport.tolerance(rate: 0.109, trials: steps.count))
        let beyond1 = Double(steps.filter { $0 > 10 }.count) / Double(steps.count)
        #expect(abs(beyond1 - pow(0.99, 21)) < OperatorTestSupport.tolerance(rate: 0.81, trials: steps.count))
    }
}
