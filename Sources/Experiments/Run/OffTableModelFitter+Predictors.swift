import Benchmarks
import Predictors

/// The predictors of `nasreplay predictors fit-predict --model` as off-table surrogates
/// (`off_table = "surrogate:ridge"`, `"surrogate:gbt"`, …): this layer sees both Benchmarks
/// and Predictors, so it supplies the fitting that `SampleTableBenchmark` calls once per run.
///
/// ```swift
/// let fitter = try OffTableModelFitter.predictor("ridge")
/// let bench = try SampleTableBenchmark(table: table, space: space, offTable: .surrogate(model: "ridge"),
///                                      surrogate: fitter, metrics: ["accuracy_top1"])
/// ```
///
/// `surrogate:<type>` is the catalogue's `<type>` with its defaults (`PredictorModel`, the
/// same entry a predictor spec's `models = ["<type>"]` gets; `gbt` is xgboost's eta 0.3,
/// not NAS-EA-FA's 0.1); the networks are seeded with 0, so a refit in another run gives
/// the same model. `gcn` is not offered: it reads cell graphs, and sample tables have gene
/// vectors.
extension OffTableModelFitter {
    /// The model names `surrogate:<model>` accepts, in catalogue order.
    static let predictorModels: [String] = PredictorModel.Kind.allCases.filter { PredictorModel($0).input == .vector }.map(\.rawValue)

    /// The fitter of the catalogue model `type`, with its default parameters.
    /// - Throws: `PredictorError` for a model that is not in `predictorModels`.
    static func predictor(_ type: String) throws(PredictorError) -> OffTableModelFitter {
        let model = try PredictorModel(type: type)
        guard model.input == .vector else {
            throw PredictorError.invalidParameter("model '\(type)' reads cell graphs; an off-table surrogate reads gene features (use one of \(predictorModels.joined(separator: ", ")))")
        }
        // Validate the configuration now, before any table is read.
        _ = try model.makeRegressor(seed: 0)
        return OffTableModelFitter(model: type) { features, targets in
            var regressor = try model.makeRegressor(seed: 0)
            try regressor.fit(Matrix(rows: features), targets)
            let fitted = regressor
            return { x in
                // The width is the space's, as in the fit, so prediction cannot fail.
                (try? fitted.predict(Matrix(rows: 1, columns: x.count, values: x)))?.first ?? .nan
            }
        }
    }
}
