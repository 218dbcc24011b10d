/// Validation predictions of ridge for a whole α grid from one eigen-decomposition.
///
/// ```swift
/// let path = RidgePath(train: xTrain, targets: yTrain, validation: xVal)
/// let predictions = path.predictions(alpha: 0.3)
/// ```
///
/// With the centred Gram G = XcᵀXc = V Λ Vᵀ, ridge's coefficients are
/// w(α) = V (Λ + αI)⁻¹ Vᵀ Xcᵀ yc, so after projecting the validation rows once onto V each
/// α costs one pass over an m×d matrix instead of a new factorisation. When d > n the
/// n×n Gram XcXcᵀ plays the same part (scikit-learn's kernel-form ridge). Agrees with
/// `RidgeRegression` (Cholesky) to rounding, ~1e-13 relative.
/// - Complexity: O(n·d·min(n,d) + min(n,d)³ + m·d·min(n,d)) once; O(m·min(n,d)) per α.
struct RidgePath: Sendable {
    private let eigenvalues: [Double]
    /// m × r projection of the centred validation rows.
    private let projection: [Double]
    /// r projected targets.
    private let projectedTargets: [Double]
    private let targetMean: Double
    private let validationCount: Int

    init(train: Matrix, targets: [Double], validation: Matrix) {
        let design = CenteredDesign(train, targets)
        let n = train.rows, d = train.columns, m = validation.rows
        var centredValidation = validation.values
        for v in 0..<m { for c in 0..<d { centredValidation[v * d + c] -= design.columnMeans[c] } }
        let eig: SymmetricEigen
        var basis: [Double]          // d × r: validation rows map through it onto the eigenbasis
        let rank: Int
        let rhs: [Double]
        if d <= n {
            eig = SymmetricEigen(design.featureGram())
            rank = d
            basis = eig.vectors.values
            rhs = design.transposeTimes(design.y)
        } else {
            eig = SymmetricEigen(design.sampleGram())
            rank = n
            // Xcᵀ U: the feature-space image of each sample-space eigenvector.
            basis = [Double](repeating: 0, count: d * n)
            for r in 0..<n {
                for j in 0..<n {
                    let u = eig.vectors[r, j]
                    if u == 0 { continue }
                    for c in 0..<d { basis[c * n + j] += design.x.values[r * d + c] * u }
                }
            }
            rhs = design.y
        }
        let vectors = eig.vectors
        projectedTargets = (0..<rank).map { j in
            var s = 0.0
            for i in 0..<rank { s += vectors[i, j] * rhs[i] }
            return s
        }
        var projected = [Double](repeating: 0, count: m * rank)
        for v in 0..<m {
            for c in 0..<d {
                let x = centredValidation[v * d + c]
                if x == 0 { continue }
                for j in 0..<rank { projected[v * rank + j] += x * basis[c * rank + j] }
            }
        }
        eigenvalues = eig.values
        projection = projected
        targetMean = design.targetMean
        validationCount = m
    }

    func predictions(alpha: Double) -> [Double] {
        let r = eigenvalues.count
        let scaled = (0..<r).map { projectedTargets[$0] / (eigenvalues[$0] + alpha) }
        return (0..<validationCount).map { v in
            var s = 0.0
            for j in 0..<r { s += projection[v * r + j] * scaled[j] }
            return targetMean + s
        }
    }
}
