import Benchmarks

extension OffTableModels {
    /// The vector models of the predictor catalogue, as `off_table = "surrogate:<model>"`
    /// may name them (`OffTableModelFitter.predictor`).
    public static let predictors = OffTableModels(names: OffTableModelFitter.predictorModels) { name in
        try OffTableModelFitter.predictor(name)
    }
}
