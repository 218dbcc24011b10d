/// Ordinary least squares with an intercept, as `sklearn.linear_model.LinearRegression()`.
///
/// ```swift
/// var ols = LinearRegression()
/// try ols.fit(rows: x, targets: y)
/// ols.rank            // rank of the centred design, like scikit-learn's `rank_`
/// ```
///
/// scikit-learn centres X and y, solves with `scipy.linalg.lstsq` and restores the
/// intercept as ȳ − x̄·w. For a rank-deficient design (one-hot groups: each group's
/// columns sum to one, so centring leaves one null direction per group) lstsq returns the
/// minimum-norm coefficients; this type returns the same through `MinimumNormLeastSquares`.
/// - Complexity: fit O(n·d² + d³) (or O(n²·d + n³) when d > n); predict O(n·d).
public struct LinearRegression: Regressor {
    public private(set) var coefficients: [Double] = []
    public private(set) var intercept: Double = 0
    /// Numerical rank of the centred training design.
    public private(set) var rank: Int = 0
    private var fittedWidth: Int?

    public init() {}

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        let design = CenteredDesign(x, y)
        let solution = MinimumNormLeastSquares.solve(design)
        coefficients = solution.coefficients
        rank = solution.rank
        intercept = design.intercept(for: coefficients)
        fittedWidth = x.columns
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        try validatePredictionWidth(x, fittedWidth: fittedWidth, model: "LinearRegression")
        return linearPredict(x, coefficients: coefficients, intercept: intercept)
    }
}
