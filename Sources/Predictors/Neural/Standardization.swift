/// Per-column centring and scaling, fitted on training data and replayed on new data.
///
/// ```swift
/// let scaler = Standardization(fitting: x)            // means and standard deviations
/// let z = scaler.transform(x)                           // Float, row-major
/// let y = Standardization(fittingColumn: targets)
/// let back = y.inverse(prediction)                      // scale back a single target
/// ```
///
/// Networks train on standardised inputs and targets so that one learning rate (1e-3)
/// suits accuracies in percent, latencies in milliseconds and one-hot features alike.
/// A constant column gets scale 1 (as scikit-learn's `StandardScaler`), so it maps to 0.
/// - Complexity: O(rows · columns).
public struct Standardization: Sendable, Equatable {
    public let means: [Double]
    public let scales: [Double]

    public init(fitting x: Matrix) {
        var means = [Double](repeating: 0, count: x.columns)
        var squares = [Double](repeating: 0, count: x.columns)
        for r in 0..<x.rows {
            for c in 0..<x.columns { means[c] += x[r, c] }
        }
        let n = Double(max(x.rows, 1))
        for c in 0..<x.columns { means[c] /= n }
        for r in 0..<x.rows {
            for c in 0..<x.columns {
                let d = x[r, c] - means[c]
                squares[c] += d * d
            }
        }
        self.means = means
        self.scales = squares.map { s in
            let std = (s / n).squareRoot()
            return std > 0 && std.isFinite ? std : 1
        }
    }

    public init(fittingColumn values: [Double]) {
        self.init(fitting: Matrix(rows: values.count, columns: 1, values: values))
    }

    /// The standardised rows as `Float`, the precision the networks train in.
    public func transform(_ x: Matrix) -> [Float] {
        precondition(x.columns == means.count, "Standardization fitted on \(means.count) columns")
        var out = [Float](repeating: 0, count: x.values.count)
        for r in 0..<x.rows {
            for c in 0..<x.columns { out[r * x.columns + c] = Float((x[r, c] - means[c]) / scales[c]) }
        }
        return out
    }

    /// Single-column form: `(v − mean) / scale`.
    public func transform(_ value: Double) -> Double { (value - means[0]) / scales[0] }

    /// Single-column inverse: `v · scale + mean`.
    public func inverse(_ value: Double) -> Double { value * scales[0] + means[0] }
}
