import Testing
@testable import Predictors

/// The named inexact variant of the DyNAS-T grid (`warmStartsAcrossC`, LINAS's
/// `dynast-warm-c`): each fold's solves run from the smallest C up, each started from the
/// last one's dual variables, as libsvm's `Solver::Solve` starts from a given α.
@Suite struct SVRWarmStartTests {
    /// ½βᵀKβ − yᵀβ (ε = 0): the ε-SVR dual objective both starts minimise.
    static func dualObjective(_ beta: [Double], _ kernel: KernelMatrix, _ y: [Double]) -> Double {
        let n = beta.count
        var quadratic = 0.0, linear = 0.0
        for i in 0..<n {
            var row = 0.0
            for j in 0..<n { row += Double(kernel[i, j]) * beta[j] }
            quadratic += beta[i] * row
            linear += y[i] * beta[i]
        }
        return 0.5 * quadratic - linear
    }

    static func scaledLabels(_ ds: OracleDataset) -> [Double] {
        let factor = DynastPredictor.normalizationFactor(ds.yTrain)
        return ds.yTrain.map { $0 / factor }
    }

    @Test("a start at a solve's own solution is already optimal: no step, the same coefficients")
    func startingAtTheSolutionTakesNoStep() throws {
        let ds = OracleDataset.named("reg1_int_n30_d5")
        let y = Self.scaledLabels(ds)
        let kernel = KernelMatrix(ds.xTrain, kernel: .rbf(gamma: 1.0 / Double(ds.xTrain.columns)))
        let cold = SMOSolver.solveEpsilonSVR(kernel: kernel, targets: y, c: 10, epsilon: 0)
        #expect(cold.iterations > 0)
        let warm = SMOSolver.solveEpsilonSVR(kernel: kernel, targets: y, c: 10, epsilon: 0, start: cold.dualVariables)
        #expect(warm.iterations == 0)
        #expect(warm.coefficients == cold.coefficients)
        // ρ comes from a gradient summed afresh, not updated step by step: equal up to rounding.
        #expect(abs(warm.rho - cold.rho) <= 1e-9 * max(1, abs(cold.rho)))
    }

    @Test("a chain of warm starts up the C grid reaches each C's optimum in fewer steps than cold solves")
    func warmChainMatchesColdOptima() throws {
        for id in ["reg1_int_n30_d5", "reg2_binary_n60_d10"] {
            let ds = OracleDataset.named(id)
            let y = Self.scaledLabels(ds)
            let kernel = KernelMatrix(ds.xTrain, kernel: .rbf(gamma: 1.0 / Double(ds.xTrain.columns)))
            var previous: SVRSolution?
            var warmSteps = 0, coldSteps = 0
            for c in stride(from: 1.0, through: 30, by: 1) {
                let cold = SMOSolver.solveEpsilonSVR(kernel: kernel, targets: y, c: c, epsilon: 0, maxIterations: 1_000_000)
                let warm = SMOSolver.solveEpsilonSVR(kernel: kernel, targets: y, c: c, epsilon: 0, maxIterations: 1_000_000,
                                                     start: previous?.dualVariables)
                warmSteps += warm.iterations
                coldSteps += cold.iterations
                // Both stop within libsvm's tolerance of the same optimum: their objectives
                // agree closely, and each point stays in the box.
                let coldValue = Self.dualObjective(cold.coefficients, kernel, y)
                let warmValue = Self.dualObjective(warm.coefficients, kernel, y)
                #expect(abs(warmValue - coldValue) <= 1e-3 * max(1, abs(coldValue)), "\(id) C = \(c): \(warmValue) vs \(coldValue)")
                #expect(warm.coefficients.allSatisfy { abs($0) <= c }, "\(id) C = \(c)")
                #expect(abs(warm.coefficients.reduce(0, +)) <= 1e-9 * c * Double(y.count), "\(id) C = \(c): Σβ ≠ 0")
                previous = warm
            }
            #expect(warmSteps < coldSteps / 2, "\(id): \(warmSteps) warm steps against \(coldSteps) cold")
        }
    }

    @Test("variant warm-start-c: scores near the exact grid's, the refit a cold fit of the chosen C")
    func predictorVariantStaysNearTheExactGrid() throws {
        let ds = OracleDataset.named("reg2_binary_n60_d10")
        let small = DynastPredictor.Configuration(costs: (1...30).map(Double.init))
        var exact = DynastPredictor(configuration: small)
        var warmConfiguration = small
        warmConfiguration.warmStartsAcrossC = true
        var warm = DynastPredictor(configuration: warmConfiguration)
        try exact.fit(ds.xTrain, ds.yTrain)
        try warm.fit(ds.xTrain, ds.yTrain)
        let exactScores = try #require(exact.svrSearch).meanScores
        let warmScores = try #require(warm.svrSearch).meanScores
        #expect(warmScores != exactScores, "the variant ran the exact grid")
        for (w, e) in zip(warmScores, exactScores) { #expect(abs(w - e) <= 0.01 * abs(e), "\(w) vs \(e)") }
        // The ridge search is untouched.
        #expect(warm.ridgeSearch == exact.ridgeSearch)
        // Whatever C the variant picked, its final model is the cold fit of that C.
        if case let .svr(c) = warm.choice {
            var cold = EpsilonSVR(kernel: .rbf(gamma: .auto), c: c, epsilon: 0, maxIterations: 1_000_000)
            let factor = warm.normalizationFactor
            try cold.fit(ds.xTrain, ds.yTrain.map { $0 / factor })
            #expect(try warm.predict(ds.xTest) == cold.predict(ds.xTest).map { $0 * factor })
        }
        // The catalogue's parameter and LINAS's name build the variant; the default does not.
        var p = PredictorModel.Parameters()
        p.warmStartC = true
        let built = try PredictorModel(.dynast, parameters: p).makeRegressor()
        #expect((built as? DynastPredictor)?.configuration.warmStartsAcrossC == true)
        #expect((try PredictorModel(.dynast).makeRegressor() as? DynastPredictor)?.configuration.warmStartsAcrossC == false)
        #expect(throws: PredictorError.self) { try PredictorModel(.ridge, parameters: p).makeRegressor() }
    }
}
