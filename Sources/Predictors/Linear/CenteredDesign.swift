/// A design matrix and targets with their means removed, the form in which scikit-learn's
/// linear models solve for the coefficients before restoring the intercept.
///
/// ```swift
/// let c = CenteredDesign(x, y)
/// // intercept = c.targetMean − dot(c.columnMeans, w)
/// ```
///
/// Centring is what keeps the intercept out of the ridge penalty
/// (sklearn/linear_model/_base.py `_preprocess_data`).
/// - Complexity: O(n·d).
struct CenteredDesign: Sendable {
    let x: Matrix
    let y: [Double]
    let columnMeans: [Double]
    let targetMean: Double

    init(_ raw: Matrix, _ targets: [Double]) {
        let n = raw.rows, d = raw.columns
        var means = [Double](repeating: 0, count: d)
        for r in 0..<n {
            let base = r * d
            for c in 0..<d { means[c] += raw.values[base + c] }
        }
        for c in 0..<d { means[c] /= Double(n) }
        var centred = raw.values
        for r in 0..<n {
            let base = r * d
            for c in 0..<d { centred[base + c] -= means[c] }
        }
        let yMean = NumpySum.mean(targets)
        x = Matrix(rows: n, columns: d, values: centred)
        y = targets.map { $0 - yMean }
        columnMeans = means
        targetMean = yMean
    }

    /// Xcᵀ Xc (d×d).
    func featureGram() -> Matrix {
        let n = x.rows, d = x.columns
        var g = [Double](repeating: 0, count: d * d)
        x.values.withUnsafeBufferPointer { xv in
            for r in 0..<n {
                let base = r * d
                for i in 0..<d {
                    let xi = xv[base + i]
                    if xi == 0 { continue }
                    let gi = i * d
                    for j in 0...i { g[gi + j] += xi * xv[base + j] }
                }
            }
        }
        for i in 0..<d { for j in 0..<i { g[j * d + i] = g[i * d + j] } }
        return Matrix(rows: d, columns: d, values: g)
    }

    /// Xc Xcᵀ (n×n).
    func sampleGram() -> Matrix {
        let n = x.rows, d = x.columns
        var g = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = 0.0
                for k in 0..<d { s += x.values[i * d + k] * x.values[j * d + k] }
                g[i * n + j] = s
                g[j * n + i] = s
            }
        }
        return Matrix(rows: n, columns: n, values: g)
    }

    /// Xcᵀ v for a length-n vector.
    func transposeTimes(_ v: [Double]) -> [Double] {
        let n = x.rows, d = x.columns
        var out = [Double](repeating: 0, count: d)
        for r in 0..<n {
            let vr = v[r]
            let base = r * d
            for c in 0..<d { out[c] += x.values[base + c] * vr }
        }
        return out
    }

    /// Xc w for a length-d vector.
    func times(_ w: [Double]) -> [Double] {
        let n = x.rows, d = x.columns
        return (0..<n).map { r in
            var s = 0.0
            for c in 0..<d { s += x.values[r * d + c] * w[c] }
            return s
        }
    }

    func intercept(for coefficients: [Double]) -> Double {
        var s = 0.0
        for c in 0..<coefficients.count { s += columnMeans[c] * coefficients[c] }
        return targetMean - s
    }
}

/// `X w + b`, the prediction of every linear model here.
func linearPredict(_ x: Matrix, coefficients w: [Double], intercept b: Double) -> [Double] {
    let d = x.columns
    return (0..<x.rows).map { r in
        var s = 0.0
        for c in 0..<d { s += x.values[r * d + c] * w[c] }
        return s + b
    }
}
