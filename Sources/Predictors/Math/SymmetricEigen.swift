import Foundation

/// Eigen-decomposition `A = V Λ Vᵀ` of a symmetric matrix.
///
/// ```swift
/// let eig = SymmetricEigen(Matrix(rows: 2, columns: 2, values: [2, 1, 1, 2]))
/// eig.values         // [1, 3] (ascending)
/// eig.vectors        // column j is the unit eigenvector of values[j]
/// ```
///
/// Householder reduction to tridiagonal form, then the implicit QL algorithm with
/// Wilkinson-type shifts (Golub & Van Loan, *Matrix Computations*, §8.3; the EISPACK
/// tred2/tql2 pair). It is the decomposition ridge uses to solve for a whole α grid at the
/// price of one factorisation, and the pseudo-inverse behind minimum-norm least squares.
/// Only the lower triangle of `A` is trusted to be symmetric; the upper one is not read.
/// - Complexity: O(n³) time, O(n²) memory.
public struct SymmetricEigen: Sendable {
    /// Eigenvalues, ascending.
    public let values: [Double]
    /// n×n; column j is the eigenvector for `values[j]`.
    public let vectors: Matrix

    public init(_ a: Matrix) {
        precondition(a.rows == a.columns, "SymmetricEigen needs a square matrix")
        let n = a.rows
        var w = a.values
        // Mirror the lower triangle so the reduction below may read either half.
        for i in 0..<n { for j in 0..<i { w[j * n + i] = w[i * n + j] } }
        var q = [Double](repeating: 0, count: n * n)
        for i in 0..<n { q[i * n + i] = 1 }
        var diagonal = [Double](repeating: 0, count: n)
        var offDiagonal = [Double](repeating: 0, count: n)
        Self.tridiagonalize(&w, &q, n: n, diagonal: &diagonal, offDiagonal: &offDiagonal)
        Self.implicitQL(&diagonal, &offDiagonal, &q, n: n)

        let order = (0..<n).sorted { diagonal[$0] < diagonal[$1] }
        var sorted = [Double](repeating: 0, count: n * n)
        for (newColumn, oldColumn) in order.enumerated() {
            for r in 0..<n { sorted[r * n + newColumn] = q[r * n + oldColumn] }
        }
        values = order.map { diagonal[$0] }
        vectors = Matrix(rows: n, columns: n, values: sorted)
    }

    /// Householder steps `A ← H A H`, accumulating `Q ← Q H`, so that `A = Q T Qᵀ`.
    private static func tridiagonalize(_ a: inout [Double], _ q: inout [Double], n: Int,
                                       diagonal: inout [Double], offDiagonal: inout [Double]) {
        var v = [Double](repeating: 0, count: n)
        var p = [Double](repeating: 0, count: n)
        if n >= 3 {
            for k in 0..<(n - 2) {
                let start = k + 1
                var norm2 = 0.0
                for i in start..<n { norm2 += a[i * n + k] * a[i * n + k] }
                var alpha = norm2.squareRoot()
                if alpha == 0 { continue }
                // Reflect onto −sign(x₀)·‖x‖ so that v₀ = x₀ − α never cancels.
                if a[start * n + k] > 0 { alpha = -alpha }
                for i in start..<n { v[i] = a[i * n + k] }
                v[start] -= alpha
                var vNorm2 = 0.0
                for i in start..<n { vNorm2 += v[i] * v[i] }
                if vNorm2 == 0 { continue }
                let beta = 2 / vNorm2
                // H B H = B − v wᵀ − w vᵀ with p = βBv, w = p − (β vᵀp / 2) v.
                for i in start..<n {
                    var s = 0.0
                    let row = i * n
                    for j in start..<n { s += a[row + j] * v[j] }
                    p[i] = beta * s
                }
                var vp = 0.0
                for i in start..<n { vp += v[i] * p[i] }
                let half = beta * vp / 2
                for i in start..<n { p[i] -= half * v[i] }
                for i in start..<n {
                    let row = i * n
                    let vi = v[i], pi = p[i]
                    for j in start..<n { a[row + j] -= vi * p[j] + pi * v[j] }
                }
                a[start * n + k] = alpha
                a[k * n + start] = alpha
                for i in (start + 1)..<max(start + 1, n) { a[i * n + k] = 0; a[k * n + i] = 0 }
                for r in 0..<n {
                    let row = r * n
                    var s = 0.0
                    for j in start..<n { s += q[row + j] * v[j] }
                    s *= beta
                    if s != 0 { for j in start..<n { q[row + j] -= s * v[j] } }
                }
            }
        }
        for i in 0..<n {
            diagonal[i] = a[i * n + i]
            offDiagonal[i] = i + 1 < n ? a[(i + 1) * n + i] : 0
        }
    }

    /// Implicit QL on the tridiagonal (d, e), with `e[i]` coupling i and i+1; the plane
    /// rotations are applied to the columns of `z`, which turns Q into the eigenvectors.
    private static func implicitQL(_ d: inout [Double], _ e: inout [Double], _ z: inout [Double], n: Int) {
        guard n > 1 else { return }
        e[n - 1] = 0
        for l in 0..<n {
            var iterations = 0
            while true {
                var m = l
                while m < n - 1 {
                    let scale = abs(d[m]) + abs(d[m + 1])
                    if abs(e[m]) <= Double.ulpOfOne * scale { break }
                    m += 1
                }
                if m == l { break }
                iterations += 1
                if iterations > 200 { break }   // never seen; keeps a pathological input finite
                var g = (d[l + 1] - d[l]) / (2 * e[l])
                var r = (g * g + 1).squareRoot()
                g = d[m] - d[l] + e[l] / (g + (g >= 0 ? r : -r))
                var s = 1.0, c = 1.0, p = 0.0
                var i = m - 1
                var deflated = false
                while i >= l {
                    let f = s * e[i]
                    let b = c * e[i]
                    r = hypot(f, g)
                    e[i + 1] = r
                    if r == 0 {
                        d[i + 1] -= p
                        e[m] = 0
                        deflated = true
                        break
                    }
                    s = f / r
                    c = g / r
                    g = d[i + 1] - p
                    r = (d[i] - g) * s + 2 * c * b
                    p = s * r
                    d[i + 1] = g + p
                    g = c * r - b
                    for k in 0..<n {
                        let row = k * n
                        let zi = z[row + i], zi1 = z[row + i + 1]
                        z[row + i + 1] = s * zi + c * zi1
                        z[row + i] = c * zi - s * zi1
                    }
                    i -= 1
                }
                if deflated { continue }
                d[l] -= p
                e[l] = g
                e[m] = 0
            }
        }
    }
}
