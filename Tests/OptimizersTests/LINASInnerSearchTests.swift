import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Optimizers

/// A three-objective toy on NATS topology cells: the two of `ToyNATSEvaluator` and the count
/// of `none` edges, minimised.
struct ToyNATSEvaluator3: Evaluator {
    var objectives: [Objective] {
        ToyNATSEvaluator().objectives + [Objective(metric: "nones", direction: .min)]
    }
    var reported: [String] { [] }

    func evaluate(_ cell: NATSTopologyCell) -> Evaluation? {
        guard var e = ToyNATSEvaluator().evaluate(cell) else { return nil }
        e.objectives.append(Double(cell.genes.filter { $0 == 0 }.count))
        return e
    }
}

/// LINAS with any population MOEA inside (`LINASInnerSearch`), and DyNAS-T's choice of inner
/// algorithm by objective count.
@Suite struct LINASInnerSearchTests {
    func run<E: Evaluator>(_ linas: LINAS, _ evaluator: E, budget: Int) -> TrialEvaluator<E> where E.Architecture == NATSTopologyCell {
        let trial = TrialEvaluator(evaluator, budget: .evaluations(budget), cache: .charge)
        var rng = Xoshiro256StarStar(seed: 11)
        linas.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        return trial
    }

    @Test("DyNAS-T's generations per loop: 20,000 / individuals per generation unless given")
    func generationsFollowDyNASTsRule() throws {
        #expect(try #require(LINASInnerSearch.named("unsga3", population: 50, generations: nil)).generations == 400)
        #expect(try #require(LINASInnerSearch.named("age-moea", population: 25, generations: nil)).generations == 800)
        #expect(try #require(LINASInnerSearch.named("moead", population: 50, generations: nil)).generations == 1_000)
        #expect(try #require(LINASInnerSearch.named("ctaea", population: 50, generations: 7)).generations == 7)
        #expect(LINASInnerSearch.named("nsga2", population: 50, generations: nil) == nil, "nsga2 and ga are LINAS.InnerAlgorithm")
    }

    @Test("every catalogue algorithm runs inside LINAS and spends the loops' evaluations", arguments: LINASInnerSearch.catalogueNames)
    func everyInnerAlgorithmRuns(name: String) throws {
        var linas = LINAS(population: 20, predictor: PredictorModel(.ridge))
        let inner = try #require(LINASInnerSearch.named(name, population: 20, generations: 3))
        linas.innerSearch = inner
        let trial = run(linas, ToyNATSEvaluator3(), budget: 80)
        // 4 loops: 20 random, then three of the inner search's final population (20 for every
        // one here: MOEA/D and C-TAEA keep 20 directions).
        #expect(trial.evaluations == 80, "\(name)")
        let again = run(linas, ToyNATSEvaluator3(), budget: 80)
        #expect(trial.records.map(\.row) == again.records.map(\.row), "\(name): same seed, same trial")
    }

    @Test("with three objectives and no choice, the inner search is U-NSGA-III (DyNAS-T), not NSGA-II")
    func threeObjectivesDefaultToUNSGA3() throws {
        let plain = LINAS(population: 20, innerGenerations: 3, predictor: PredictorModel(.ridge))
        var unsga3 = plain
        let inner = try #require(LINASInnerSearch.named("unsga3", population: 20, generations: 3))
        unsga3.innerSearch = inner
        var nsga2 = plain
        nsga2.inner = .nsga2
        let byDefault = run(plain, ToyNATSEvaluator3(), budget: 60).records.map(\.row)
        #expect(byDefault == run(unsga3, ToyNATSEvaluator3(), budget: 60).records.map(\.row))
        #expect(byDefault != run(nsga2, ToyNATSEvaluator3(), budget: 60).records.map(\.row))
    }
}
