extension PredictorModel {
    /// The hyper-parameters a catalogue model may set; nil keeps the model's default.
    ///
    /// ```swift
    /// var p = PredictorModel.Parameters()
    /// p.learningRate = 0.1                       // xgboost's eta
    /// let model = PredictorModel(.gbt, parameters: p)
    /// ```
    ///
    /// Each model reads only some of them (`applicable`); `makeRegressor` rejects any other
    /// one that is set. Names in messages are the CLI's (`n-estimators`); spec files use
    /// the scikit-learn spelling (`n_estimators`).
    public struct Parameters: Sendable, Equatable {
        /// ridge/stacked: L2 strength; mlp: L2 penalty; gbt: L1 (`reg_alpha`).
        public var alpha: Double?
        /// SVRs and stacked: regularisation C.
        public var c: Double?
        /// SVRs and stacked: ε-tube width.
        public var epsilon: Double?
        /// svr-rbf: kernel γ (nil = 'scale'); gbt: minimum split loss.
        public var gamma: Double?
        public var nEstimators: Int?
        public var maxDepth: Int?
        /// gbt: eta; mlp/gcn: Adam's step size.
        public var learningRate: Double?
        /// gbt: xgboost's `base_score`; nil estimates it from the labels as xgboost ≥ 2
        /// does, 0.5 is xgboost ≤ 1.7's constant.
        public var baseScore: Double?
        /// gbt: xgboost's `min_child_weight` (default 1): the least hessian sum a child keeps.
        public var minChildWeight: Double?
        /// gbt: xgboost's `reg_lambda` (default 1): L2 on leaf weights.
        public var regLambda: Double?
        /// gbt: xgboost's `subsample`; only 1 (every row, xgboost's default) is accepted,
        /// since a fraction draws rows from xgboost's own generator, which is not replayed.
        public var subsample: Double?
        /// mlp: hidden layer sizes; gcn: graph-convolution widths.
        public var hidden: [Int]?
        /// gcn: hidden widths of the dense head (its output 1 is implied).
        public var head: [Int]?
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
        /// dynast: drop zero-variance columns first (a variant; DyNAS-T 1.6.0 fits all).
        public var dropConstantColumns: Bool?
        /// dynast: each fold's SVR solves warm-started from the last C's (an inexact variant;
        /// DyNAS-T 1.6.0 fits each C from scratch).
        public var warmStartC: Bool?
        public init() {}

        /// dynast's named variant: zero-variance columns dropped before fitting.
        public static var droppingConstantColumns: Parameters {
            var p = Parameters()
            p.dropConstantColumns = true
            return p
        }

        /// dynast's named inexact variant: the C grid warm-started (`warmStartsAcrossC`).
        public static var warmStartingC: Parameters {
            var p = Parameters()
            p.warmStartC = true
            return p
        }
    }

    /// The largest value each size parameter takes, checked before any allocation. The
    /// defaults sit far below them (widths 64, 50–200 epochs, 100 trees, 1,000 iterations,
    /// 8 nodes); README's "Predictors" lists them.
    public enum ParameterLimits {
        /// mlp/gcn `hidden` and gcn `head`: units per layer, and layers.
        public static let layerWidth = 1_024
        public static let layers = 16
        public static let epochs = 100_000
        public static let batchSize = 1_000_000
        /// gbt `n-estimators` (boosting rounds) and `max-depth`.
        public static let estimators = 10_000
        public static let maxDepth = 64
        /// stacked/dynast cross-validation folds.
        public static let folds = 100
        /// linear-svr outer iterations, each O(rows × features).
        public static let maxIterations = 100_000
        /// gcn nodes per packed graph row (a row holds max-nodes² adjacency values).
        public static let maxNodes = 64
    }

    /// Which parameters each model reads; any other one set is an error, so a misspelt
    /// or misplaced option never passes silently.
    public static let applicable: [Kind: Set<String>] = [
        .ridge: ["alpha"],
        .linear: [],
        .svrRBF: ["C", "epsilon", "gamma"],
        .svrLinear: ["C", "epsilon"],
        .linearSVR: ["C", "epsilon", "tol", "max-iter", "loss", "seed"],
        .stacked: ["alpha", "C", "epsilon", "folds"],
        .gbt: ["n-estimators", "max-depth", "learning-rate", "alpha", "gamma", "base-score", "min-child-weight", "reg-lambda", "subsample"],
        .mlp: ["hidden", "learning-rate", "epochs", "batch-size", "alpha", "seed"],
        .gcn: ["hidden", "head", "learning-rate", "epochs", "batch-size", "max-nodes", "layer", "readout", "seed"],
        .dynast: ["folds", "drop-constant-columns", "warm-start-c"],
    ]

    /// The names of the parameters that are set.
    public var setParameterNames: [String] {
        let p = parameters
        let pairs: [(String, Bool)] = [
            ("alpha", p.alpha != nil), ("C", p.c != nil), ("epsilon", p.epsilon != nil), ("gamma", p.gamma != nil),
            ("n-estimators", p.nEstimators != nil), ("max-depth", p.maxDepth != nil), ("learning-rate", p.learningRate != nil),
            ("base-score", p.baseScore != nil), ("min-child-weight", p.minChildWeight != nil), ("reg-lambda", p.regLambda != nil),
            ("subsample", p.subsample != nil), ("hidden", p.hidden != nil), ("head", p.head != nil),
            ("epochs", p.epochs != nil), ("batch-size", p.batchSize != nil), ("folds", p.folds != nil),
            ("max-nodes", p.maxNodes != nil), ("layer", p.layer != nil), ("readout", p.readout != nil), ("seed", p.seed != nil),
            ("tol", p.tol != nil), ("max-iter", p.maxIter != nil), ("loss", p.loss != nil),
            ("drop-constant-columns", p.dropConstantColumns != nil), ("warm-start-c", p.warmStartC != nil),
        ]
        return pairs.filter(\.1).map(\.0)
    }

    /// Checks that every set parameter is one the model reads and that its value is
    /// possible, before any data is touched.
    /// - Throws: `PredictorError.invalidParameter` naming the parameter.
    public func checkApplicable() throws(PredictorError) {
        let allowed = Self.applicable[kind] ?? []
        if let extra = setParameterNames.first(where: { !allowed.contains($0) }) {
            let list = allowed.sorted().joined(separator: ", ")
            throw PredictorError.invalidParameter("model '\(type)' takes no '\(extra)'\(list.isEmpty ? "" : " (it takes: \(list))")")
        }
        let p = parameters
        if let a = p.alpha, !(a >= 0 && a.isFinite) { throw PredictorError.invalidParameter("alpha must be ≥ 0, got \(a)") }
        if let c = p.c, !(c > 0 && c.isFinite) { throw PredictorError.invalidParameter("C must be > 0, got \(c)") }
        if let e = p.epsilon, !(e >= 0 && e.isFinite) { throw PredictorError.invalidParameter("epsilon must be ≥ 0, got \(e)") }
        if let g = p.gamma, !(g >= 0 && g.isFinite) || (kind == .svrRBF && g == 0) {
            throw PredictorError.invalidParameter("gamma must be \(kind == .svrRBF ? "> 0" : "≥ 0"), got \(g)")
        }
        func bounded(_ name: String, _ value: Int?, _ range: ClosedRange<Int>) throws(PredictorError) {
            guard let value, !range.contains(value) else { return }
            throw PredictorError.invalidParameter("\(name) must be in \(range.lowerBound)…\(range.upperBound), got \(value)")
        }
        typealias L = ParameterLimits
        try bounded("n-estimators", p.nEstimators, 1...L.estimators)
        try bounded("max-depth", p.maxDepth, 1...L.maxDepth)
        if let lr = p.learningRate, !(lr > 0 && lr.isFinite) { throw PredictorError.invalidParameter("learning-rate must be > 0, got \(lr)") }
        if let b = p.baseScore, !b.isFinite { throw PredictorError.invalidParameter("base-score must be finite, got \(b)") }
        if let m = p.minChildWeight, !(m >= 0 && m.isFinite) { throw PredictorError.invalidParameter("min-child-weight must be ≥ 0, got \(m)") }
        if let l = p.regLambda, !(l >= 0 && l.isFinite) { throw PredictorError.invalidParameter("reg-lambda must be ≥ 0, got \(l)") }
        if let f = p.subsample, f != 1 {
            throw PredictorError.invalidParameter("subsample must be 1 (every row, xgboost's default), got \(f): xgboost draws a fraction of rows from its own random generator, which NASReplay does not replay")
        }
        if let h = p.hidden, h.isEmpty && kind == .gcn || h.contains(where: { $0 < 1 }) {
            throw PredictorError.invalidParameter("hidden sizes must be positive, got \(h)")
        }
        if let h = p.head, h.contains(where: { $0 < 1 }) { throw PredictorError.invalidParameter("head sizes must be positive, got \(h)") }
        for (name, sizes) in [("hidden", p.hidden), ("head", p.head)] {
            guard let sizes else { continue }
            if sizes.count > L.layers {
                throw PredictorError.invalidParameter("\(name): \(sizes.count) layers; at most \(L.layers)")
            }
            if let wide = sizes.first(where: { $0 > L.layerWidth }) {
                throw PredictorError.invalidParameter("\(name): a layer of \(wide) units is above the limit of \(L.layerWidth)")
            }
        }
        try bounded("epochs", p.epochs, 1...L.epochs)
        try bounded("batch-size", p.batchSize, 1...L.batchSize)
        try bounded("folds", p.folds, 2...L.folds)
        if let t = p.tol, !(t > 0 && t.isFinite) { throw PredictorError.invalidParameter("tol must be > 0, got \(t)") }
        try bounded("max-iter", p.maxIter, 1...L.maxIterations)
        try bounded("max-nodes", p.maxNodes, 2...L.maxNodes)
    }
}
