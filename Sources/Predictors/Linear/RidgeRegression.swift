/// L2-regularised least squares with an unpenalised intercept, as
/// `sklearn.linear_model.Ridge(alpha:, fit_intercept=True)` with its default solver.
///
/// ```swift
/// var ridge = RidgeRegression(alpha: 1.0)
/// try ridge.fit(rows: x, targets: y)
/// let p = try ridge.predict(rows: xTest)
/// ```
///
/// On dense input scikit-learn's 'auto' solver is 'cholesky': it centres X and y, then
/// solves (XcᵀXc + αI) w = Xcᵀyc when d ≤ n, or (XcXcᵀ + αI) a = yc, w = Xcᵀa when
/// d > n (sklearn/linear_model/_ridge.py `_solve_cholesky`, `_solve_cholesky_kernel`).
/// When the system is not positive definite (α = 0 with a singular design) it falls back
/// to a pseudo-inverse, as scikit-learn falls back to its SVD solver.
/// - Complexity: fit O(n·d·min(n,d) + min(n,d)³); predict O(n·d).
public struct RidgeRegression: Regressor {
    public var alpha: Double
    public private(set) var coefficients: [Double] = []
    public private(set) var intercept: Double = 0
    private var fittedWidth: Int?

    public init(alpha: Double = 1.0) {
        self.alpha = alpha
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        guard alpha >= 0, alpha.isFinite else {
            throw PredictorError.invalidParameter("ridge alpha must be finite and >= 0, got \(alpha)")
        }
        let design = CenteredDesign(x, y)
        let n = x.rows, d = x.columns
        if d <= n {
            var gram = design.featureGram()
            for i in 0..<d { gram[i, i] += alpha }
            if let chol = Cholesky(gram) {
                coefficients = chol.solve(design.transposeTimes(design.y))
            } else {
                coefficients = Self.pseudoInverseSolution(design, alpha: alpha)
            }
        } else {
            var gram = design.sampleGram()
            for i in 0..<n { gram[i, i] += alpha }
            if let chol = Cholesky(gram) {
                coefficients = design.transposeTimes(chol.solve(design.y))
            } else {
                coefficients = Self.pseudoInverseSolution(design, alpha: alpha)
            }
        }
        intercept = design.intercept(for: coefficients)
        fittedWidth = d
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        try validatePredictionWidth(x, fittedWidth: fittedWidth, model: "RidgeRegression")
        return linearPredict(x, coefficients: coefficients, intercept: intercept)
    }

    /// Only reached for α = 0 on a singular design, where ridge is least squares.
    private static func pseudoInverseSolution(_ design: CenteredDesign, alpha: Double) -> [Double] {
        MinimumNormLeastSquares.solve(design).coefficients
    }
}
