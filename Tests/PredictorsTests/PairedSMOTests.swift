import NASCore
import Testing
@testable import Predictors

/// At ε = 0 from α = 0, `SMOSolver.solveEpsilonSVR` solves on n sample pairs
/// (`PairedSMOState`) instead of libsvm's 2n variables. These tests hold every field of the
/// answer to the 2n solver's (`solveOnVariables`), bit for bit: the coefficients, ρ, the
/// iteration count, the largest box comparison and the dual variables.
@Suite struct PairedSMOTests {
    static func expectSame(_ paired: SVRSolution, _ variables: SVRSolution, _ at: String) {
        #expect(paired.coefficients.map(\.bitPattern) == variables.coefficients.map(\.bitPattern), "\(at)")
        #expect(paired.dualVariables.map(\.bitPattern) == variables.dualVariables.map(\.bitPattern), "\(at)")
        #expect(paired.rho.bitPattern == variables.rho.bitPattern, "\(at)")
        #expect(paired.iterations == variables.iterations, "\(at)")
        #expect(paired.reachedIterationLimit == variables.reachedIterationLimit, "\(at)")
        #expect(paired.largestBoxComparison == variables.largestBoxComparison, "\(at)")
    }

    static func compare(_ kernel: KernelMatrix, _ labels: [Double], c: Double, shrinking: Bool = true,
                        maxIterations: Int? = 1_000_000, _ at: String) -> SVRSolution {
        let paired = SMOSolver.solveEpsilonSVR(kernel: kernel, targets: labels, c: c, epsilon: 0,
                                               shrinking: shrinking, maxIterations: maxIterations)
        let variables = SMOSolver.solveOnVariables(kernel: kernel, targets: labels, c: c, epsilon: 0,
                                                   tolerance: 1e-3, shrinking: shrinking,
                                                   maxIterations: maxIterations, start: nil)
        expectSame(paired, variables, at)
        return paired
    }

    @Test("the oracle data sets: DyNAS-T's labels, RBF and linear kernels, small and large C, with and without shrinking")
    func oracleDataSets() throws {
        var iterations = 0
        for id in OracleDataset.ids where OracleDataset.named(id).xTrain.rows <= 250 {
            let ds = OracleDataset.named(id)
            let factor = DynastPredictor.normalizationFactor(ds.yTrain)
            let labels = ds.yTrain.map { $0 / factor }
            for kernel in [Kernel.rbf(gamma: 1 / Double(ds.xTrain.columns)), .linear] {
                let km = KernelMatrix(ds.xTrain, kernel: kernel)
                for c in [1.0, 17, 100] {
                    for shrinking in [true, false] {
                        iterations += Self.compare(km, labels, c: c, shrinking: shrinking,
                                                   "\(id) \(kernel) C = \(c) shrinking \(shrinking)").iterations
                    }
                }
            }
        }
        #expect(iterations > 10_000, "the solves must run long enough to shrink and unshrink")
    }

    /// Duplicate rows and few distinct labels make exact ties in both scans, between the two
    /// variables of a pair and between pairs, so the position order decides.
    @Test("tied scans: duplicate rows, repeated labels, iteration limits, every kernel build")
    func tiesAndLimits() throws {
        var rng = Xoshiro256StarStar(seed: 20261205)
        var limited = 0
        for problem in 0..<24 {
            let n = [7, 16, 33, 90][problem % 4]
            let d = 1 + problem % 5
            let distinctRows = max(2, n / (1 + problem % 3))
            let grid = (0..<distinctRows).map { _ in (0..<d).map { _ in Double(Int.random(in: 0...2, using: &rng)) } }
            let rows = (0..<n).map { _ in grid[Int.random(in: 0..<distinctRows, using: &rng)] }
            let x = try Matrix(rows: rows)
            let labels = (0..<n).map { _ in 10 + Double(Int.random(in: 0...(problem % 6 + 1), using: &rng)) * 15 }
            let km = KernelMatrix(x, kernel: problem % 2 == 0 ? .rbf(gamma: 1 / Double(d)) : .linear)
            let limit: Int? = problem % 6 == 5 ? 37 : 1_000_000
            SIMDVariant.whileForcing { runnable in
                for variant in runnable {
                    SIMDVariant.use(variant)
                    for c in [0.5, 3, 100] {
                        let s = Self.compare(km, labels, c: c, maxIterations: limit, "problem \(problem) C = \(c) \(variant)")
                        if s.reachedIterationLimit { limited += 1 }
                    }
                }
            }
        }
        #expect(limited > 0, "some solves must stop at the iteration limit")
    }

    @Test("warm starts along a C chain (the variant dynast-warm-c)")
    func warmStarts() throws {
        var steps = 0
        for id in OracleDataset.ids.prefix(3) {
            let ds = OracleDataset.named(id)
            let factor = DynastPredictor.normalizationFactor(ds.yTrain)
            let labels = ds.yTrain.map { $0 / factor }
            let km = KernelMatrix(ds.xTrain, kernel: .rbf(gamma: 1 / Double(ds.xTrain.columns)))
            var last: SVRSolution?
            for c in [0.5, 1, 2, 5, 20, 100] {
                let start = last?.dualVariables
                let paired = SMOSolver.solveEpsilonSVR(kernel: km, targets: labels, c: c, epsilon: 0,
                                                       maxIterations: 1_000_000, start: start)
                let variables = SMOSolver.solveOnVariables(kernel: km, targets: labels, c: c, epsilon: 0,
                                                           tolerance: 1e-3, shrinking: true,
                                                           maxIterations: 1_000_000, start: start)
                Self.expectSame(paired, variables, "\(id) C = \(c) warm")
                if start != nil { steps += paired.iterations }
                last = paired
            }
        }
        #expect(steps > 0, "the warm solves must take steps")
    }

    @Test("ε other than 0 stays on the 2n variables")
    func otherProblemsUseTheVariables() throws {
        let ds = OracleDataset.named(OracleDataset.ids[0])
        let km = KernelMatrix(ds.xTrain, kernel: .rbf(gamma: 1 / Double(ds.xTrain.columns)))
        let viaEntry = SMOSolver.solveEpsilonSVR(kernel: km, targets: ds.yTrain, c: 10, epsilon: 0.1)
        let onVariables = SMOSolver.solveOnVariables(kernel: km, targets: ds.yTrain, c: 10, epsilon: 0.1,
                                                     tolerance: 1e-3, shrinking: true, maxIterations: nil, start: nil)
        Self.expectSame(viaEntry, onVariables, "ε = 0.1")
    }
}
