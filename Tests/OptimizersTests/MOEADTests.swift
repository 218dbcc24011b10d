import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// A synthetic three-objective benchmark on NATS topology cells (maximise the op sum,
/// minimise two conflicting costs), for the decomposition-based MOEAs.
struct ToyNATS3Evaluator: Evaluator {
    var objectives: [Objective] {
        [Objective(metric: "sum", direction: .max), Objective(metric: "cost", direction: .min), Objective(metric: "size", direction: .min)]
    }
    var reported: [String] { [] }

    func evaluate(_ cell: NATSTopologyCell) -> Evaluation? {
        let g = cell.genes
        let sum = Double(g.reduce(0, +))
        let cost = Double(g[0] * g[0] + g[1] * 2 + g[2]) + 0.1 * Double(g[3] + g[4] + g[5])
        let size = Double(g[3] * g[3] + g[4] + 2 * g[5]) + 0.2 * Double(g[0])
        return Evaluation(row: cell.code, objectives: [sum, cost, size], reported: [], cost: 1)
    }
}

/// MOEA/D as pymoo 0.6.2's loop-wise `MOEAD` runs it with DyNAS-T's settings (MOEA.md
/// "pymoo facts").
@Suite struct MOEADTests {
    func rows(_ seed: UInt64, _ moead: MOEAD = MOEAD(), budget: Int = 300) -> [Int] {
        var rng = Xoshiro256StarStar(seed: seed)
        let trial = TrialEvaluator(ToyNATS3Evaluator(), budget: .evaluations(budget), cache: .charge)
        moead.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        return trial.records.map(\.row)
    }

    @Test func sameSeedSameEvaluationSequenceOtherSeedAnother() {
        #expect(rows(5) == rows(5))
        #expect(rows(5) != rows(6))
    }

    @Test("DyNAS-T's budget: int(evaluations / 20) whole generations of 20, so 250 gives 240")
    func generationsBudgetUndershootsToWholeGenerations() {
        #expect(rows(3, budget: 250).count == 240)
        #expect(rows(3, budget: 500).count == 500)
    }

    @Test("the exact variant spends the whole budget through the trial", arguments: [57, 250, 333])
    func exactBudgetSpendsEveryEvaluation(budget: Int) {
        var rng = Xoshiro256StarStar(seed: 8)
        let trial = TrialEvaluator(ToyNATS3Evaluator(), budget: .evaluations(budget), cache: .charge)
        MOEAD(budget: .exact).run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == budget)
        #expect(trial.records.map(\.step) == Array(1...budget))
    }

    @Test("20 evaluations per generation: 20 initial, then one offspring per sub-problem")
    func twentyEvaluationsPerGeneration() {
        var rng = Xoshiro256StarStar(seed: 21)
        var state = MOEAD().makeState(bounds: GeneBounds(NATSTopologySpace().geneBounds), objectiveCount: 3, initial: nil)
        var perGeneration: [Int: Int] = [:]
        while state.generation < 6 {
            let before = state.generation
            let batch = state.ask(using: &rng)
            perGeneration[before, default: 0] += batch.count
            state.tell(batch.map(Self.minimised), using: &rng)
            state._checkInvariants()
            #expect(state.populationGenes.count == 20)
        }
        #expect(perGeneration.values.allSatisfy { $0 == 20 })
        #expect(state.evaluations == 120)
    }

    static func minimised(_ genes: [Int]) -> [Double] {
        let e = ToyNATS3Evaluator().evaluate(NATSTopologyCell(genes: genes))!
        return [-e.objectives[0], e.objectives[1], e.objectives[2]]
    }

    @Test("pymoo _replace: every neighbour strictly worse under PBI (own direction, updated ideal) takes the child; ties keep their solution")
    func childReplacesEveryStrictlyWorseNeighbour() {
        var rng = Xoshiro256StarStar(seed: 1)
        var state = MOEAD().makeState(bounds: GeneBounds(NATSTopologySpace().geneBounds), objectiveCount: 3, initial: nil)
        let initial = state.ask(using: &rng)
        // Every sub-problem holds the same point (1, 1, 1); the ideal point is (1, 1, 1).
        state.tell(initial.map { _ in [1, 1, 1] }, using: &rng)
        let k = 7
        let neighbours = state.neighborhoods[k]
        // A child equal to the incumbents ties everywhere: nothing is replaced.
        #expect(state.replaceNeighbors(of: k, with: [0, 0, 0, 0, 0, 0], objectives: [1, 1, 1]).isEmpty)
        // A child dominating (1, 1, 1) after the ideal point moved to it.
        let child = [4, 4, 4, 4, 4, 4]
        let f = [0.5, 0.5, 0.5]
        let pbi = PenaltyBoundaryIntersection(theta: 5)
        let z = [0.5, 0.5, 0.5]
        let expected = neighbours.filter { n in
            pbi.value(f, weights: state.directions[n], idealPoint: z) < pbi.value([1, 1, 1], weights: state.directions[n], idealPoint: z)
        }
        // Drive the replacement directly at sub-problem k with the ideal point lowered first.
        var direct = state
        direct.lowerIdealForTesting(f)
        let replaced = direct.replaceNeighbors(of: k, with: child, objectives: f)
        #expect(replaced == expected)
        #expect(!replaced.isEmpty)
        for n in state.directions.indices {
            #expect(direct.populationGenes[n] == (replaced.contains(n) ? child : state.populationGenes[n]))
        }
        // Sub-problems outside k's neighbourhood are never touched.
        #expect(Set(replaced).isSubset(of: Set(neighbours)))
    }

    @Test("pymoo's default decomposition: Tchebicheff for 2 objectives, PBI(θ 5) for 3")
    func defaultDecomposition() {
        #expect(MOEAD().scalarization(objectiveCount: 2) is Tchebicheff)
        #expect((MOEAD().scalarization(objectiveCount: 3) as? PenaltyBoundaryIntersection)?.theta == 5)
    }
}
