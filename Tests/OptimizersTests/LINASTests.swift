import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Optimizers

/// LINAS as DyNAS-T 1.6.0 runs it (ALGORITHMS.md L.1).
@Suite struct LINASTests {
    func run(_ linas: LINAS, budget: Int, seed: UInt64 = 3) -> TrialEvaluator<ToyNATSEvaluator> {
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
        var rng = Xoshiro256StarStar(seed: seed)
        linas.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        return trial
    }

    @Test func loopCountIsPythonRoundOfBudgetOverPopulation() {
        #expect(LINAS.loops(evaluations: 250, population: 50) == 5)
        #expect(LINAS.loops(evaluations: 225, population: 50) == 4)   // round(4.5) = 4
        #expect(LINAS.loops(evaluations: 275, population: 50) == 6)   // round(5.5) = 6
    }

    @Test func evaluatesExactlyPopulationPerLoop() {
        let linas = LINAS(population: 10, innerGenerations: 5, predictor: PredictorModel(.ridge))
        let trial = run(linas, budget: 40)
        #expect(trial.evaluations == 40)
        // 4 loops × 10: nothing deduplicated against the archive, so repeats are charged.
        let budget45 = run(linas, budget: 45)
        #expect(budget45.evaluations == 40, "round(4.5) = 4 loops, so 40 of 45 evaluations are used")
    }

    @Test func sameInnerSeedEveryLoopUnderDynast16() {
        // With the same seed, the inner search's first generation is the same sample every
        // loop; with fresh seeds it is not. The trial logs differ accordingly.
        var faithful = LINAS(population: 10, innerGenerations: 3, predictor: PredictorModel(.ridge))
        faithful.sameInnerSeedEveryLoop = true
        var fresh = faithful
        fresh.sameInnerSeedEveryLoop = false
        let a = run(faithful, budget: 50).records.map(\.row)
        let b = run(faithful, budget: 50).records.map(\.row)
        let c = run(fresh, budget: 50).records.map(\.row)
        #expect(a == b, "deterministic for a seed")
        #expect(a.prefix(10) == c.prefix(10), "the first population is the trial's random sample either way")
        #expect(a != c)
    }

    @Test func skipEvaluatedProposesOnlyNewArchitectures() {
        var linas = LINAS(population: 10, innerGenerations: 5, predictor: PredictorModel(.ridge))
        linas.skipEvaluated = true
        let rows = run(linas, budget: 60).records.map(\.row)
        // Within one loop's proposals, none repeats an architecture from earlier loops.
        for loop in 1..<6 {
            let earlier = Set(rows.prefix(loop * 10))
            #expect(rows[(loop * 10)..<(loop * 10 + 10)].allSatisfy { !earlier.contains($0) })
        }
    }
}

/// LINAS's `predictor = "…"` names, each an entry of the one predictor catalogue.
@Suite struct LINASPredictorNameTests {
    @Test func everyNameResolvesToItsCatalogueEntry() throws {
        #expect(LINAS.predictorNames == ["dynast", "dynast-variance-filter", "dynast-warm-c", "ridge", "svr-rbf", "stacked", "gbt"])
        #expect(LINAS.predictor(named: "dynast") == PredictorModel(.dynast))
        let filtering = try #require(LINAS.predictor(named: "dynast-variance-filter"))
        #expect(filtering.kind == .dynast && filtering.parameters.dropConstantColumns == true)
        #expect((try filtering.makeRegressor() as? DynastPredictor)?.configuration.dropsConstantColumns == true)
        #expect((try PredictorModel(.dynast).makeRegressor() as? DynastPredictor)?.configuration.dropsConstantColumns == false)
        let warm = try #require(LINAS.predictor(named: "dynast-warm-c"))
        #expect(warm.kind == .dynast && warm.name == "dynast-warm-c" && warm.parameters.warmStartC == true)
        #expect((try warm.makeRegressor() as? DynastPredictor)?.configuration.warmStartsAcrossC == true)
        #expect((try PredictorModel(.dynast).makeRegressor() as? DynastPredictor)?.configuration.warmStartsAcrossC == false)
        #expect(LINAS.predictor(named: "ridge") == PredictorModel(.ridge))
        #expect(LINAS.predictor(named: "svr-rbf") == PredictorModel(.svrRBF))
        #expect(LINAS.predictor(named: "svr") == PredictorModel(.svrRBF))
        #expect(LINAS.predictor(named: "stacked") == PredictorModel(.stacked))
        #expect(LINAS.predictor(named: "xgboost") == LINAS.predictor(named: "gbt"))
        #expect(LINAS.predictor(named: "mlp") == nil)
        #expect(LINAS().predictor == PredictorModel(.dynast))
    }

    @Test("LINAS's gbt builds the XGBRegressor(eta=0.1) it fitted before the catalogue")
    func gbtKeepsItsSettings() throws {
        let gbt = try #require(LINAS.predictor(named: "gbt"))
        #expect(gbt.kind == .gbt && gbt.name == "gbt")
        let trees = try #require(try gbt.makeRegressor(seed: 0) as? GradientBoostedTrees)
        #expect(trees.parameters == .nasEAFA(xgboostMajorVersion: 3))
        #expect(trees.parameters != GradientBoostedTrees.Parameters(), "not the catalogue gbt's eta 0.3")
        let ridge = try #require(try LINAS.predictor(named: "ridge")?.makeRegressor() as? RidgeRegression)
        #expect(ridge.alpha == 1)
        let svr = try #require(try LINAS.predictor(named: "svr-rbf")?.makeRegressor() as? EpsilonSVR)
        #expect(svr.kernelChoice == .rbf(gamma: .scale) && svr.c == 1 && svr.epsilon == 0.1)
        let dynast = try #require(try LINAS.predictor(named: "dynast")?.makeRegressor() as? DynastPredictor)
        #expect(dynast.configuration == DynastPredictor.Configuration())
    }
}
