import NASCore
import Predictors

/// A named regressor configuration: a model type from the catalogue and its
/// hyper-parameters under scikit-learn / xgboost names. Shared by
/// `nasreplay predictors fit-predict` and the predictor-evaluation specs.
///
/// ```swift
/// var model = try PredictorModel(type: "svr-rbf")
/// model.parameters.c = 10
/// var regressor = try model.makeRegressor(seed: 7)
/// try regressor.fit(x, y)
/// ```
///
/// A parameter left nil takes the model's own default, the library's (scikit-learn's
/// `Ridge(alpha=1)`, `SVR(C=1, epsilon=0.1, gamma='scale')`, xgboost's
/// `n_estimators=100, max_depth=6, learning_rate=0.3`, `LinearSVR(C=1, epsilon=0, tol=1e-4,
/// max_iter=1000, loss='epsilon_insensitive')`), and for the networks the ones
/// documented on `MLPRegressor` and `GraphConvolutionalNetwork.Configuration`.
public struct PredictorModel: Sendable, Equatable {
    /// The catalogue, in the order tables list them.
    public static let types = ["ridge", "linear", "svr-rbf", "svr-linear", "linear-svr", "stacked", "gbt", "mlp", "gcn", "dynast"]

    /// What a model reads: a plain feature vector, or a packed cell graph.
    public enum Input: Sendable, Equatable {
        case vector
        case graph
    }

    public struct Parameters: Sendable, Equatable {
        public var alpha: Double?
        public var c: Double?
        public var epsilon: Double?
        public var gamma: Double?
        public var nEstimators: Int?
        public var maxDepth: Int?
        public var learningRate: Double?
        public var hidden: [Int]?
        public var epochs: Int?
        public var batchSize: Int?
        public var folds: Int?
        public var maxNodes: Int?
        public var layer: GraphConvolution?
        public var readout: GraphReadout?
        public var seed: UInt64?
        public var tol: Double?
        public var maxIter: Int?
        public var loss: LinearSVR.Loss?
        public init() {}
    }

    public var name: String
    public var type: String
    public var parameters: Parameters

    public init(name: String? = nil, type: String, parameters: Parameters = Parameters()) throws(PredictorError) {
        guard Self.types.contains(type) else {
            throw PredictorError.invalidParameter("unknown model '\(type)'; known models: \(Self.types.joined(separator: ", "))")
        }
        self.name = name ?? type
        self.type = type
        self.parameters = parameters
    }

    public var input: Input { type == "gcn" ? .graph : .vector }

    /// The k of the k-fold cross-validation a model runs inside its fit (dynast's grid
    /// search, stacked's out-of-fold predictions); nil for models without one. A training
    /// set needs at least this many rows.
    public var crossValidationFolds: Int? {
        switch type {
        case "dynast": parameters.folds ?? DynastPredictor.Configuration().folds
        case "stacked": parameters.folds ?? StackedRegressor().folds
        default: nil
        }
    }

    /// The seed a network uses: the model's own `seed` if given, else `fallback`
    /// (a trial's stream), so that repeated trials differ but replay.
    func seed(fallback: UInt64) -> UInt64 { parameters.seed ?? fallback }

    /// A fresh, unfitted regressor.
    /// - Throws: `PredictorError.invalidParameter` for a parameter the model does not take
    ///   or an impossible value.
    public func makeRegressor(seed fallback: UInt64 = 0) throws(PredictorError) -> any Regressor {
        try checkApplicable()
        let p = parameters
        switch type {
        case "ridge":
            return RidgeRegression(alpha: p.alpha ?? 1)
        case "linear":
            return LinearRegression()
        case "svr-rbf":
            return EpsilonSVR(kernel: .rbf(gamma: p.gamma.map { .value($0) } ?? .scale), c: p.c ?? 1, epsilon: p.epsilon ?? 0.1)
        case "svr-linear":
            return EpsilonSVR(kernel: .linear, c: p.c ?? 1, epsilon: p.epsilon ?? 0.1)
        case "linear-svr":
            return LinearSVR(c: p.c ?? 1, epsilon: p.epsilon ?? 0, loss: p.loss ?? .epsilonInsensitive,
                             tolerance: p.tol ?? 1e-4, maxIterations: p.maxIter ?? 1000, randomState: seed(fallback: fallback))
        case "stacked":
            return StackedRegressor(ridgeAlpha: p.alpha ?? 1, svrC: p.c ?? 1, svrEpsilon: p.epsilon ?? 0.1, folds: p.folds ?? 5)
        case "gbt":
            var trees = GradientBoostedTrees.Parameters()
            if let n = p.nEstimators { trees.estimators = n }
            if let d = p.maxDepth { trees.maxDepth = d }
            if let eta = p.learningRate { trees.learningRate = Float(eta) }
            if let alpha = p.alpha { trees.alpha = Float(alpha) }
            if let gamma = p.gamma { trees.gamma = Float(gamma) }
            return GradientBoostedTrees(parameters: trees)
        case "mlp":
            var mlp = MLPRegressor(seed: seed(fallback: fallback))
            if let h = p.hidden { mlp.hiddenLayers = h }
            if let lr = p.learningRate { mlp.learningRate = lr }
            if let e = p.epochs { mlp.epochs = e }
            if let b = p.batchSize { mlp.batchSize = b }
            if let a = p.alpha { mlp.alpha = a }
            return mlp
        case "gcn":
            var configuration = GraphConvolutionalNetwork.Configuration(seed: seed(fallback: fallback))
            if let h = p.hidden { configuration.widths = h }
            if let lr = p.learningRate { configuration.learningRate = lr }
            if let e = p.epochs { configuration.epochs = e }
            if let b = p.batchSize { configuration.batchSize = b }
            if let l = p.layer { configuration.layer = l }
            if let r = p.readout { configuration.readout = r }
            return GCNRegressor(maxNodes: p.maxNodes ?? 8, configuration: configuration)
        default:
            var configuration = DynastPredictor.Configuration()
            if let folds = p.folds { configuration.folds = folds }
            return DynastPredictor(configuration: configuration)
        }
    }

    /// Which parameters each model reads; any other one set is an error, so a misspelt
    /// or misplaced option never passes silently.
    static let applicable: [String: Set<String>] = [
        "ridge": ["alpha"],
        "linear": [],
        "svr-rbf": ["C", "epsilon", "gamma"],
        "svr-linear": ["C", "epsilon"],
        "linear-svr": ["C", "epsilon", "tol", "max-iter", "loss", "seed"],
        "stacked": ["alpha", "C", "epsilon", "folds"],
        "gbt": ["n-estimators", "max-depth", "learning-rate", "alpha", "gamma"],
        "mlp": ["hidden", "learning-rate", "epochs", "batch-size", "alpha", "seed"],
        "gcn": ["hidden", "learning-rate", "epochs", "batch-size", "max-nodes", "layer", "readout", "seed"],
        "dynast": ["folds"],
    ]

    /// The names of the parameters that are set.
    public var setParameterNames: [String] {
        let p = parameters
        let pairs: [(String, Bool)] = [
            ("alpha", p.alpha != nil), ("C", p.c != nil), ("epsilon", p.epsilon != nil), ("gamma", p.gamma != nil),
            ("n-estimators", p.nEstimators != nil), ("max-depth", p.maxDepth != nil), ("learning-rate", p.learningRate != nil),
            ("hidden", p.hidden != nil), ("epochs", p.epochs != nil), ("batch-size", p.batchSize != nil), ("folds", p.folds != nil),
            ("max-nodes", p.maxNodes != nil), ("layer", p.layer != nil), ("readout", p.readout != nil), ("seed", p.seed != nil),
            ("tol", p.tol != nil), ("max-iter", p.maxIter != nil), ("loss", p.loss != nil),
        ]
        return pairs.filter(\.1).map(\.0)
    }

    func checkApplicable() throws(PredictorError) {
        let allowed = Self.applicable[type] ?? []
        if let extra = setParameterNames.first(where: { !allowed.contains($0) }) {
            let list = allowed.sorted().joined(separator: ", ")
            throw PredictorError.invalidParameter("model '\(type)' takes no '\(extra)'\(list.isEmpty ? "" : " (it takes: \(list))")")
        }
        let p = parameters
        if let a = p.alpha, !(a >= 0 && a.isFinite) { throw PredictorError.invalidParameter("alpha must be ≥ 0, got \(a)") }
        if let c = p.c, !(c > 0 && c.isFinite) { throw PredictorError.invalidParameter("C must be > 0, got \(c)") }
        if let e = p.epsilon, !(e >= 0 && e.isFinite) { throw PredictorError.invalidParameter("epsilon must be ≥ 0, got \(e)") }
        if let g = p.gamma, !(g >= 0 && g.isFinite) || (type == "svr-rbf" && g == 0) {
            throw PredictorError.invalidParameter("gamma must be \(type == "svr-rbf" ? "> 0" : "≥ 0"), got \(g)")
        }
        if let n = p.nEstimators, n < 1 { throw PredictorError.invalidParameter("n-estimators must be ≥ 1, got \(n)") }
        if let d = p.maxDepth, d < 1 { throw PredictorError.invalidParameter("max-depth must be ≥ 1, got \(d)") }
        if let lr = p.learningRate, !(lr > 0 && lr.isFinite) { throw PredictorError.invalidParameter("learning-rate must be > 0, got \(lr)") }
        if let h = p.hidden, h.isEmpty && type == "gcn" || h.contains(where: { $0 < 1 }) {
            throw PredictorError.invalidParameter("hidden sizes must be positive, got \(h)")
        }
        if let e = p.epochs, e < 1 { throw PredictorError.invalidParameter("epochs must be ≥ 1, got \(e)") }
        if let b = p.batchSize, b < 1 { throw PredictorError.invalidParameter("batch-size must be ≥ 1, got \(b)") }
        if let f = p.folds, f < 2 { throw PredictorError.invalidParameter("folds must be ≥ 2, got \(f)") }
        if let t = p.tol, !(t > 0 && t.isFinite) { throw PredictorError.invalidParameter("tol must be > 0, got \(t)") }
        if let m = p.maxIter, m < 1 { throw PredictorError.invalidParameter("max-iter must be ≥ 1, got \(m)") }
        if let m = p.maxNodes, m < 2 { throw PredictorError.invalidParameter("max-nodes must be ≥ 2, got \(m)") }
    }
}
