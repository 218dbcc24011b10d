import Testing
@testable import Predictors

/// The one predictor catalogue (`PredictorModel`): each spec name builds the regressor its
/// doc comment says, with scikit-learn / xgboost defaults, and the algorithms' named entries
/// build exactly the settings their references use.
@Suite struct PredictorCatalogueTests {
    @Test func theCatalogueListsItsTypesInTableOrder() throws {
        #expect(PredictorModel.types == ["ridge", "linear", "svr-rbf", "svr-linear", "linear-svr", "stacked", "gbt", "mlp", "gcn", "dynast"])
        #expect(PredictorModel.Kind.allCases.allSatisfy { PredictorModel.applicable[$0] != nil })
        #expect(throws: PredictorError.self) { try PredictorModel(type: "xgboost") }
        #expect(try PredictorModel(type: "svr-rbf") == PredictorModel(.svrRBF))
        #expect(PredictorModel(.gcn).input == .graph && PredictorModel(.gbt).input == .vector)
    }

    @Test func defaultsAreTheLibraries() throws {
        let ridge = try #require(try PredictorModel(.ridge).makeRegressor() as? RidgeRegression)
        #expect(ridge.alpha == 1)
        let svr = try #require(try PredictorModel(.svrRBF).makeRegressor() as? EpsilonSVR)
        #expect(svr.kernelChoice == .rbf(gamma: .scale) && svr.c == 1 && svr.epsilon == 0.1)
        let trees = try #require(try PredictorModel(.gbt).makeRegressor() as? GradientBoostedTrees)
        #expect(trees.parameters == GradientBoostedTrees.Parameters())
        #expect(trees.parameters.learningRate == 0.3 && trees.parameters.baseScore == nil)
        let stacked = try #require(try PredictorModel(.stacked).makeRegressor() as? StackedRegressor)
        let reference = StackedRegressor()
        #expect(stacked.ridgeAlpha == reference.ridgeAlpha && stacked.svrC == reference.svrC
                && stacked.svrEpsilon == reference.svrEpsilon && stacked.metaAlpha == reference.metaAlpha && stacked.folds == reference.folds)
        let dynast = try #require(try PredictorModel(.dynast).makeRegressor() as? DynastPredictor)
        #expect(dynast.configuration == DynastPredictor.Configuration())
        let gcn = try #require(try PredictorModel(.gcn).makeRegressor(seed: 9) as? GCNRegressor)
        #expect(gcn.configuration == GraphConvolutionalNetwork.Configuration(seed: 9) && gcn.maxNodes == 8)
    }

    @Test("NAS-EA-FA's XGBRegressor(eta=0.1) entry builds GradientBoostedTrees.Parameters.nasEAFA", arguments: [1, 2, 3])
    func nasEAFAXGBoost(major: Int) throws {
        let entry = PredictorModel.nasEAFAXGBoost(xgboostMajorVersion: major)
        #expect(entry.kind == .gbt)
        let trees = try #require(try entry.makeRegressor() as? GradientBoostedTrees)
        #expect(trees.parameters == .nasEAFA(xgboostMajorVersion: major))
    }

    @Test func dervisisGCNEntryBuildsTheDervisiConfiguration() throws {
        let gcn = try #require(try PredictorModel.dervisiGCN().makeRegressor(seed: 5) as? GCNRegressor)
        #expect(gcn.configuration == .dervisi() && gcn.maxNodes == 8, "the entry's own seed 42 wins over the fallback")
        let reseeded = try #require(try PredictorModel.dervisiGCN(seed: 7).makeRegressor() as? GCNRegressor)
        #expect(reseeded.configuration == .dervisi(seed: 7))
    }

    @Test func parametersAModelDoesNotTakeAreRefusedByName() throws {
        var ridge = PredictorModel(.ridge)
        ridge.parameters.baseScore = 0.5
        #expect(throws: PredictorError.invalidParameter("model 'ridge' takes no 'base-score' (it takes: alpha)")) { try ridge.makeRegressor() }
        var mlp = PredictorModel(.mlp)
        mlp.parameters.head = [4]
        #expect(throws: PredictorError.self) { try mlp.makeRegressor() }
        var gbt = PredictorModel(.gbt)
        gbt.parameters.baseScore = .nan
        #expect(throws: PredictorError.self) { try gbt.makeRegressor() }
        gbt.parameters.baseScore = 0.5
        #expect(try #require(try gbt.makeRegressor() as? GradientBoostedTrees).parameters.baseScore == 0.5)
    }

    @Test("gbt takes xgboost's min_child_weight, reg_lambda and subsample = 1; a subsample fraction is refused, not approximated")
    func gbtTakesTheOraclesXGBoostParameters() throws {
        var gbt = PredictorModel(.gbt)
        gbt.parameters.minChildWeight = 3
        gbt.parameters.regLambda = 0.25
        gbt.parameters.subsample = 1
        let trees = try #require(try gbt.makeRegressor() as? GradientBoostedTrees).parameters
        #expect(trees.minChildWeight == 3 && trees.lambda == 0.25)
        #expect(trees == GradientBoostedTrees.Parameters(lambda: 0.25, minChildWeight: 3))
        gbt.parameters.subsample = 0.8
        #expect(throws: PredictorError.self) { try gbt.makeRegressor() }
        gbt.parameters.subsample = nil
        gbt.parameters.regLambda = -1
        #expect(throws: PredictorError.invalidParameter("reg-lambda must be ≥ 0, got -1.0")) { try gbt.makeRegressor() }
        var ridge = PredictorModel(.ridge)
        ridge.parameters.minChildWeight = 1
        #expect(throws: PredictorError.invalidParameter("model 'ridge' takes no 'min-child-weight' (it takes: alpha)")) { try ridge.makeRegressor() }
    }
}
