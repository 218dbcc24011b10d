import NASCore
import Testing
@testable import Predictors

@Suite struct MathAndMetricsTests {
    @Test("SymmetricEigen reconstructs A = V Λ Vᵀ with orthonormal V and ascending Λ", arguments: [1, 2, 7, 40])
    func eigenDecompositionReconstructs(n: Int) {
        var rng = Xoshiro256StarStar(seed: UInt64(n))
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n { for j in 0...i { let v = rng.nextGaussian(); a[i, j] = v; a[j, i] = v } }
        let eig = SymmetricEigen(a)
        #expect(zip(eig.values, eig.values.dropFirst()).allSatisfy { $0 <= $1 })
        var worst = 0.0, worstOrtho = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var s = 0.0, dot = 0.0
                for k in 0..<n {
                    s += eig.vectors[i, k] * eig.values[k] * eig.vectors[j, k]
                    dot += eig.vectors[k, i] * eig.vectors[k, j]
                }
                worst = max(worst, abs(s - a[i, j]))
                worstOrtho = max(worstOrtho, abs(dot - (i == j ? 1 : 0)))
            }
        }
        #expect(worst < 1e-12)
        #expect(worstOrtho < 1e-12)
    }

    @Test func eigenHandlesRankDeficientGram() {
        // Two identical columns: one exact zero eigenvalue.
        let x = Matrix(rows: 3, columns: 2, values: [1, 1, 2, 2, 4, 4])
        let eig = SymmetricEigen(CenteredDesign(x, [0, 0, 0]).featureGram())
        #expect(abs(eig.values[0]) < 1e-12)
        #expect(abs(eig.values[1] - 28.0 / 3.0) < 1e-12)
    }

    @Test("numpy pairwise summation order, not left-to-right, for n ≥ 8")
    func pairwiseSumFollowsNumpy() {
        // Left-to-right gives 1e16 + 1 + … rounding differently from 8 interleaved lanes.
        let values: [Double] = [1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16]
        #expect(NumpySum.pairwise(values) == ((1e16 + 1) + (1 + 1) + ((1 + 1) + (1 + 1))) + 1 + -1e16)
        #expect(NumpySum.pairwise([1, 2, 3]) == 6)
        let long = (0..<1000).map { Double($0) * 0.1 }
        #expect(abs(NumpySum.pairwise(long) - 49950) < 1e-9)
    }

    @Test("MAPE and Kendall τ reproduce the oracle's metrics from its predictions", arguments: OracleDataset.ids)
    func metricsMatchScikitLearnAndScipy(id: String) throws {
        let ds = OracleDataset.named(id)
        for (name, model) in ds.models {
            let mape = RegressionMetrics.meanAbsolutePercentageError(actual: ds.yTest, predicted: model.predictions)
            #expect(abs(mape - model.mape) < 1e-10 * max(1, model.mape), "\(id) \(name)")
            let tau = RegressionMetrics.kendallTau(actual: ds.yTest, predicted: model.predictions)
            #expect(abs(tau - model.kendallTau) < 1e-10, "\(id) \(name)")
        }
    }

    @Test func mapeFloorsZeroTargetsAtEpsilon() {
        let mape = RegressionMetrics.meanAbsolutePercentageError(actual: [0, 2], predicted: [1, 3])
        #expect(mape == (1 / Double.ulpOfOne + 0.5) / 2)
        #expect(RegressionMetrics.rootMeanSquaredError(actual: [1, 2, 3], predicted: [1, 2, 5]) == (4.0 / 3).squareRoot())
    }
}
