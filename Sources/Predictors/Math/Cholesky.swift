/// Cholesky factor `A = L Lᵀ` of a symmetric positive-definite matrix, and solves with it.
///
/// ```swift
/// if let chol = Cholesky(gram) { let w = chol.solve(rhs) }
/// ```
///
/// The dense counterpart of LAPACK `posv`, which scikit-learn's Ridge uses for its
/// 'cholesky' solver; `nil` means "not positive definite", the cue scikit-learn takes to
/// fall back to an SVD-based solve.
/// - Complexity: O(n³/3) to factor, O(n²) per solve.
public struct Cholesky: Sendable {
    let n: Int
    let lower: [Double]

    public init?(_ a: Matrix) {
        precondition(a.rows == a.columns, "Cholesky needs a square matrix")
        let n = a.rows
        var l = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var diag = a[j, j]
            for k in 0..<j { diag -= l[j * n + k] * l[j * n + k] }
            guard diag > 0, diag.isFinite else { return nil }
            let root = diag.squareRoot()
            l[j * n + j] = root
            for i in (j + 1)..<max(j + 1, n) {
                var s = a[i, j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                l[i * n + j] = s / root
            }
        }
        self.n = n
        lower = l
    }

    /// Solves `A x = b`.
    public func solve(_ b: [Double]) -> [Double] {
        precondition(b.count == n, "Cholesky.solve: right-hand side has the wrong length")
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= lower[i * n + k] * y[k] }
            y[i] = s / lower[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(i + 1, n) { s -= lower[k * n + i] * y[k] }
            y[i] = s / lower[i * n + i]
        }
        return y
    }
}
