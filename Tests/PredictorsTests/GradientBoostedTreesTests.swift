import Testing
@testable import Predictors

/// Hand-checked xgboost 3.2.0 behaviours from REGRESSORS.md A.
@Suite struct GradientBoostedTreesTests {
    static let x: [[Double]] = [[0], [1], [2], [3]]
    static let y: [Double] = [0, 1, 1, 0]

    static func stump(gamma: Float = 0, baseScore: Float? = 0.5) -> GradientBoostedTrees.Parameters {
        .init(estimators: 1, maxDepth: 1, learningRate: 0.3, gamma: gamma, baseScore: baseScore)
    }

    @Test("equal gains within a feature: the first candidate of the descending scan (f0<2.5) wins")
    func tieWithinFeatureTakesLargestThreshold() throws {
        var model = GradientBoostedTrees(parameters: Self.stump())
        try model.fit(rows: Self.x, targets: Self.y)
        let tree = try #require(model.trees.first)
        #expect(tree.feature[0] == 0)
        #expect(tree.threshold[0] == 2.5)
        #expect(tree.loss[0] == 0.1875)
        let p = try model.predict(rows: Self.x)
        // Leaves are Float(w)·Float(η): w = 0.125 left, −0.25 right, η = 0.3f.
        let eta: Float = 0.3
        let left: Float = 0.125 * eta
        let right: Float = -0.25 * eta
        #expect(abs(left - 0.0375) < 1e-7)
        let expected: [Float] = [0.5 + left, 0.5 + left, 0.5 + left, 0.5 + right]
        #expect(p == expected.map { Double($0) })
    }

    @Test("equal gains across features: the lower feature index wins")
    func tieAcrossFeaturesTakesLowerIndex() throws {
        var model = GradientBoostedTrees(parameters: Self.stump())
        try model.fit(rows: Self.x.map { [$0[0], 3 - $0[0]] }, targets: Self.y)
        #expect(model.trees.first?.feature[0] == 0)
    }

    @Test("gamma prunes a split whose loss is below it, and only then")
    func gammaPrunes() throws {
        var kept = GradientBoostedTrees(parameters: Self.stump(gamma: 0.18))
        var pruned = GradientBoostedTrees(parameters: Self.stump(gamma: 0.19))
        try kept.fit(rows: Self.x, targets: Self.y)
        try pruned.fit(rows: Self.x, targets: Self.y)
        #expect(kept.trees.first?.leafCount == 2)
        #expect(pruned.trees.first?.leafCount == 1)
        #expect(try pruned.predict(rows: Self.x) == [0.5, 0.5, 0.5, 0.5])
    }

    @Test("xgboost ≥ 2 estimates base_score as the float mean of the labels")
    func baseScoreIsEstimated() throws {
        var model = GradientBoostedTrees(parameters: .init(estimators: 0, baseScore: nil))
        try model.fit(rows: [[0], [1], [2]], targets: [-0.1, -0.2, -0.135])
        var mean = 0.0
        for label in [-0.1, -0.2, -0.135].map({ Float($0) }) { mean += Double(label) / 3 }
        #expect(model.baseScore == Float(mean))
        #expect(GradientBoostedTrees.Parameters.nasEAFA(xgboostMajorVersion: 1).baseScore == 0.5)
        #expect(GradientBoostedTrees.Parameters.nasEAFA().baseScore == nil)
    }

    @Test("the midpoint of adjacent floats 1 and 1.0000001 rounds onto the larger value")
    func midpointRoundsUp() throws {
        let next = Double(Float(1).nextUp)
        var model = GradientBoostedTrees(parameters: Self.stump())
        try model.fit(rows: [[1], [1], [next], [next]], targets: [0, 0, 1, 1])
        #expect(model.trees.first?.threshold[0] == Float(1).nextUp)
    }
}

@Suite struct InputValidationTests {
    @Test func errorsAreOneLineAndSpecific() throws {
        var ridge = RidgeRegression()
        #expect(throws: PredictorError.raggedRows(row: 1, width: 1, expected: 2)) {
            try ridge.fit(rows: [[1, 2], [3]], targets: [1, 2])
        }
        #expect(throws: PredictorError.nonFiniteTarget(index: 1, value: .infinity)) {
            try ridge.fit(rows: [[1], [2]], targets: [1, .infinity])
        }
        #expect(throws: PredictorError.targetCountMismatch(rows: 2, targets: 1)) {
            try ridge.fit(rows: [[1], [2]], targets: [1])
        }
        #expect(throws: PredictorError.emptyTrainingSet) { try ridge.fit(rows: [], targets: []) }
        #expect(throws: PredictorError.notFitted(model: "RidgeRegression")) { try ridge.predict(rows: [[1]]) }
        try ridge.fit(rows: [[1, 0], [0, 1], [1, 1]], targets: [1, 2, 3])
        #expect(throws: PredictorError.featureWidthMismatch(expected: 2, given: 3)) {
            try ridge.predict(rows: [[1, 2, 3]])
        }
        let messages = [PredictorError.tooFewSamplesForFolds(samples: 3, folds: 5),
                        .nonFiniteTarget(index: 0, value: .nan), .featureWidthMismatch(expected: 2, given: 3)]
            .map(\.description)
        #expect(messages.allSatisfy { !$0.contains("\n") && !$0.isEmpty })
        #expect(messages[0] == "cannot split 3 samples into 5 folds: need at least 5 samples")
    }

    @Test func nanTargetsAreRejectedByEveryModel() {
        let rows: [[Double]] = [[0], [1], [2], [3], [4]]
        let targets: [Double] = [1, 2, .nan, 4, 5]
        var models: [any Regressor] = [RidgeRegression(), LinearRegression(), EpsilonSVR(),
                                       GradientBoostedTrees(), DynastPredictor()]
        for i in models.indices {
            #expect(throws: PredictorError.self) { try models[i].fit(rows: rows, targets: targets) }
        }
    }
}
