/// The minimum-norm solution of `min ‖A w − b‖²`, the answer `scipy.linalg.lstsq` (and so
/// scikit-learn's `LinearRegression`) gives when `A` is rank-deficient.
///
/// ```swift
/// let (w, rank) = MinimumNormLeastSquares.solve(CenteredDesign(x, y))
/// ```
///
/// It applies the pseudo-inverse through an eigen-decomposition of the smaller Gram
/// matrix (AᵀA when d ≤ n, else AAᵀ). Eigenvalues at or below `relativeCutoff · λ_max`
/// count as zero. Squaring the singular values limits this to problems whose nonzero
/// singular values span less than ~10⁵, which covers one-hot and small-integer NAS
/// encodings; the gap between the zero and nonzero eigenvalues there is ~13 orders.
/// - Complexity: O(n·d·min(n,d) + min(n,d)³).
enum MinimumNormLeastSquares {
    static let relativeCutoff = 1e-10

    static func solve(_ design: CenteredDesign) -> (coefficients: [Double], rank: Int) {
        let n = design.x.rows, d = design.x.columns
        if d <= n {
            let eig = SymmetricEigen(design.featureGram())
            let rhs = design.transposeTimes(design.y)
            return (pseudoInverseApply(eig, rhs), rank(of: eig))
        }
        let eig = SymmetricEigen(design.sampleGram())
        let dual = pseudoInverseApply(eig, design.y)
        return (design.transposeTimes(dual), rank(of: eig))
    }

    private static func cutoff(_ eig: SymmetricEigen) -> Double {
        (eig.values.last ?? 0) * relativeCutoff
    }

    private static func rank(of eig: SymmetricEigen) -> Int {
        let limit = cutoff(eig)
        return eig.values.filter { $0 > limit && $0 > 0 }.count
    }

    /// V Λ⁺ Vᵀ b.
    private static func pseudoInverseApply(_ eig: SymmetricEigen, _ b: [Double]) -> [Double] {
        let m = eig.values.count
        let v = eig.vectors
        let limit = cutoff(eig)
        var projected = [Double](repeating: 0, count: m)
        for j in 0..<m where eig.values[j] > limit && eig.values[j] > 0 {
            var s = 0.0
            for i in 0..<m { s += v[i, j] * b[i] }
            projected[j] = s / eig.values[j]
        }
        var out = [Double](repeating: 0, count: m)
        for i in 0..<m {
            var s = 0.0
            for j in 0..<m { s += v[i, j] * projected[j] }
            out[i] = s
        }
        return out
    }
}
