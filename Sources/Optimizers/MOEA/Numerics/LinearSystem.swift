/// Solves a small dense square system `A x = b`, or reports it singular, the way
/// `numpy.linalg.solve` (LAPACK `dgesv`) decides.
///
/// ```swift
/// let x = LinearSystem.solve([[2, 0], [0, 4]], [1, 1])   // [0.5, 0.25]
/// let none = LinearSystem.solve([[1, 2], [2, 4]], [1, 1]) // nil: numpy raises LinAlgError
/// ```
///
/// LU factorisation with partial pivoting (the first row of largest |pivot| wins, as
/// `idamax`), multipliers formed with the pivot's reciprocal as `dgetf2` does. The system is
/// singular exactly when a pivot is exactly zero, which is LAPACK's `info > 0` and numpy's
/// `LinAlgError("Singular matrix")`; nearly singular systems are solved, however badly. The
/// callers (AGE-MOEA's and NSGA-III's hyperplane intercepts) catch that error, so the
/// singular/non-singular decision is what must agree with numpy.
enum LinearSystem {
    /// - Complexity: O(n³)
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        let n = rhs.count
        precondition(matrix.count == n && matrix.allSatisfy { $0.count == n }, "the system must be square")
        var a = matrix, b = rhs
        for k in 0..<n {
            var p = k
            for i in (k + 1)..<max(k + 1, n) where abs(a[i][k]) > abs(a[p][k]) { p = i }
            // A nan pivot is not singular to LAPACK: numpy returns nan, and the callers test for it.
            if a[p][k] == 0 { return nil }
            if p != k { a.swapAt(p, k); b.swapAt(p, k) }
            let reciprocal = 1 / a[k][k]
            for i in (k + 1)..<max(k + 1, n) {
                let l = a[i][k] * reciprocal
                a[i][k] = l
                for j in (k + 1)..<n { a[i][j] -= l * a[k][j] }
                b[i] -= l * b[k]
            }
        }
        var x = b
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = x[i]
            for j in (i + 1)..<n { s -= a[i][j] * x[j] }
            x[i] = s / a[i][i]
        }
        return x
    }
}
