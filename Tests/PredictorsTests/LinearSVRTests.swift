import NASCore
import Testing
@testable import Predictors

/// `LinearSVR` (scikit-learn's `LinearSVR`, liblinear's dual coordinate descent).
///
/// There is no LinearSVR oracle in shared/oracles, and our coordinate order comes from
/// Xoshiro256** rather than liblinear's `rand()`, so no test here pins scikit-learn's
/// iterates. What is checked is the optimum: (1) against the `svr_linear_tight` oracle
/// (libsvm at tol = 1e-10), which solves the same primal except that its intercept is free,
/// by fixing the intercept at the oracle's value; (2) the duality gap and the dual box for
/// both losses with the regularised intercept; (3) the primal objective is not improved by
/// perturbing any weight; (4) a seed replays bit for bit.
///
/// reg8_int_n400_d25 (integer features 0…k, not centred) is left out of the tight checks:
/// dual coordinate descent for the L1 loss, liblinear's as well as this one, converges
/// slowly on it. Measured here (seed 11, ε = 0.01, regularised intercept): tol = 1e-4 needs
/// 19,630 outer iterations (scikit-learn's max_iter = 1000 would stop early with a
/// ConvergenceWarning), and at tol = 1e-9 the gap is still 2.4e-3 (relative 3e-5) after
/// 100,000. It gets the weak-duality check and a loose gap bound only.
@Suite struct LinearSVRTests {
    static let slowlyConvergingSet = "reg8_int_n400_d25"
    static let tightSets = OracleDataset.ids.filter { $0 != slowlyConvergingSet }

    static func solver(_ ds: OracleDataset, loss: LinearSVR.Loss, fitIntercept: Bool = true, epsilon: Double = 0.01) -> LinearSVRDualSolver {
        LinearSVRDualSolver(x: ds.xTrain, y: ds.yTrain, bias: fitIntercept ? 1 : 0, c: 1, epsilon: epsilon, loss: loss,
                            tolerance: 1e-9, maxIterations: 150_000)
    }

    @Test("With the intercept fixed at libsvm's, L1-loss LinearSVR reaches SVR(kernel='linear', C=1, ε=0.01)'s optimum",
          arguments: tightSets)
    func reachesTheLibsvmOptimumForAFixedIntercept(id: String) throws {
        // For a fixed intercept b the SVR primal in w is ½‖w‖² + C Σ max(0, |yᵢ − b − wᵀxᵢ| − ε),
        // strictly convex, so its minimiser is the oracle's w; LinearSVR without an intercept on
        // y − b solves exactly that problem.
        let ds = OracleDataset.named(id)
        let oracle = try #require(ds.models["svr_linear_tight"])
        let b = try #require(oracle.intercept)
        var svr = LinearSVR(c: 1, epsilon: 0.01, tolerance: 1e-9, maxIterations: 150_000, fitIntercept: false, randomState: 3)
        try svr.fit(ds.xTrain, ds.yTrain.map { $0 - b })
        #expect(svr.converged, "\(id): \(svr.iterations) iterations")
        let p = try svr.predict(ds.xTest).map { $0 + b }
        let deviation = maxAbsoluteError(p, oracle.predictions)
        #expect(deviation < 1e-5, "\(id): max |Δpred| = \(deviation) after \(svr.iterations) iterations")
    }

    @Test("Both losses: the dual is feasible and the duality gap closes (regularised intercept)",
          arguments: OracleDataset.ids, LinearSVR.Loss.allCases)
    func dualityGapCloses(id: String, loss: LinearSVR.Loss) throws {
        let ds = OracleDataset.named(id)
        let solver = Self.solver(ds, loss: loss)
        var rng = Xoshiro256StarStar(seed: 11)
        let solution = solver.solve(using: &rng)
        let tight = id != Self.slowlyConvergingSet || loss == .squaredEpsilonInsensitive
        #expect(solution.converged || !tight)
        if loss == .epsilonInsensitive {
            #expect(solution.dual.allSatisfy { abs($0) <= 1 }, "|β| ≤ C")
        }
        let primal = solver.primalObjective(weights: solution.weights, biasWeight: solution.biasWeight)
        let gap = primal + solver.dualObjective(solution.dual)
        #expect(gap >= -1e-9 * max(1, primal), "weak duality: gap \(gap)")
        #expect(gap <= (tight ? 1e-6 : 1e-4) * max(1, primal), "\(id) \(loss): gap \(gap), primal \(primal)")
    }

    @Test("No single-weight perturbation lowers the primal objective", arguments: LinearSVR.Loss.allCases)
    func primalIsMinimal(loss: LinearSVR.Loss) throws {
        let ds = OracleDataset.named("reg4_binary_n150_d20")
        let solver = Self.solver(ds, loss: loss)
        var rng = Xoshiro256StarStar(seed: 5)
        let s = solver.solve(using: &rng)
        let best = solver.primalObjective(weights: s.weights, biasWeight: s.biasWeight)
        // A step of 1e-2 raises ½‖w‖² alone by ≥ 5e-5 at the optimum, far above the gap left
        // at tol = 1e-9, so a drop would mean a wrong optimum, not an unfinished one.
        for j in 0...s.weights.count {
            for delta in [-1e-2, 1e-2] {
                var w = s.weights, wb = s.biasWeight
                if j == w.count { wb += delta } else { w[j] += delta }
                #expect(solver.primalObjective(weights: w, biasWeight: wb) >= best, "weight \(j), δ = \(delta)")
            }
        }
    }

    @Test("fit_intercept appends the constant feature: the intercept is regularised like a weight")
    func interceptIsARegularisedWeight() throws {
        let ds = OracleDataset.named("reg3_int_n100_d8")
        var withIntercept = LinearSVR(epsilon: 0.01, tolerance: 1e-9, maxIterations: 50_000)
        try withIntercept.fit(ds.xTrain, ds.yTrain)
        let augmented = try Matrix(rows: ds.xTrain.arrayOfRows.map { $0 + [1] })
        var explicitColumn = LinearSVR(epsilon: 0.01, tolerance: 1e-9, maxIterations: 50_000, fitIntercept: false)
        try explicitColumn.fit(augmented, ds.yTrain)
        #expect(abs(withIntercept.intercept - explicitColumn.coefficients[ds.xTrain.columns]) < 1e-6)
        // libsvm's free intercept is not the same model (the targets are shifted to ≥ 2, so
        // the penalty on the intercept matters).
        let free = try #require(ds.models["svr_linear_tight"]?.intercept)
        #expect(abs(withIntercept.intercept - free) > 1e-3)
    }

    @Test("A seed replays bit for bit")
    func deterministicForASeed() throws {
        let ds = OracleDataset.named("reg8_int_n400_d25")
        var a = LinearSVR(randomState: 42), b = LinearSVR(randomState: 42)
        try a.fit(ds.xTrain, ds.yTrain)
        try b.fit(ds.xTrain, ds.yTrain)
        #expect(a.coefficients == b.coefficients && a.intercept == b.intercept && a.iterations == b.iterations)
        #expect(try a.predict(ds.xTest) == (try b.predict(ds.xTest)))
    }

    @Test("Bad parameters and widths are one-line errors")
    func badInput() throws {
        let x = try Matrix(rows: [[0, 1], [1, 0], [1, 1]])
        for svr in [LinearSVR(c: 0), LinearSVR(epsilon: -1), LinearSVR(tolerance: 0), LinearSVR(maxIterations: 0)] {
            var model = svr
            #expect(throws: PredictorError.self) { try model.fit(x, [1, 2, 3]) }
        }
        var model = LinearSVR()
        #expect(throws: PredictorError.notFitted(model: "LinearSVR")) { try model.predict(x) }
        #expect(throws: PredictorError.self) { try model.fit(x, [1, .nan, 3]) }
        try model.fit(x, [1, 2, 3])
        #expect(throws: PredictorError.featureWidthMismatch(expected: 2, given: 3)) { try model.predict(Matrix(rows: [[1, 2, 3]])) }
    }
}
