import Testing
@testable import Predictors

/// Ridge and LinearRegression against scikit-learn 1.9.1 on every oracle dataset.
@Suite struct LinearModelOracleTests {
    @Test("Ridge(alpha=1) matches scikit-learn predictions to 1e-9 relative", arguments: OracleDataset.ids)
    func ridgeMatchesScikitLearn(id: String) throws {
        let ds = OracleDataset.named(id)
        let oracle = try #require(ds.models["ridge"])
        var ridge = RidgeRegression(alpha: 1.0)
        try ridge.fit(ds.xTrain, ds.yTrain)
        let p = try ridge.predict(ds.xTest)
        #expect(maxRelativeError(p, oracle.predictions) < 1e-9)   // measured ≤ 5e-12
        #expect(maxAbsoluteError(ridge.coefficients, try #require(oracle.coefficients)) < 1e-8)
        #expect(abs(ridge.intercept - (try #require(oracle.intercept))) < 1e-8)
    }

    @Test("LinearRegression matches scikit-learn's lstsq, minimum-norm when rank-deficient",
          arguments: OracleDataset.ids)
    func linearRegressionMatchesScikitLearn(id: String) throws {
        let ds = OracleDataset.named(id)
        let oracle = try #require(ds.models["linear_regression"])
        var ols = LinearRegression()
        try ols.fit(ds.xTrain, ds.yTrain)
        let p = try ols.predict(ds.xTest)
        #expect(maxRelativeError(p, oracle.predictions) < 1e-9)   // measured ≤ 5e-12
        #expect(ols.rank == oracle.rank)
        #expect(ols.rank == ds.centredRank)
        // lstsq's coefficients are the minimum-norm ones, so they must match too.
        #expect(maxAbsoluteError(ols.coefficients, try #require(oracle.coefficients)) < 1e-6)
        #expect(abs(ols.intercept - (try #require(oracle.intercept))) < 1e-6)
    }
}
