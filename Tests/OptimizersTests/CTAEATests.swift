import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// C-TAEA as pymoo 0.6.2 runs it with DyNAS-T's settings: float genes, rounded only for
/// evaluation (MOEA.md "pymoo facts").
@Suite struct CTAEATests {
    let bounds = GeneBounds(NATSTopologySpace().geneBounds)

    func rows(_ seed: UInt64, _ ctaea: CTAEA = CTAEA(), budget: Int = 300) -> [Int] {
        var rng = Xoshiro256StarStar(seed: seed)
        let trial = TrialEvaluator(ToyNATS3Evaluator(), budget: .evaluations(budget), cache: .charge)
        ctaea.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        return trial.records.map(\.row)
    }

    @Test func sameSeedSameEvaluationSequenceOtherSeedAnother() {
        #expect(rows(5) == rows(5))
        #expect(rows(5) != rows(6))
    }

    @Test("DyNAS-T's budget: int(evaluations / 20) generations, so 250 gives 240 (D.1)")
    func generationsBudgetUndershootsToWholeGenerations() {
        #expect(rows(3, budget: 250).count == 240)
    }

    @Test("the exact variant spends the whole budget through the trial", arguments: [57, 250, 333])
    func exactBudgetSpendsEveryEvaluation(budget: Int) {
        var rng = Xoshiro256StarStar(seed: 8)
        let trial = TrialEvaluator(ToyNATS3Evaluator(), budget: .evaluations(budget), cache: .charge)
        CTAEA(budget: .exact).run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == budget)
        #expect(trial.records.map(\.step) == Array(1...budget))
    }

    @Test("archives: CA and DA hold 20 each after the first generation; genes stay floats inside the bounds; asks are their rounding")
    func archiveSizesAndFloatGenes() {
        var rng = Xoshiro256StarStar(seed: 13)
        var state = CTAEA().makeState(bounds: bounds, objectiveCount: 3, initial: nil)
        var sawFraction = false
        while state.generation < 15 {
            let batch = state.ask(using: &rng)
            #expect(batch == state.pending.map(CTAEA.State.rounded))
            #expect(batch.allSatisfy(bounds.contains))
            if state.generation > 0 { #expect(batch.count == 20) }
            state.tell(batch.map(MOEADTests.minimised), using: &rng)
            state._checkInvariants()
            sawFraction = sawFraction || state.convergence.genes.joined().contains { $0 != $0.rounded() }
        }
        #expect(state.convergence.count == 20 && state.diversity.count == 20)
        #expect(sawFraction, "without RoundingRepair pymoo's C-TAEA keeps fractional genes")
    }

    @Test("DyNAS-T evaluates round(x): half to even, as Python's round")
    func roundingIsHalfToEven() {
        #expect(CTAEA.State.rounded([0.5, 1.5, 2.5, 3.49, 3.5]) == [0, 2, 2, 3, 4])
    }

    @Test("pymoo SBX(n_offsprings=1) on floats keeps children inside the bounds and leaves equal genes alone")
    func floatCrossoverStaysInBounds() {
        var rng = Xoshiro256StarStar(seed: 2)
        let sbx = CTAEA().crossover
        for _ in 0..<500 {
            let child = sbx.singleFloatChild([0, 1.3, 4, 2.2, 0.7, 3], [4, 1.3, 0, 0.1, 3.9, 3], bounds: bounds, using: &rng)
            #expect(child[1] == 1.3 && child[5] == 3)
            #expect(child.indices.allSatisfy { child[$0] >= 0 && child[$0] <= 4 })
        }
    }

    @Test("CA survival keeps exactly the archive size from a larger merge; DA fills from the candidates")
    func survivalSizes() {
        var rng = Xoshiro256StarStar(seed: 4)
        let dirs = CTAEA().directions(objectiveCount: 3)
        var survival = CADASurvival(directions: dirs)
        let genes = (0..<40).map { i in (0..<6).map { _ in Double(i % 5) } }
        let objectives = (0..<40).map { _ in (0..<3).map { _ in rng.nextUnit() } }
        let merged = CTAEAArchive(genes: genes, objectives: objectives)
        let (ca, da) = survival.survive(merged: merged, diversity: CTAEAArchive(), count: 20, using: &rng)
        #expect(ca.count == 20)
        #expect(da.count == 20)
        #expect(survival.idealPoint == (0..<3).map { j in objectives[20...].map { $0[j] }.min()! })
    }
}
