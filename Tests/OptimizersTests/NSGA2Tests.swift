import NASCore
import SearchSpaces
import Testing
@testable import Optimizers

/// A synthetic two-objective benchmark on NATS topology cells: maximise the sum of the op
/// codes, minimise a cost that rewards zeros on the first three edges. Optionally rejects
/// cells whose first edge is op 0 (as an off-table `reject` policy would).
struct ToyNATSEvaluator: Evaluator {
    var rejectFirstEdgeZero = false
    var objectives: [Objective] { [Objective(metric: "sum", direction: .max), Objective(metric: "cost", direction: .min)] }
    var reported: [String] { [] }

    func evaluate(_ cell: NATSTopologyCell) -> Evaluation? {
        let g = cell.genes
        if rejectFirstEdgeZero && g[0] == 0 { return nil }
        let sum = Double(g.reduce(0, +))
        let cost = Double(g[0] * g[0] + g[1] * 2 + g[2]) + 0.1 * Double(g[3] + g[4] + g[5])
        return Evaluation(row: cell.code, objectives: [sum, cost], reported: [], cost: 1)
    }
}

/// NSGA-II as pymoo 0.6.2 runs it for DyNAS-T (PYMOO-NSGA2.md §2), on the NATS topology
/// space and on a synthetic objective.
@Suite struct NSGA2Tests {
    static func toyObjectives(_ genes: [Int]) -> [Double] {
        let e = ToyNATSEvaluator().evaluate(NATSTopologyCell(genes: genes))!
        return [-e.objectives[0], e.objectives[1]]
    }

    @Test(arguments: [120, 500, 1_000])
    func evaluatesExactlyTheBudget(budget: Int) {
        var rng = Xoshiro256StarStar(seed: 61)
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
        NSGA2().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == budget)
        #expect(trial.records.map(\.step) == Array(1...budget))
    }

    @Test func sameSeedSameEvaluationSequenceOtherSeedAnother() {
        func records(_ seed: UInt64, _ nsga2: NSGA2 = NSGA2()) -> [Int] {
            var rng = Xoshiro256StarStar(seed: seed)
            let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(400), cache: .charge)
            nsga2.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
            return trial.records.map(\.row)
        }
        #expect(records(7) == records(7))
        #expect(records(7) != records(8))
        for variant in NSGA2.Variant.allCases {
            #expect(records(9, NSGA2(variant: variant)) == records(9, NSGA2(variant: variant)))
        }
    }

    @Test func generationsFollowPymoosNGenCounting() {
        // ('n_gen', 5) with N = 50: the initial population plus 4 offspring batches = 250.
        var rng = Xoshiro256StarStar(seed: 62)
        var batches: [Int] = []
        let final = NSGA2().evolve(space: NATSTopologySpace(), generations: 5, using: &rng) { batch in
            batches.append(batch.count)
            return batch.map(Self.toyObjectives)
        }
        #expect(batches == [50, 50, 50, 50, 50])
        #expect(final.count == 50)

        var trialRNG = Xoshiro256StarStar(seed: 62)
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(10_000), cache: .charge)
        NSGA2(generations: 3).run(space: NATSTopologySpace(), trial: trial, rng: &trialRNG)
        #expect(trial.evaluations == 150)
    }

    @Test func everyGenerationIsConsistentAndFreeOfDuplicates() {
        var rng = Xoshiro256StarStar(seed: 63)
        let bounds = GeneBounds(NATSTopologySpace().geneBounds)
        var state = NSGA2.State(algorithm: NSGA2(), bounds: bounds)
        for _ in 0..<60 {
            let batch = state.ask(using: &rng)
            #expect(batch.allSatisfy(bounds.contains))
            #expect(Set(batch).count == batch.count, "no duplicate within offspring")
            #expect(Set(batch).isDisjoint(with: Set(state.population.genes)), "none equal to a parent")
            state.tell(batch.map(Self.toyObjectives), using: &rng)
            #expect(state.population.invariantViolations(bounds: bounds).isEmpty)
            #expect(state.population.count == min(50, state.evaluations))
        }
        #expect(state.generation == 60)
        // The toy front is small; the search should have found some of it.
        let front = state.population.paretoFront
        #expect(!front.isEmpty)
        for i in front {
            #expect(!state.population.objectives.contains { NonDominatedSortingProbe.dominates($0, state.population.objectives[i]) })
        }
    }

    @Test func initialDuplicatesAreDroppedNotReplacedAndAnExhaustedSpaceStops() {
        // 2 genes × 5 options = 25 genomes, N = 50: pymoo's first population is smaller than
        // N (PYMOO-NSGA2.md §2.1) and mating eventually breeds nothing new (forced stop).
        var rng = Xoshiro256StarStar(seed: 64)
        let bounds = GeneBounds([0...4, 0...4])
        var state = NSGA2.State(algorithm: NSGA2(), bounds: bounds)
        let first = state.ask(using: &rng)
        #expect(first.count < 25 && Set(first).count == first.count)
        state.tell(first.map { [Double($0[0]), Double($0[1])] }, using: &rng)
        #expect(state.population.count == first.count)
        var total = first.count
        var rounds = 0
        while true {
            let batch = state.ask(using: &rng)
            if batch.isEmpty { break }
            total += batch.count
            state.tell(batch.map { [Double($0[0]), Double($0[1])] }, using: &rng)
            rounds += 1
            #expect(rounds < 1_000)
        }
        #expect(state.population.count == 25)
        #expect(Set(state.population.genes).count == 25)
        #expect(total >= 25)
    }

    @Test func unanswerableArchitecturesGetInfiniteObjectivesAndTheBudgetStillHolds() {
        var rng = Xoshiro256StarStar(seed: 65)
        let trial = TrialEvaluator(ToyNATSEvaluator(rejectFirstEdgeZero: true), budget: .evaluations(300), cache: .charge)
        NSGA2().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == 300)
        #expect(trial.unanswered > 0)
    }

    @Test func nanObjectivesAreReadAsInfinity() {
        var rng = Xoshiro256StarStar(seed: 66)
        let final = NSGA2(population: 20).evolve(space: NATSTopologySpace(), generations: 4, using: &rng) { batch in
            batch.map { g in g[0] == 0 ? [.nan, 1] : Self.toyObjectives(g) }
        }
        #expect(final.objectives.allSatisfy { !$0.contains(where: \.isNaN) })
    }

    @Test func pymoo05AndPymoo060VariantsRunWithinBudget() {
        for variant in NSGA2.Variant.allCases {
            var rng = Xoshiro256StarStar(seed: 67)
            let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(250), cache: .charge)
            NSGA2(variant: variant).run(space: NATSTopologySpace(), trial: trial, rng: &rng)
            #expect(trial.evaluations == 250, "\(variant)")
        }
        let v05 = NSGA2(variant: .pymoo050)
        #expect(v05.mutation.semantics == .pymoo05 && v05.mutation.repair.cells == .widened)
        let v060 = NSGA2(variant: .pymoo060)
        #expect(v060.crossover.exchangeProbability == 0.5 && v060.sampling.variant == .roundedUniform)
        let overridden = NSGA2(mutationSemantics: .pymoo05, sbxExchangeProbability: 0.5)
        #expect(overridden.mutation.semantics == .pymoo05 && overridden.crossover.exchangeProbability == 0.5)
        #expect(overridden.mutation.repair.cells == .pymoo06)
    }

    @Test func freeCacheRepeatsDoNotCountTowardsTheBudget() {
        var rng = Xoshiro256StarStar(seed: 68)
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(600), cache: .free)
        NSGA2().run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        #expect(trial.evaluations == 600)
    }
}

/// Pareto dominance for assertions (minimisation), spelled out independently of the code
/// under test.
enum NonDominatedSortingProbe {
    static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        zip(a, b).allSatisfy { $0 <= $1 } && zip(a, b).contains { $0 < $1 }
    }
}
