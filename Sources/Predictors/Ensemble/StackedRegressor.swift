/// Stacking: ridge and RBF ε-SVR as base models, and a ridge meta-model fitted on their
/// out-of-fold predictions (Wolpert 1992; the form of scikit-learn's `StackingRegressor`
/// with `cv=KFold(5)` and a `Ridge` final estimator, without passthrough).
///
/// ```swift
/// var model = StackedRegressor()
/// try model.fit(x, y)
/// let predicted = try model.predict(xTest)
/// ```
///
/// The base models are refitted on all data for prediction, as scikit-learn does. DyNAS-T
/// 1.6.0 has no stacked predictor; this is the LINAS paper's "stacked" option for ablations.
public struct StackedRegressor: Regressor {
    public var ridgeAlpha: Double
    public var svrC: Double
    public var svrEpsilon: Double
    public var metaAlpha: Double
    public var folds: Int

    private var ridge: RidgeRegression?
    private var svr: EpsilonSVR?
    private var meta: RidgeRegression?

    public init(ridgeAlpha: Double = 1, svrC: Double = 1, svrEpsilon: Double = 0.1, metaAlpha: Double = 1, folds: Int = 5) {
        self.ridgeAlpha = ridgeAlpha; self.svrC = svrC; self.svrEpsilon = svrEpsilon
        self.metaAlpha = metaAlpha; self.folds = folds
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        let splits = try KFold(splits: folds).split(sampleCount: x.rows)
        var outOfFold = Matrix(rows: x.rows, columns: 2)
        for fold in splits {
            let xt = x.selectingRows(fold.train), yt = fold.train.map { y[$0] }
            var r = RidgeRegression(alpha: ridgeAlpha)
            try r.fit(xt, yt)
            var s = EpsilonSVR(kernel: .rbf(gamma: .scale), c: svrC, epsilon: svrEpsilon)
            try s.fit(xt, yt)
            let xv = x.selectingRows(fold.test)
            let pr = try r.predict(xv), ps = try s.predict(xv)
            for (k, i) in fold.test.enumerated() {
                outOfFold[i, 0] = pr[k]
                outOfFold[i, 1] = ps[k]
            }
        }
        var m = RidgeRegression(alpha: metaAlpha)
        try m.fit(outOfFold, y)
        var r = RidgeRegression(alpha: ridgeAlpha)
        try r.fit(x, y)
        var s = EpsilonSVR(kernel: .rbf(gamma: .scale), c: svrC, epsilon: svrEpsilon)
        try s.fit(x, y)
        ridge = r; svr = s; meta = m
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        guard let ridge, let svr, let meta else { throw PredictorError.notFitted(model: "stacked") }
        let pr = try ridge.predict(x), ps = try svr.predict(x)
        var level = Matrix(rows: x.rows, columns: 2)
        for i in 0..<x.rows { level[i, 0] = pr[i]; level[i, 1] = ps[i] }
        return try meta.predict(level)
    }
}
