import Predictors

/// The predictors LINAS fits, by the names a spec's `predictor = "…"` accepts: each name is
/// an entry of the one predictor catalogue (`PredictorModel`), built by `makeRegressor`.
///
/// ```swift
/// let model = LINAS.predictor(named: "gbt")          // PredictorModel.nasEAFAXGBoost(name: "gbt")
/// let linas = LINAS(population: 50, predictor: model ?? PredictorModel(.dynast))
/// ```
///
/// - `dynast`: the catalogue `dynast`, DyNAS-T 1.6.0's `Predictor` (ridge α-grid vs RBF-SVR
///   C-grid, 5-fold CV on MAPE, labels scaled; ALGORITHMS.md L.2), fitting every feature
///   column. The default.
/// - `dynast-variance-filter`: the same, but zero-variance columns are dropped first and
///   the SVR's gamma counts only the rest (an older DyNAS-T's filter; a named variant).
/// - `dynast-warm-c`: the same as `dynast`, but each fold's C grid is solved from the
///   smallest C up, each solve starting from the last one's dual variables. A named
///   inexact variant: faster, its cross-validation scores are not scikit-learn's (each
///   solve stops at another point within libsvm's tolerance), so the C chosen, and the
///   search, can differ.
/// - `ridge`: the catalogue `ridge`, α = 1.
/// - `svr-rbf` (also `svr`): the catalogue `svr-rbf`, C = 1, ε = 0.1, γ = 'scale'.
/// - `stacked`: the catalogue `stacked` (ridge + RBF-SVR, ridge meta-model, 5 folds).
/// - `gbt` (also `xgboost`): `XGBRegressor(eta=0.1)` as NAS-EA-FA fits it with xgboost ≥ 2
///   (`PredictorModel.nasEAFAXGBoost`), not the catalogue `gbt`'s eta 0.3.
extension LINAS {
    /// The names a spec's `predictor` may take, in the order error messages list them.
    public static let predictorNames = ["dynast", "dynast-variance-filter", "dynast-warm-c", "ridge", "svr-rbf", "stacked",
                                        "gbt"]

    /// The catalogue entry LINAS fits for `name` (one of `predictorNames`, or the aliases
    /// `svr` and `xgboost`); nil for any other name.
    public static func predictor(named name: String) -> PredictorModel? {
        switch name {
        case "dynast": PredictorModel(.dynast)
        case "dynast-variance-filter": PredictorModel(.dynast, name: name, parameters: .droppingConstantColumns)
        case "dynast-warm-c": PredictorModel(.dynast, name: name, parameters: .warmStartingC)
        case "ridge": PredictorModel(.ridge)
        case "svr", "svr-rbf": PredictorModel(.svrRBF)
        case "stacked": PredictorModel(.stacked)
        case "gbt", "xgboost": PredictorModel.nasEAFAXGBoost(xgboostMajorVersion: 3, name: "gbt")
        default: nil
        }
    }
}

extension LINAS {
    /// One `predictor` fitted per objective on the archive (`targets` minimised, one row per
    /// architecture), as LINAS fits them each loop and OFA's one-shot search fits them once.
    /// Nil when a model cannot be fitted.
    ///
    /// Models that draw random numbers get seed 0 unless the entry sets one, so no draw is
    /// taken from the trial's stream. Infinite targets (no value in the table) are left out;
    /// a model whose cross-validation has too few rows falls back to plain ridge (α = 1).
    static func fitPerObjective(_ predictor: PredictorModel, features: [[Double]], targets: [[Double]]) -> [any Regressor]? {
        guard !features.isEmpty, let x = try? Matrix(rows: features) else { return nil }
        var models: [any Regressor] = []
        for j in targets[0].indices {
            // The spec's names always build; a hand-made entry with impossible parameters
            // ends the search here, as a failed fit does.
            guard var model = try? predictor.makeRegressor(seed: 0) else { return nil }
            let y = targets.map { $0[j] }
            let keep = y.indices.filter { y[$0].isFinite }
            guard keep.count >= 2 else { return nil }
            do { try model.fit(x.selectingRows(keep), keep.map { y[$0] }) } catch {
                // Too few rows for the CV folds (tiny populations): fall back to plain ridge
                // (the catalogue's, α = 1).
                guard var fallback = try? PredictorModel(.ridge).makeRegressor() else { return nil }
                guard (try? fallback.fit(x.selectingRows(keep), keep.map { y[$0] })) != nil else { return nil }
                model = fallback
            }
            models.append(model)
        }
        return models
    }
}
