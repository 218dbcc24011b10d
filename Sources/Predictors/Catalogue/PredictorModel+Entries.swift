/// The named entries of the catalogue: the settings the search algorithms' references use,
/// written as parameter overrides of a catalogue kind so that every consumer builds them
/// through `makeRegressor`.
///
/// ```swift
/// let surrogate = PredictorModel.nasEAFAXGBoost(xgboostMajorVersion: 1)   // gbt, eta 0.1, base score 0.5
/// var model = try surrogate.makeRegressor()
/// ```
///
/// Where a spec-visible name means one of these rather than the kind's defaults, the
/// algorithm documents it: LINAS's `predictor = "gbt"` and NAS-EA-FA's
/// `surrogate = "xgboost"` are `nasEAFAXGBoost` (eta 0.1, not the catalogue `gbt`'s 0.3);
/// NAS-EA-FA's `surrogate = "gcn"` is `dervisiGCN`.
extension PredictorModel {
    /// NAS-EA-FA's surrogate `XGBRegressor(eta=0.1)` (Pan & Yao 2021, ALGORITHMS.md §1.6),
    /// xgboost's defaults otherwise: `gbt` with learning-rate 0.1 and, for xgboost 1.x,
    /// base-score 0.5 (from 2.0 on xgboost estimates it from the labels, the catalogue's
    /// default). Builds exactly `GradientBoostedTrees.Parameters.nasEAFA(xgboostMajorVersion:)`.
    ///
    /// ```swift
    /// let linasGBT = PredictorModel.nasEAFAXGBoost(name: "gbt")
    /// ```
    public static func nasEAFAXGBoost(xgboostMajorVersion: Int = 3, name: String = "xgboost") -> PredictorModel {
        var p = Parameters()
        p.learningRate = 0.1
        if xgboostMajorVersion < 2 { p.baseScore = 0.5 }
        return PredictorModel(.gbt, name: name, parameters: p)
    }

    /// Dervisi's GCN surrogate (docs/ALGORITHMS.md, NAS-EA-FA): `gcn` with SAGE-mean convolutions
    /// 150 → 75 → 37 → 18 → 9, max readout, head 9 → 4 → 1, Adam 1e-3, batch 64, 101 epochs,
    /// on packed graphs of 8 nodes, seeded with `seed` (42 in the reference, so every
    /// trial's model starts alike). Builds exactly `GraphConvolutionalNetwork.Configuration.dervisi(seed:)`.
    ///
    /// ```swift
    /// var gcn = try PredictorModel.dervisiGCN().makeRegressor()   // a GCNRegressor
    /// ```
    public static func dervisiGCN(seed: UInt64 = 42, name: String = "gcn") -> PredictorModel {
        var p = Parameters()
        p.layer = .sageMean
        p.hidden = [150, 75, 37, 18, 9]
        p.readout = .max
        p.head = [4]
        p.learningRate = 1e-3
        p.epochs = 101
        p.batchSize = 64
        p.seed = seed
        return PredictorModel(.gcn, name: name, parameters: p)
    }
}
