import Benchmarks
import NASCore
import Optimizers
import Predictors
import Testing
@testable import Experiments

/// Every spec name that picks a predictor resolves to the one catalogue in Predictors
/// (`PredictorModel`): LINAS's `predictor`, NAS-EA-FA's `surrogate`, `off_table =
/// "surrogate:<model>"` and a predictor spec's model types.
@Suite struct PredictorCatalogueResolutionTests {
    static let x: [[Double]] = [[0, 1, 0], [1, 0, 1], [1, 1, 0], [0, 0, 1], [1, 1, 1], [0, 1, 1], [1, 0, 0], [0, 0, 0]]
    static let y: [Double] = [0.2, 0.9, 0.7, 0.3, 1.1, 0.5, 0.6, 0.05]

    static func algorithms(_ body: String) throws -> [AlgorithmConfig] {
        let text = """
        name = "catalogue"
        trials = 1
        seed = 1

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]

        [budget]
        evaluations = 100

        \(body)
        """
        let spec = try ExperimentSpec.parse(text, file: "catalogue.toml")
        return try spec.algorithms.map { try AlgorithmConfig($0) }
    }

    @Test func linasPredictorNamesAreCatalogueEntriesAndGBTKeepsNASEAFAsEta() throws {
        let configs = try Self.algorithms("""
        [[algorithm]]
        name = "linas"
        type = "linas"
        predictor = ["dynast", "dynast-variance-filter", "dynast-warm-c", "ridge", "svr-rbf", "stacked", "gbt"]
        """)
        let predictors = configs.compactMap { ($0.optimizer as? LINAS)?.predictor }
        #expect(predictors == LINAS.predictorNames.compactMap(LINAS.predictor(named:)))
        #expect(predictors.map(\.kind) == [.dynast, .dynast, .dynast, .ridge, .svrRBF, .stacked, .gbt])
        // "gbt" is XGBRegressor(eta=0.1) as LINAS fitted it before the catalogue, not the catalogue gbt's eta 0.3.
        let gbt = try #require(try predictors[6].makeRegressor() as? GradientBoostedTrees)
        #expect(gbt.parameters == .nasEAFA(xgboostMajorVersion: 3))
        // No predictor key: DyNAS-T's predictor.
        let plain = try Self.algorithms("[[algorithm]]\nname = \"linas\"\ntype = \"linas\"")
        #expect((plain.first?.optimizer as? LINAS)?.predictor == PredictorModel(.dynast))
    }

    @Test func nasEAFASurrogateNamesAreCatalogueEntries() throws {
        let configs = try Self.algorithms("""
        [[algorithm]]
        name = "pan"
        type = "nas-ea-fa"

        [[algorithm]]
        name = "pan-xgb1"
        type = "nas-ea-fa"
        xgboost_major = 1

        [[algorithm]]
        name = "dervisi-gcn"
        type = "nas-ea-fa"
        variant = "dervisi-2022"
        surrogate = "gcn"
        """)
        let surrogates = configs.compactMap { ($0.optimizer as? NASEAFA)?.surrogate }
        #expect(surrogates == [.nasEAFAXGBoost(xgboostMajorVersion: 3), .nasEAFAXGBoost(xgboostMajorVersion: 1), .dervisiGCN()])
    }

    @Test func ridgeIsAlphaOneEverywhere() throws {
        let linas = try #require(LINAS.predictor(named: "ridge"))
        let spec = try #require(try PredictorExperimentSpec.parse("""
            name = "p"
            seed = 1
            models = ["ridge"]
            [benchmark]
            name = "nats-tss"
            target = "c10_valid_200ep"
            """, file: "p.toml").models.first)
        #expect(linas == PredictorModel(.ridge) && spec == PredictorModel(.ridge))
        #expect(try #require(try linas.makeRegressor() as? RidgeRegression).alpha == 1)
        // The off-table surrogate predicts what Ridge(alpha=1) predicts.
        let fitted = try OffTableModelFitter.predictor("ridge").fit(Self.x, Self.y)
        var ridge = RidgeRegression(alpha: 1)
        try ridge.fit(rows: Self.x, targets: Self.y)
        #expect(try Self.x.map(fitted) == ridge.predict(rows: Self.x))
    }

    @Test func offTableSurrogatesAreTheCataloguesVectorModelsWithDefaults() throws {
        #expect(OffTableModelFitter.predictorModels == ["ridge", "linear", "svr-rbf", "svr-linear", "linear-svr", "stacked", "gbt", "mlp", "dynast"])
        // surrogate:gbt is the catalogue gbt (xgboost defaults, eta 0.3), as a predictor spec's "gbt".
        let fitted = try OffTableModelFitter.predictor("gbt").fit(Self.x, Self.y)
        var trees = try PredictorModel(.gbt).makeRegressor()
        try trees.fit(rows: Self.x, targets: Self.y)
        #expect(try Self.x.map(fitted) == trees.predict(rows: Self.x))
        #expect(throws: PredictorError.self) { try OffTableModelFitter.predictor("gcn") }
    }

    @Test func aPredictorSpecCanWriteTheAlgorithmsEntriesAsParameters() throws {
        let spec = try PredictorExperimentSpec.parse("""
            name = "p"
            seed = 1
            [benchmark]
            name = "nats-tss"
            target = "c10_valid_200ep"
            [[model]]
            name = "xgb-1"
            type = "gbt"
            learning_rate = 0.1
            base_score = 0.5
            [[model]]
            name = "gcn"
            type = "gcn"
            layer = "sage-mean"
            hidden = [150, 75, 37, 18, 9]
            head = [4]
            readout = "max"
            learning_rate = 0.001
            epochs = 101
            batch_size = 64
            seed = 42
            """, file: "p.toml")
        #expect(spec.models[0].parameters == PredictorModel.nasEAFAXGBoost(xgboostMajorVersion: 1).parameters)
        #expect(spec.models[1].parameters == PredictorModel.dervisiGCN().parameters)
        let bad = "name = \"p\"\nseed = 1\n[benchmark]\nname = \"n\"\ntarget = \"t\"\n[[model]]\ntype = \"mlp\"\nhidden = [1e30]\n"
        #expect(throws: SpecError.self) { try PredictorExperimentSpec.parse(bad, file: "p.toml") }
    }
}
