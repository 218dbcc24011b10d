import Testing
@testable import Predictors

/// XGBRegressor(n_estimators=100, max_depth=6, learning_rate=0.1, tree_method='exact',
/// base_score=0.5), xgboost 3.2.0, on every oracle dataset.
@Suite struct GradientBoostedTreesOracleTests {
    static let parameters = GradientBoostedTrees.Parameters(estimators: 100, maxDepth: 6, learningRate: 0.1,
                                                            lambda: 1, minChildWeight: 1, baseScore: 0.5)

    @Test("first tree and full ensemble match xgboost's float32 predictions", arguments: OracleDataset.ids)
    func boostedTreesMatchXGBoost(id: String) throws {
        let ds = OracleDataset.named(id)
        let oracle = try #require(ds.models["xgboost"])
        var model = GradientBoostedTrees(parameters: Self.parameters)
        try model.fit(ds.xTrain, ds.yTrain)
        let first = try model.predict(ds.xTest, treeLimit: 1)
        let all = try model.predict(ds.xTest)
        let firstDeviation = maxAbsoluteError(first, try #require(oracle.firstTreePredictions))
        let deviation = maxAbsoluteError(all, oracle.predictions)
        #expect(firstDeviation < 1e-6, "\(id): first tree max |Δ| = \(firstDeviation)")
        // Measured ≤ 5e-11, i.e. identical float32 predictions (one float ulp near 5 is 5e-7).
        #expect(deviation < 1e-6, "\(id): ensemble max |Δ| = \(deviation)")
    }
}
