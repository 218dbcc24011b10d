import NASCore

/// How to fit the regression model that `off_table = "surrogate:<model>"` names. The
/// predictors live in a layer above Benchmarks (DESIGN.md: arrows point down), so the layer
/// that sees both supplies the fitting as a closure.
///
/// ```swift
/// let mean = OffTableModelFitter(model: "mean") { _, y in
///     let m = y.reduce(0, +) / Double(y.count)
///     return { _ in m }
/// }
/// ```
public struct OffTableModelFitter: Sendable {
    /// A fitted model: predictor features in, metric value out.
    public typealias Predictor = @Sendable ([Double]) -> Double

    /// The name after `surrogate:` (`ridge`, `gbt`, …).
    public let model: String
    /// Fits one metric: one feature vector and one target per table row. Must be
    /// deterministic, since every run refits it.
    public let fit: @Sendable (_ features: [[Double]], _ targets: [Double]) throws -> Predictor

    public init(model: String, fit: @escaping @Sendable (_ features: [[Double]], _ targets: [Double]) throws -> Predictor) {
        self.model = model
        self.fit = fit
    }
}

/// The fitted off-table surrogate of a sample table: one model per metric, each fitted once
/// on every row of the table (its predictor features and the metric's value), then shared
/// by every trial of a run.
///
/// ```swift
/// let surrogate = try OffTableSurrogate(table: table, rowFeatures: features, metrics: ["accuracy_top1"], fitter: ridge)
/// surrogate.model                                               // "ridge"
/// try surrogate.predictor(for: "accuracy_top1")(features[0])    // the model's value at row 0
/// ```
///
/// Rows whose value is NaN (not measured) are left out of that metric's fit.
/// - Complexity: one fit per metric, O(metrics × fit(rows)).
public struct OffTableSurrogate: Sendable {
    public let model: String
    private let predictors: [String: OffTableModelFitter.Predictor]

    /// - Parameter rowFeatures: the space's predictor features of every row, in row order.
    /// - Throws: `BenchmarkError` for an unknown metric, a metric with no measured row, or a
    ///   failed fit.
    public init(table: BenchmarkTable, rowFeatures: [[Double]], metrics: [String],
                fitter: OffTableModelFitter) throws(BenchmarkError) {
        var predictors: [String: OffTableModelFitter.Predictor] = [:]
        for metric in metrics where predictors[metric] == nil {
            // A cost column (`/costs`) is fitted like a metric, so off-table answers are charged too.
            let values = try (table.hasMetric(metric) ? table.metric(metric) : table.costOrMetric(metric)).values
            let measured = values.indices.filter { !values[$0].isNaN && $0 < rowFeatures.count }
            guard !measured.isEmpty else {
                throw BenchmarkError(subject: table.name, message: "off_table = \"surrogate:\(fitter.model)\": metric '\(metric)' has no measured row to fit")
            }
            do {
                predictors[metric] = try fitter.fit(measured.map { rowFeatures[$0] }, measured.map { Double(values[$0]) })
            } catch {
                throw BenchmarkError(subject: table.name, message: "off_table = \"surrogate:\(fitter.model)\": fitting '\(metric)' failed: \(error)")
            }
        }
        self.model = fitter.model
        self.predictors = predictors
    }

    /// The fitted model of `metric`.
    /// - Throws: `BenchmarkError` when the metric was not fitted.
    public func predictor(for metric: String) throws(BenchmarkError) -> OffTableModelFitter.Predictor {
        guard let p = predictors[metric] else {
            throw BenchmarkError(subject: "off_table", message: "surrogate:\(model) was fitted on \(predictors.keys.sorted()), not on '\(metric)'")
        }
        return p
    }
}
