import NASCore
import Testing
@testable import Predictors

/// `MLPRegressor`: learns a nonlinear function, replays bit for bit from its seed, and
/// refuses bad input before any work.
@Suite struct MLPRegressorTests {
    static func data(count: Int, seed: UInt64) -> (rows: [[Double]], targets: [Double]) {
        var rng = Xoshiro256StarStar(seed: seed)
        var rows: [[Double]] = [], targets: [Double] = []
        for _ in 0..<count {
            let a = rng.nextUnit() * 4 - 2, b = rng.nextUnit() * 4 - 2, c = rng.nextUnit()
            rows.append([a, b, c])
            targets.append(100 + 10 * (a * a - b) + 5 * max(0, a * b))   // accuracy-like scale
        }
        return (rows, targets)
    }

    @Test("Fits y = a² − b + max(0, ab) far better than a linear model")
    func learnsANonlinearFunction() throws {
        let train = Self.data(count: 400, seed: 1), test = Self.data(count: 200, seed: 2)
        var mlp = MLPRegressor(hiddenLayers: [32, 32], epochs: 60, seed: 3)
        try mlp.fit(rows: train.rows, targets: train.targets)
        let predicted = try mlp.predict(rows: test.rows)
        var ridge = RidgeRegression(alpha: 1)
        try ridge.fit(rows: train.rows, targets: train.targets)
        let linear = try ridge.predict(rows: test.rows)
        let mlpError = RegressionMetrics.rootMeanSquaredError(actual: test.targets, predicted: predicted)
        let ridgeError = RegressionMetrics.rootMeanSquaredError(actual: test.targets, predicted: linear)
        #expect(mlpError < ridgeError / 3)
        #expect(RegressionMetrics.kendallTau(actual: test.targets, predicted: predicted) > 0.85)
        // The loss falls: the hand-written gradient points downhill.
        #expect((mlp.lossHistory.last ?? 1) < (mlp.lossHistory.first ?? 0) / 5)
    }

    @Test("Same seed, same predictions; another seed, other predictions")
    func seededAndDeterministic() throws {
        let train = Self.data(count: 100, seed: 4)
        var a = MLPRegressor(hiddenLayers: [8], epochs: 5, seed: 9), b = a, c = a
        c.seed = 10
        try a.fit(rows: train.rows, targets: train.targets)
        try b.fit(rows: train.rows, targets: train.targets)
        try c.fit(rows: train.rows, targets: train.targets)
        #expect(try a.predict(rows: train.rows) == b.predict(rows: train.rows))
        #expect(try a.predict(rows: train.rows) != c.predict(rows: train.rows))
    }

    @Test func rejectsBadInput() throws {
        var mlp = MLPRegressor(hiddenLayers: [4], epochs: 1)
        #expect(throws: PredictorError.notFitted(model: "MLP")) { try mlp.predict(rows: [[1, 2]]) }
        #expect(throws: PredictorError.nonFiniteTarget(index: 1, value: .infinity)) {
            try mlp.fit(rows: [[1], [2]], targets: [1, .infinity])
        }
        var zeroWidth = mlp
        zeroWidth.hiddenLayers = [0]
        #expect(throws: PredictorError.self) { try zeroWidth.fit(rows: [[1], [2]], targets: [1, 2]) }
        try mlp.fit(rows: [[1, 2], [2, 3], [3, 5]], targets: [1, 2, 3])
        #expect(throws: PredictorError.featureWidthMismatch(expected: 2, given: 3)) { try mlp.predict(rows: [[1, 2, 3]]) }
        // A constant feature standardises to 0 instead of dividing by zero.
        try mlp.fit(rows: [[1, 7], [2, 7], [3, 7]], targets: [1, 2, 3])
        #expect(try mlp.predict(rows: [[2, 7]]).allSatisfy(\.isFinite))
    }
}
