import Testing
@testable import Predictors

/// DyNAS-T 1.6.0 `dynamic_predictor.Predictor` and the GridSearchCV semantics it relies on.
@Suite struct DynastPredictorTests {
    static let small = DynastPredictor.Configuration(alphas: [0.5, 1.0, 2.0], costs: [1, 10])

    @Test func gridsAreNumpyAranges() {
        let alphas = DynastPredictor.Configuration.dynastAlphas
        #expect(alphas.count == 100)
        #expect(alphas.first == 0.1)
        #expect(alphas[2] == 0.30000000000000004)   // np.arange(0.1, 10.1, 0.1)[2]
        #expect(abs(alphas[99] - 10.0) < 1e-12)
        #expect(DynastPredictor.Configuration.dynastCosts == (1...100).map(Double.init))
        #expect(DynastPredictor.Configuration().folds == 5)
    }

    @Test("KFold(5) unshuffled: contiguous test blocks, the first n mod 5 one larger")
    func kFoldLayoutMatchesScikitLearn() throws {
        let folds = try KFold(splits: 5).split(sampleCount: 12)
        #expect(folds.map(\.test.count) == [3, 3, 2, 2, 2])
        #expect(folds[0].test == [0, 1, 2])
        #expect(folds[1].train == [0, 1, 2] + Array(6..<12))
        #expect(folds[4].test == [10, 11])
        for fold in folds { #expect(Set(fold.train).union(fold.test) == Set(0..<12)) }
        #expect(try KFold().split(sampleCount: 250).map(\.test.count) == [50, 50, 50, 50, 50])
        #expect(try KFold().split(sampleCount: 53).map(\.test.count) == [11, 11, 11, 10, 10])
    }

    @Test func kFoldRefusesFewerSamplesThanFolds() {
        #expect(throws: PredictorError.tooFewSamplesForFolds(samples: 4, folds: 5)) {
            try KFold(splits: 5).split(sampleCount: 4)
        }
        #expect(throws: PredictorError.tooFewSamplesForFolds(samples: 4, folds: 5)) {
            var p = DynastPredictor(configuration: Self.small)
            try p.fit(rows: [[0, 1], [1, 0], [1, 1], [0, 2]], targets: [1, 2, 3, 4])
        }
    }

    @Test("a tie between the searchers keeps ridge (np.argmax takes the first maximum)")
    func tieKeepsRidge() {
        let ridge = DynastPredictor.SearchResult(meanScores: [-0.05, -0.02], bestIndex: 1)
        let svrTie = DynastPredictor.SearchResult(meanScores: [-0.02], bestIndex: 0)
        let svrBetter = DynastPredictor.SearchResult(meanScores: [-0.019], bestIndex: 0)
        #expect(!DynastPredictor.prefersSVR(ridge: ridge, svr: svrTie))
        #expect(DynastPredictor.prefersSVR(ridge: ridge, svr: svrBetter))
    }

    @Test("best_index_ is the first of equal mean scores; a NaN mean ranks last")
    func gridSearchTakesFirstBest() {
        // Fold-major table, 2 folds × 4 candidates.
        let scores: [Double] = [-0.3, -0.1, -0.2, -0.1,
                                -0.3, -0.1, -0.2, -0.1]
        let result = DynastPredictor.summarize(scores, candidates: 4, folds: 2)
        #expect(result.bestIndex == 1)
        #expect(result.meanScores == [-0.3, -0.1, -0.2, -0.1])
        let withNaN = DynastPredictor.summarize([.nan, -0.4, .nan, -0.4], candidates: 2, folds: 2)
        #expect(withNaN.bestIndex == 1)
    }

    @Test("labels are divided by 10^(floor(log10 max|y|) - 1)")
    func labelScaling() {
        #expect(DynastPredictor.normalizationFactor([3e8, 1e8]) == 1e7)
        #expect(DynastPredictor.normalizationFactor([77.2, 70]) == 1)
        #expect(DynastPredictor.normalizationFactor([15.3]) == 1)
        #expect(DynastPredictor.normalizationFactor([0.5, -0.9]) == 0.01)
        #expect(DynastPredictor.normalizationFactor([0, 0]) == 1)
    }

    @Test("CV scores equal independent per-fold fits of Ridge and SVR(gamma='auto', epsilon=0)")
    func sharedFactorisationsGiveTheSameScores() throws {
        let ds = OracleDataset.named("reg2_binary_n60_d10")
        var predictor = DynastPredictor(configuration: Self.small)
        try predictor.fit(ds.xTrain, ds.yTrain)
        let folds = try KFold().split(sampleCount: ds.xTrain.rows)
        let factor = DynastPredictor.normalizationFactor(ds.yTrain)
        let labels = ds.yTrain.map { $0 / factor }
        func cvScore(_ make: () -> any Regressor) throws -> Double {
            var total = 0.0
            for fold in folds {
                var model = make()
                try model.fit(ds.xTrain.selectingRows(fold.train), fold.train.map { labels[$0] })
                let p = try model.predict(ds.xTrain.selectingRows(fold.test))
                total += -RegressionMetrics.meanAbsolutePercentageError(actual: fold.test.map { labels[$0] },
                                                                        predicted: p)
            }
            return total / Double(folds.count)
        }
        let ridge = try #require(predictor.ridgeSearch)
        for (a, alpha) in Self.small.alphas.enumerated() {
            #expect(abs(ridge.meanScores[a] - (try cvScore { RidgeRegression(alpha: alpha) })) < 1e-12)
        }
        let svr = try #require(predictor.svrSearch)
        for (c, cost) in Self.small.costs.enumerated() {
            let independent = try cvScore {
                EpsilonSVR(kernel: .rbf(gamma: .auto), c: cost, epsilon: 0, maxIterations: 1_000_000)
            }
            #expect(svr.meanScores[c] == independent)
        }
        let expectedChoice: DynastPredictor.Choice = svr.bestScore > ridge.bestScore
            ? .svr(c: Self.small.costs[svr.bestIndex]) : .ridge(alpha: Self.small.alphas[ridge.bestIndex])
        #expect(predictor.choice == expectedChoice)
    }

    @Test func parallelAndSerialSearchesAgree() throws {
        let ds = OracleDataset.named("reg1_int_n30_d5")
        var parallel = DynastPredictor(configuration: Self.small)
        var serial = DynastPredictor(configuration: Self.small)
        serial.configuration.parallel = false
        try parallel.fit(ds.xTrain, ds.yTrain)
        try serial.fit(ds.xTrain, ds.yTrain)
        #expect(parallel.ridgeSearch == serial.ridgeSearch)
        #expect(parallel.svrSearch == serial.svrSearch)
        #expect(try parallel.predict(ds.xTest) == serial.predict(ds.xTest))
    }

    @Test("1.6.0 fits constant columns too: gamma='auto' is 1/(all columns), as the wheel's Predictor.train")
    func constantFeaturesAreKeptByDefault() throws {
        let ds = OracleDataset.named("reg1_int_n30_d5")
        let (padded, _) = Self.paddedWithConstantColumn(ds)
        var plain = DynastPredictor(configuration: Self.small)
        var withConstant = DynastPredictor(configuration: Self.small)
        try plain.fit(ds.xTrain, ds.yTrain)
        try withConstant.fit(padded, ds.yTrain)
        #expect(withConstant.featureIndices == [0, 1, 2, 3, 4, 5])
        #expect(plain.svrGamma == 1.0 / 5)
        #expect(withConstant.svrGamma == 1.0 / 6)
        // A constant column adds nothing to a distance or to a centred ridge fit: only
        // gamma moves, so the SVR scores do and the ridge scores do not (up to rounding:
        // the ridge path decomposes a matrix one column wider).
        let ridgeWith = try #require(withConstant.ridgeSearch), ridgePlain = try #require(plain.ridgeSearch)
        #expect(ridgeWith.bestIndex == ridgePlain.bestIndex)
        for (a, b) in zip(ridgeWith.meanScores, ridgePlain.meanScores) { #expect(abs(a - b) <= 1e-12 * abs(b)) }
        #expect(withConstant.svrSearch != plain.svrSearch)
    }

    @Test("variant drop-constant-columns: constant columns are dropped and gamma counts only the rest")
    func constantFeaturesAreDroppedByTheVariant() throws {
        let ds = OracleDataset.named("reg1_int_n30_d5")
        let (padded, paddedTest) = Self.paddedWithConstantColumn(ds)
        var filtering = Self.small
        filtering.dropsConstantColumns = true
        var plain = DynastPredictor(configuration: Self.small)
        var withConstant = DynastPredictor(configuration: filtering)
        try plain.fit(ds.xTrain, ds.yTrain)
        try withConstant.fit(padded, ds.yTrain)
        #expect(withConstant.featureIndices == [0, 1, 2, 3, 4])
        #expect(withConstant.svrGamma == 1.0 / 5)
        #expect(withConstant.svrSearch == plain.svrSearch)
        #expect(try withConstant.predict(paddedTest) == plain.predict(ds.xTest))
        // The catalogue's parameter builds the same variant.
        var p = PredictorModel.Parameters()
        p.dropConstantColumns = true
        let built = try PredictorModel(.dynast, parameters: p).makeRegressor()
        #expect((built as? DynastPredictor)?.configuration.dropsConstantColumns == true)
    }

    static func paddedWithConstantColumn(_ ds: OracleDataset) -> (Matrix, Matrix) {
        (Matrix(rows: ds.xTrain.rows, columns: 6, values: (0..<ds.xTrain.rows).flatMap { Array(ds.xTrain.row($0)) + [7] }),
         Matrix(rows: ds.xTest.rows, columns: 6, values: (0..<ds.xTest.rows).flatMap { Array(ds.xTest.row($0)) + [3] }))
    }

    @Test("predictions come back in label units")
    func predictionsAreRescaled() throws {
        let ds = OracleDataset.named("reg1_int_n30_d5")
        var predictor = DynastPredictor(configuration: Self.small)
        try predictor.fit(ds.xTrain, ds.yTrain.map { $0 * 1e7 })
        #expect(predictor.normalizationFactor >= 1e6)
        let p = try predictor.predict(ds.xTest)
        let mape = RegressionMetrics.meanAbsolutePercentageError(actual: ds.yTest.map { $0 * 1e7 }, predicted: p)
        #expect(mape < 0.2)
    }

    @Test func predictRejectsOtherWidths() throws {
        let ds = OracleDataset.named("reg1_int_n30_d5")
        var predictor = DynastPredictor(configuration: Self.small)
        try predictor.fit(ds.xTrain, ds.yTrain)
        #expect(throws: PredictorError.featureWidthMismatch(expected: 5, given: 2)) {
            try predictor.predict(rows: [[1, 2]])
        }
    }
}
