import NASCore
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `RoundingRepair` (numpy `around`) and `IntegerRandomSampling`
/// (PYMOO-NSGA2.md §1, §6, §9).
@Suite struct RoundingRepairAndSamplingTests {
    @Test func roundingIsHalfToEvenLikeNumpyAround() {
        let repair = RoundingRepair()
        #expect(repair.repair(0.5, lower: 0, upper: 4) == 0)
        #expect(repair.repair(1.5, lower: 0, upper: 4) == 2)
        #expect(repair.repair(2.5, lower: 0, upper: 4) == 2)
        #expect(repair.repair(3.5, lower: 0, upper: 4) == 4)
        #expect(repair.repair(2.4999, lower: 0, upper: 4) == 2)
        #expect(repair.repair(2.5001, lower: 0, upper: 4) == 3)
    }

    @Test func pymoo06BoundsAreNotWidenedSoEndOptionsHaveHalfCells() {
        let repair = RoundingRepair()
        let (lo, hi) = repair.operatorBounds(lower: 0, upper: 4)
        #expect(lo == 0 && hi == 4)
        // Uniform floats in the operator bounds: the ends get half the mass of interior options.
        var rng = Xoshiro256StarStar(seed: 11)
        var counts = [Int](repeating: 0, count: 5)
        let trials = 200_000
        for _ in 0..<trials { counts[repair.repair(rng.nextUnit() * 4, lower: 0, upper: 4)] += 1 }
        let shares = counts.map { Double($0) / Double(trials) }
        let expected = [0.125, 0.25, 0.25, 0.25, 0.125]
        for k in 0..<5 {
            #expect(abs(shares[k] - expected[k]) < OperatorTestSupport.tolerance(rate: expected[k], trials: trials))
        }
    }

    @Test func widenedCellsOfPymoo05StayInBoundsAndAreEqual() {
        let repair = RoundingRepair(cells: .widened)
        let (lo, hi) = repair.operatorBounds(lower: 0, upper: 5)
        #expect(lo < -0.49 && hi > 5.49)
        // Even the extreme float values round back inside the integer bounds.
        #expect(repair.repair(hi, lower: 0, upper: 5) == 5)
        #expect(repair.repair(lo, lower: 0, upper: 5) == 0)
        var rng = Xoshiro256StarStar(seed: 12)
        var counts = [Int](repeating: 0, count: 6)
        let trials = 200_000
        for _ in 0..<trials { counts[repair.repair(lo + rng.nextUnit() * (hi - lo), lower: 0, upper: 5)] += 1 }
        for c in counts {
            #expect(abs(Double(c) / Double(trials) - 1.0 / 6) < OperatorTestSupport.tolerance(rate: 1.0 / 6, trials: trials))
        }
    }

    @Test func repairedValuesAreIntegersWithinBounds() {
        var rng = Xoshiro256StarStar(seed: 13)
        for cells in RoundingRepair.Cells.allCases {
            let repair = RoundingRepair(cells: cells)
            for _ in 0..<10_000 {
                let lower = rng.nextInt(below: 5), upper = lower + rng.nextInt(below: 6)
                let (lo, hi) = repair.operatorBounds(lower: lower, upper: upper)
                let v = repair.repair(lo + rng.nextUnit() * (hi - lo), lower: lower, upper: upper)
                #expect(lower <= v && v <= upper)
            }
        }
    }

    @Test func uniformIntegerSamplingDrawsEveryOptionEquallyOften() {
        var rng = Xoshiro256StarStar(seed: 14)
        let bounds = GeneBounds([0...4, 3...3, 2...9])
        let samples = IntegerRandomSampling().sample(60_000, bounds: bounds, using: &rng)
        #expect(samples.allSatisfy(bounds.contains))
        #expect(samples.allSatisfy { $0[1] == 3 })
        var counts = [Int](repeating: 0, count: 5)
        for s in samples { counts[s[0]] += 1 }
        for c in counts {
            #expect(abs(Double(c) / 60_000 - 0.2) < OperatorTestSupport.tolerance(rate: 0.2, trials: 60_000))
        }
        #expect(Set(samples.map { $0[2] }) == Set(2...9))
    }

    @Test func roundedUniformSamplingOfPymoo060HalvesTheEndOptions() {
        var rng = Xoshiro256StarStar(seed: 15)
        let bounds = GeneBounds([0...4])
        let samples = IntegerRandomSampling(variant: .roundedUniform).sample(100_000, bounds: bounds, using: &rng)
        var counts = [Int](repeating: 0, count: 5)
        for s in samples { counts[s[0]] += 1 }
        let expected = [0.125, 0.25, 0.25, 0.25, 0.125]
        for k in 0..<5 {
            #expect(abs(Double(counts[k]) / 100_000 - expected[k]) < OperatorTestSupport.tolerance(rate: expected[k], trials: 100_000))
        }
    }
}
