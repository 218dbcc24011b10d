/// Gradient-boosted regression trees, reproducing XGBoost's exact greedy algorithm
/// (`tree_method='exact'`, `objective='reg:squarederror'`).
///
/// ```swift
/// var xgb = GradientBoostedTrees(parameters: .init(learningRate: 0.1, baseScore: 0.5))
/// try xgb.fit(rows: x, targets: y)
/// let p = try xgb.predict(rows: xTest)
/// let firstTreeOnly = try xgb.predict(Matrix(rows: xTest), treeLimit: 1)
/// ```
///
/// Chen & Guestrin, "XGBoost: A Scalable Tree Boosting System", KDD 2016, Alg. 1, as
/// implemented in xgboost 3.2.0 `grow_colmaker` + `prune` (REGRESSORS.md A). The port
/// keeps xgboost's number types, which decide ties and thresholds: features, labels,
/// gradients, gains, thresholds and predictions are Float32; node sums are Double.
/// Split finding scans each column once per depth level in descending order for all
/// frontier nodes at once (the backward-only scan of dense data), offers a candidate
/// between each pair of distinct adjacent values at their Float midpoint, keeps the
/// first of equal gains within a feature and the lower feature index across features,
/// and splits a node only if its loss exceeds 1e-6.
///
/// `baseScore: nil` estimates the intercept as xgboost ≥ 2.0 does (the Float mean of the
/// labels); xgboost ≤ 1.7 used the constant 0.5, which `baseScore: 0.5` reproduces.
/// - Complexity: fit O(d·n log n) to presort plus O(trees · depth · n·d); predict
///   O(m · trees · depth).
public struct GradientBoostedTrees: Regressor {
    /// xgboost's parameters, with its defaults.
    public struct Parameters: Sendable, Equatable {
        public var estimators: Int
        public var maxDepth: Int
        /// eta; xgboost stores it as Float.
        public var learningRate: Float
        /// reg_lambda (L2 on leaf weights).
        public var lambda: Float
        /// reg_alpha (L1 on leaf weights).
        public var alpha: Float
        /// min_split_loss; used only by the pruner.
        public var gamma: Float
        public var minChildWeight: Float
        /// 0 = no clipping of leaf weights.
        public var maxDeltaStep: Float
        /// `nil` = estimate from the labels (xgboost ≥ 2.0); 0.5 = xgboost ≤ 1.7.
        public var baseScore: Float?

        public init(estimators: Int = 100, maxDepth: Int = 6, learningRate: Float = 0.3, lambda: Float = 1,
                    alpha: Float = 0, gamma: Float = 0, minChildWeight: Float = 1, maxDeltaStep: Float = 0,
                    baseScore: Float? = nil) {
            self.estimators = estimators
            self.maxDepth = maxDepth
            self.learningRate = learningRate
            self.lambda = lambda
            self.alpha = alpha
            self.gamma = gamma
            self.minChildWeight = minChildWeight
            self.maxDeltaStep = maxDeltaStep
            self.baseScore = baseScore
        }

        /// NAS-EA-FA's surrogate, `XGBRegressor(eta=0.1)` (ALGORITHMS.md §1.6), with the
        /// base score of the given xgboost major version (the repository pins none).
        public static func nasEAFA(xgboostMajorVersion: Int = 3) -> Parameters {
            Parameters(learningRate: 0.1, baseScore: xgboostMajorVersion >= 2 ? nil : 0.5)
        }
    }

    public var parameters: Parameters
    public private(set) var trees: [RegressionTree] = []
    /// The intercept actually used (given or estimated).
    public private(set) var baseScore: Float = 0.5
    private var fittedWidth: Int?

    public init(parameters: Parameters = Parameters()) {
        self.parameters = parameters
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        guard parameters.maxDepth > 0 else {
            throw PredictorError.invalidParameter("max_depth must be > 0 for the exact tree method")
        }
        guard parameters.estimators >= 0 else {
            throw PredictorError.invalidParameter("n_estimators must be >= 0, got \(parameters.estimators)")
        }
        guard parameters.lambda >= 0, parameters.alpha >= 0, parameters.gamma >= 0,
              parameters.minChildWeight >= 0, parameters.maxDeltaStep >= 0 else {
            throw PredictorError.invalidParameter("lambda, alpha, gamma, min_child_weight and max_delta_step must be >= 0")
        }
        let n = x.rows, d = x.columns
        let features = x.values.map { Float($0) }
        let labels = y.map { Float($0) }
        if let given = parameters.baseScore {
            baseScore = given
        } else {
            var mean = 0.0
            for label in labels { mean += Double(label) / Double(n) }
            baseScore = Float(mean)
        }
        let builder = ExactGreedyTreeBuilder(features: features, rows: n, columns: d, parameters: parameters)
        var prediction = [Float](repeating: baseScore, count: n)
        var gradients = [Float](repeating: 0, count: n)
        let hessians = [Float](repeating: 1, count: n)
        trees = []
        trees.reserveCapacity(parameters.estimators)
        for _ in 0..<parameters.estimators {
            for i in 0..<n { gradients[i] = prediction[i] - labels[i] }
            let (tree, leafOfRow) = builder.grow(gradients: gradients, hessians: hessians)
            // The builder knows each row's leaf, so the training rows are not walked again.
            for i in 0..<n { prediction[i] = prediction[i] + tree.value[leafOfRow[i]] }
            trees.append(tree)
        }
        fittedWidth = d
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        try predict(x, treeLimit: nil)
    }

    /// Predictions from the first `treeLimit` trees (xgboost's `iteration_range=(0, k)`),
    /// as Float32 values widened to Double.
    public func predict(_ x: Matrix, treeLimit: Int?) throws -> [Double] {
        try validatePredictionWidth(x, fittedWidth: fittedWidth, model: "GradientBoostedTrees")
        let count = min(treeLimit ?? trees.count, trees.count)
        let d = x.columns
        let features = x.values.map { Float($0) }
        return features.withUnsafeBufferPointer { buffer -> [Double] in
            (0..<x.rows).map { r in
                guard let base = buffer.baseAddress else { return Double(baseScore) }
                var out = baseScore
                for t in 0..<count { out = out + trees[t].leafValue(forRow: base + r * d) }
                return Double(out)
            }
        }
    }
}
