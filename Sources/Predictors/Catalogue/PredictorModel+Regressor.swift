extension PredictorModel {
    /// The seed a network or a randomised solver uses: the model's own `seed` if given, else
    /// `fallback` (a trial's stream), so that repeated trials differ but replay.
    public func seed(fallback: UInt64) -> UInt64 { parameters.seed ?? fallback }

    /// A fresh, unfitted regressor: the one way every layer turns a catalogue entry into a
    /// model.
    ///
    /// ```swift
    /// var ridge = try PredictorModel(.ridge).makeRegressor()      // RidgeRegression(alpha: 1)
    /// try ridge.fit(x, y)
    /// ```
    ///
    /// `fallback` seeds the models that draw random numbers (mlp, gcn, linear-svr) when the
    /// entry sets no `seed`; the others ignore it.
    /// - Throws: `PredictorError.invalidParameter` for a parameter the model does not take
    ///   or an impossible value (`checkApplicable`).
    /// - Complexity: O(1) but for the parameter checks; no data is touched.
    public func makeRegressor(seed fallback: UInt64 = 0) throws(PredictorError) -> any Regressor {
        try checkApplicable()
        let p = parameters
        switch kind {
        case .ridge:
            return RidgeRegression(alpha: p.alpha ?? 1)
        case .linear:
            return LinearRegression()
        case .svrRBF:
            return EpsilonSVR(kernel: .rbf(gamma: p.gamma.map { .value($0) } ?? .scale), c: p.c ?? 1, epsilon: p.epsilon ?? 0.1)
        case .svrLinear:
            return EpsilonSVR(kernel: .linear, c: p.c ?? 1, epsilon: p.epsilon ?? 0.1)
        case .linearSVR:
            return LinearSVR(c: p.c ?? 1, epsilon: p.epsilon ?? 0, loss: p.loss ?? .epsilonInsensitive,
                             tolerance: p.tol ?? 1e-4, maxIterations: p.maxIter ?? 1000, randomState: seed(fallback: fallback))
        case .stacked:
            return StackedRegressor(ridgeAlpha: p.alpha ?? 1, svrC: p.c ?? 1, svrEpsilon: p.epsilon ?? 0.1, folds: p.folds ?? 5)
        case .gbt:
            return GradientBoostedTrees(parameters: boostedTreesParameters)
        case .mlp:
            var mlp = MLPRegressor(seed: seed(fallback: fallback))
            if let h = p.hidden { mlp.hiddenLayers = h }
            if let lr = p.learningRate { mlp.learningRate = lr }
            if let e = p.epochs { mlp.epochs = e }
            if let b = p.batchSize { mlp.batchSize = b }
            if let a = p.alpha { mlp.alpha = a }
            return mlp
        case .gcn:
            return GCNRegressor(maxNodes: packedGraphNodes ?? GCNRegressor().maxNodes,
                                configuration: graphConfiguration(seed: fallback))
        case .dynast:
            var configuration = DynastPredictor.Configuration()
            if let folds = p.folds { configuration.folds = folds }
            if let drop = p.dropConstantColumns { configuration.dropsConstantColumns = drop }
            if let warm = p.warmStartC { configuration.warmStartsAcrossC = warm }
            return DynastPredictor(configuration: configuration)
        }
    }

    /// xgboost's parameters of a `gbt` entry: its defaults with the set ones applied. xgboost
    /// keeps eta, alpha, gamma, base_score, min_child_weight and reg_lambda as Float, so the Doubles are narrowed here.
    var boostedTreesParameters: GradientBoostedTrees.Parameters {
        let p = parameters
        var trees = GradientBoostedTrees.Parameters()
        if let n = p.nEstimators { trees.estimators = n }
        if let d = p.maxDepth { trees.maxDepth = d }
        if let eta = p.learningRate { trees.learningRate = Float(eta) }
        if let alpha = p.alpha { trees.alpha = Float(alpha) }
        if let gamma = p.gamma { trees.gamma = Float(gamma) }
        if let base = p.baseScore { trees.baseScore = Float(base) }
        if let m = p.minChildWeight { trees.minChildWeight = Float(m) }
        if let l = p.regLambda { trees.lambda = Float(l) }
        return trees
    }

    /// The network configuration of a `gcn` entry: `GraphConvolutionalNetwork`'s defaults
    /// with the set parameters applied, seeded by `seed` or `fallback`.
    func graphConfiguration(seed fallback: UInt64) -> GraphConvolutionalNetwork.Configuration {
        let p = parameters
        var configuration = GraphConvolutionalNetwork.Configuration(seed: seed(fallback: fallback))
        if let h = p.hidden { configuration.widths = h }
        if let h = p.head { configuration.head = h }
        if let lr = p.learningRate { configuration.learningRate = lr }
        if let e = p.epochs { configuration.epochs = e }
        if let b = p.batchSize { configuration.batchSize = b }
        if let l = p.layer { configuration.layer = l }
        if let r = p.readout { configuration.readout = r }
        return configuration
    }
}
