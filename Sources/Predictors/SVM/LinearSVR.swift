import NASCore

/// Linear support vector regression, as `sklearn.svm.LinearSVR` (liblinear).
///
/// ```swift
/// var svr = LinearSVR(c: 1, epsilon: 0, randomState: 7)
/// try svr.fit(rows: x, targets: y)
/// let p = try svr.predict(rows: xTest)
/// svr.coefficients; svr.intercept   // scikit-learn's `coef_`, `intercept_`
/// ```
///
/// It minimises the primal ½‖ŵ‖² + C Σᵢ ℓ(yᵢ − ŵᵀx̂ᵢ), with ℓ(r) = max(0, |r| − ε) for
/// `.epsilonInsensitive` (scikit-learn's default `loss='epsilon_insensitive'`) and
/// max(0, |r| − ε)² for `.squaredEpsilonInsensitive`. With `fitIntercept`, x̂ is x with the
/// constant `interceptScaling` appended and ŵ = (w, w_b), so the intercept b =
/// interceptScaling · w_b is regularised too: this is liblinear's `-B` bias, which scikit-
/// learn keeps, and it is why LinearSVR and `SVR(kernel='linear')` (whose intercept is
/// free) give different models on the same data.
///
/// Both losses are solved in the dual by `LinearSVRDualSolver` (liblinear's
/// `solve_l2r_l1l2_svr`; Ho & Lin, JMLR 2012): solver 13 for the ε-insensitive loss, as
/// scikit-learn does, and solver 12 (the dual) for the squared loss, where scikit-learn's
/// `dual='auto'` would pick the primal Newton solver 11 when n > d. The optimum is the same
/// either way (the squared-loss primal is strictly convex), so only unconverged iterates differ.
///
/// Defaults are scikit-learn's: C = 1, ε = 0, tol = 1e-4, max_iter = 1000,
/// fit_intercept = True, intercept_scaling = 1. The coordinate order is drawn from a
/// `Xoshiro256StarStar` stream seeded by `randomState`, not from liblinear's `rand()`, so a
/// fit replays exactly for a seed but matches scikit-learn's only to within its tolerance.
/// - Complexity: fit O(n·d) per outer iteration (at most `maxIterations`); predict O(m·d).
public struct LinearSVR: Regressor {
    /// scikit-learn's `loss`.
    public enum Loss: String, Sendable, Equatable, CaseIterable {
        /// `'epsilon_insensitive'`: max(0, |r| − ε), liblinear solver 13.
        case epsilonInsensitive = "epsilon_insensitive"
        /// `'squared_epsilon_insensitive'`: max(0, |r| − ε)², liblinear solver 12 here.
        case squaredEpsilonInsensitive = "squared_epsilon_insensitive"
    }

    public var c: Double
    public var epsilon: Double
    public var loss: Loss
    public var tolerance: Double
    public var maxIterations: Int
    public var fitIntercept: Bool
    public var interceptScaling: Double
    /// Seeds the random coordinate order (scikit-learn's `random_state`).
    public var randomState: UInt64

    public private(set) var coefficients: [Double] = []
    public private(set) var intercept: Double = 0
    /// The dual variables β (w = Σ βᵢ x̂ᵢ); |βᵢ| ≤ C for the ε-insensitive loss.
    public private(set) var dualCoefficients: [Double] = []
    /// Outer iterations of the last fit (scikit-learn's `n_iter_`).
    public private(set) var iterations = 0
    /// False when the last fit stopped at `maxIterations` (scikit-learn warns
    /// `ConvergenceWarning` there).
    public private(set) var converged = false
    private var fittedWidth: Int?

    public init(c: Double = 1, epsilon: Double = 0, loss: Loss = .epsilonInsensitive, tolerance: Double = 1e-4,
                maxIterations: Int = 1000, fitIntercept: Bool = true, interceptScaling: Double = 1, randomState: UInt64 = 0) {
        self.c = c
        self.epsilon = epsilon
        self.loss = loss
        self.tolerance = tolerance
        self.maxIterations = maxIterations
        self.fitIntercept = fitIntercept
        self.interceptScaling = interceptScaling
        self.randomState = randomState
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        guard c > 0, c.isFinite else { throw PredictorError.invalidParameter("LinearSVR C must be > 0, got \(c)") }
        guard epsilon >= 0, epsilon.isFinite else { throw PredictorError.invalidParameter("LinearSVR epsilon must be ≥ 0, got \(epsilon)") }
        guard tolerance > 0, tolerance.isFinite else { throw PredictorError.invalidParameter("LinearSVR tol must be > 0, got \(tolerance)") }
        guard maxIterations >= 1 else { throw PredictorError.invalidParameter("LinearSVR max_iter must be ≥ 1, got \(maxIterations)") }
        guard !fitIntercept || (interceptScaling > 0 && interceptScaling.isFinite) else {
            throw PredictorError.invalidParameter("LinearSVR intercept_scaling must be > 0, got \(interceptScaling)")
        }
        let solver = LinearSVRDualSolver(x: x, y: y, bias: fitIntercept ? interceptScaling : 0, c: c, epsilon: epsilon,
                                         loss: loss, tolerance: tolerance, maxIterations: maxIterations)
        var rng = Xoshiro256StarStar(seed: randomState)
        let solution = solver.solve(using: &rng)
        coefficients = solution.weights
        intercept = fitIntercept ? interceptScaling * solution.biasWeight : 0
        dualCoefficients = solution.dual
        iterations = solution.iterations
        converged = solution.converged
        fittedWidth = x.columns
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        try validatePredictionWidth(x, fittedWidth: fittedWidth, model: "LinearSVR")
        return linearPredict(x, coefficients: coefficients, intercept: intercept)
    }
}
