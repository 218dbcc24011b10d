/// Hypervolume relative to the benchmark's true Pareto front, and its regret.
///
/// ```swift
/// let norm = try ObjectiveNormalizer(directions: [.max, .min], table: rawTable)
/// let score = try NormalizedHypervolume(trueFront: norm.normalize(rawFront),
///                                       reference: norm.reference)
/// score.ratio(of: norm.normalize(found))        // 1.0 = the whole front was found
/// score.curve(norm.normalize(evaluated))        // after every evaluation
/// ```
///
/// DESIGN.md, "Hypervolume conventions": normalised HV = HV(found) / HV(true front) with
/// the same reference; HV regret = 1 − normalised HV. Points must already be in the
/// minimised, normalised space of `ObjectiveNormalizer`.
public struct NormalizedHypervolume: Sendable {
    public let reference: [Double]
    /// HV of the true front, the denominator.
    public let trueHypervolume: Double

    /// - Throws: `IndicatorError` if the front and reference disagree in dimension, the
    ///   true front has zero hypervolume (then no ratio is defined), or it is larger than
    ///   `Hypervolume.exactPointLimit(dimension:)` in four or more objectives.
    /// - Complexity: one `Hypervolume.compute` of the true front.
    public init(trueFront: [[Double]], reference: [Double]) throws {
        guard !reference.isEmpty else { throw IndicatorError("reference point: it has no coordinates") }
        for (i, p) in trueFront.enumerated() where p.count != reference.count {
            throw IndicatorError("true front: point \(i) has \(p.count) objective(s), the reference has \(reference.count)")
        }
        let hv = try Hypervolume.checkedCompute(trueFront, reference: reference, subject: "true front")
        guard hv > 0, hv.isFinite else {
            throw IndicatorError("true front: its hypervolume is \(hv) with reference \(reference); no point is strictly better than the reference in every objective")
        }
        self.reference = reference
        self.trueHypervolume = hv
    }

    /// HV(found) / HV(true front).
    ///
    /// - Precondition: every point has `reference.count` coordinates.
    public func ratio(of found: [[Double]]) -> Double {
        Hypervolume.compute(found, reference: reference) / trueHypervolume
    }

    /// 1 − `ratio(of:)`.
    public func regret(of found: [[Double]]) -> Double { 1 - ratio(of: found) }

    /// Normalised HV after each evaluation (prefix k+1 at index k).
    ///
    /// - Complexity: as `HypervolumeCurve.prefixes`.
    public func curve(_ evaluated: [[Double]]) -> [Double] {
        HypervolumeCurve.prefixes(points: evaluated, reference: reference).map { $0 / trueHypervolume }
    }
}
