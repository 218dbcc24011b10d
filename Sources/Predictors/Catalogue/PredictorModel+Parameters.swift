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
        public init() {}
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
        .gbt: ["n-estimators", "max-depth", "learning-rate", "alpha", "gamma", "base-score"],
        .mlp: ["hidden", "learning-rate", "epochs", "batch-size", "alpha", "seed"],
        .gcn: ["hidden", "head", "learning-rate", "epochs", "batch-size", "max-nodes", "layer", "readout", "seed"],
        .dynast: ["folds", "drop-constant-columns"],
    ]

    /// The names of the parameters that are set.
    public var setParameterNames: [String] {
        let p = parameters
        let pairs: [(String, Bool)] = [
            ("alpha", p.alpha != nil), ("C", p.c != nil), ("epsilon", p.epsilon != nil), ("gamma", p.gamma != nil),
            ("n-estimators", p.nEstimators != nil), ("max-depth", p.maxDepth != nil), ("learning-rate", p.learningRate != nil),
            ("base-score", p.baseScore != nil), ("hidden", p.hidden != nil), ("head", p.head != nil),
            ("epochs", p.epochs != nil), ("batch-size", p.batchSize != nil), ("folds", p.folds != nil),
            ("max-nodes", p.maxNodes != nil), ("layer", p.layer != nil), ("readout", p.readout != nil), ("seed", p.seed != nil),
            ("tol", p.tol != nil), ("max-iter", p.maxIter != nil), ("loss", p.loss != nil),
            ("drop-constant-columns", p.dropConstantColumns != nil),
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
        if let n = p.nEstimators, n < 1 { throw PredictorError.invalidParameter("n-estimators must be ≥ 1, got \(n)") }
        if let d = p.maxDepth, d < 1 { throw PredictorError.invalidParameter("max-depth must be ≥ 1, got \(d)") }
        if let lr = p.learningRate, !(lr > 0 && lr.isFinite) { throw PredictorError.invalidParameter("learning-rate must be > 0, got \(lr)") }
        if let b = p.baseScore, !b.isFinite { throw PredictorError.invalidParameter("base-score must be finite, got \(b)") }
        if let h = p.hidden, h.isEmpty && kind == .gcn || h.contains(where: { $0 < 1 }) {
            throw PredictorError.invalidParameter("hidden sizes must be positive, got \(h)")
        }
        if let h = p.head, h.contains(where: { $0 < 1 }) { throw PredictorError.invalidParameter("head sizes must be positive, got \(h)") }
        if let e = p.epochs, e < 1 { throw PredictorError.invalidParameter("epochs must be ≥ 1, got \(e)") }
        if let b = p.batchSize, b < 1 { throw PredictorError.invalidParameter("batch-size must be ≥ 1, got \(b)") }
        if let f = p.folds, f < 2 { throw PredictorError.invalidParameter("folds must be ≥ 2, got \(f)") }
        if let t = p.tol, !(t > 0 && t.isFinite) { throw PredictorError.invalidParameter("tol must be > 0, got \(t)") }
        if let m = p.maxIter, m < 1 { throw PredictorError.invalidParameter("max-iter must be ≥ 1, got \(m)") }
        if let m = p.maxNodes, m < 2 { throw PredictorError.invalidParameter("max-nodes must be ≥ 2, got \(m)") }
    }
}
