import Dispatch
import Foundation

/// ε-insensitive support vector regression, as `sklearn.svm.SVR` (libsvm ε-SVR).
///
/// ```swift
/// var svr = EpsilonSVR(kernel: .rbf(gamma: .value(0.2)), c: 10, epsilon: 0.01)
/// try svr.fit(rows: x, targets: y)
/// let p = try svr.predict(rows: xTest)
/// svr.supportIndices     // scikit-learn's `support_`
/// ```
///
/// The dual is solved by `SMOSolver`, a step-for-step port of libsvm's solver (Fan, Chen &
/// Lin 2005; Chang & Lin, "LIBSVM", ACM TIST 2011), so predictions agree with scikit-learn
/// at its own tolerance, not just at the optimum. Defaults are scikit-learn's: C = 1,
/// ε = 0.1, tol = 1e-3, shrinking on, γ = 'scale', no iteration limit.
/// - Complexity: fit O(n²·d) for the kernel plus O(n) per SMO iteration; predict
///   O(m·s·d) for m rows and s support vectors.
public struct EpsilonSVR: Regressor {
    /// The kernel family and how its γ is chosen.
    public enum KernelChoice: Sendable, Equatable {
        case linear
        case rbf(gamma: Gamma)
    }

    /// scikit-learn's `gamma` options for the RBF kernel.
    public enum Gamma: Sendable, Equatable {
        /// 1 / (d · Var(X)) over all n·d entries (population variance); 1 if Var = 0.
        case scale
        /// 1 / d.
        case auto
        case value(Double)
    }

    public var kernelChoice: KernelChoice
    public var c: Double
    public var epsilon: Double
    public var tolerance: Double
    public var shrinking: Bool
    /// `nil` = unlimited, as scikit-learn's `max_iter=-1`.
    public var maxIterations: Int?

    /// Indices of the training rows with βᵢ ≠ 0, ascending.
    public private(set) var supportIndices: [Int] = []
    public private(set) var supportVectors = Matrix(rows: 0, columns: 0)
    /// β on the support, scikit-learn's `dual_coef_`.
    public private(set) var dualCoefficients: [Double] = []
    /// scikit-learn's `intercept_` (= −ρ).
    public var intercept: Double { -rho }
    public private(set) var rho: Double = 0
    public private(set) var iterations: Int = 0
    public private(set) var reachedIterationLimit = false
    /// The kernel with γ resolved at fit time.
    public private(set) var kernel: Kernel?
    /// The support packed as bits when it is all 0/1 and the kernel is RBF.
    private(set) var binarySupport: BinaryRBFSupport?

    public init(kernel: KernelChoice = .rbf(gamma: .scale), c: Double = 1.0, epsilon: Double = 0.1,
                tolerance: Double = 1e-3, shrinking: Bool = true, maxIterations: Int? = nil) {
        kernelChoice = kernel
        self.c = c
        self.epsilon = epsilon
        self.tolerance = tolerance
        self.shrinking = shrinking
        self.maxIterations = maxIterations
    }

    /// γ as scikit-learn resolves it for this training matrix.
    public static func resolve(_ choice: KernelChoice, for x: Matrix) -> Kernel {
        switch choice {
        case .linear:
            return .linear
        case let .rbf(.value(gamma)):
            return .rbf(gamma: gamma)
        case .rbf(.auto):
            return .rbf(gamma: 1.0 / Double(x.columns))
        case .rbf(.scale):
            // numpy's X.var(): pairwise sums over the flattened array.
            let mean = NumpySum.mean(x.values)
            let variance = NumpySum.mean(x.values.map { ($0 - mean) * ($0 - mean) })
            return .rbf(gamma: variance == 0 ? 1.0 : 1.0 / (Double(x.columns) * variance))
        }
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        try validateParameters()
        let resolved = Self.resolve(kernelChoice, for: x)
        let solution = SMOSolver.solveEpsilonSVR(kernel: KernelMatrix(x, kernel: resolved), targets: y,
                                                 c: c, epsilon: epsilon, tolerance: tolerance,
                                                 shrinking: shrinking, maxIterations: maxIterations)
        adopt(solution, trainingRows: x, kernel: resolved)
    }

    /// Installs a solution computed elsewhere (e.g. on a shared, precomputed kernel matrix).
    mutating func adopt(_ solution: SVRSolution, trainingRows x: Matrix, kernel resolved: Kernel) {
        let support = solution.coefficients.indices.filter { solution.coefficients[$0] != 0 }
        supportIndices = support
        supportVectors = x.selectingRows(support)
        dualCoefficients = support.map { solution.coefficients[$0] }
        rho = solution.rho
        iterations = solution.iterations
        reachedIterationLimit = solution.reachedIterationLimit
        kernel = resolved
        if case let .rbf(gamma) = resolved { binarySupport = BinaryRBFSupport(support: supportVectors, gamma: gamma) }
        else { binarySupport = nil }
    }

    func validateParameters() throws {
        guard c > 0, c.isFinite else { throw PredictorError.invalidParameter("SVR C must be > 0, got \(c)") }
        guard epsilon >= 0, epsilon.isFinite else {
            throw PredictorError.invalidParameter("SVR epsilon must be >= 0, got \(epsilon)")
        }
        guard tolerance > 0 else { throw PredictorError.invalidParameter("SVR tol must be > 0, got \(tolerance)") }
        if case let .rbf(.value(gamma)) = kernelChoice, !(gamma > 0 && gamma.isFinite) {
            throw PredictorError.invalidParameter("SVR gamma must be > 0, got \(gamma)")
        }
    }

    /// libsvm's `svm_predict_values`: Σ_s β_s K(x, sv_s) in support order, then − ρ.
    ///
    /// Each kernel value is libsvm's sequential sum; four support vectors are summed side
    /// by side only so the four dependency chains overlap, which leaves every value and the
    /// order of the outer sum unchanged. A 0/1 row against an all-0/1 support (one-hot
    /// encodings) takes `BinaryRBFSupport`'s bit counts instead: the same values. Large
    /// batches split their rows over the cores.
    public func predict(_ x: Matrix) throws -> [Double] {
        guard let kernel else { throw PredictorError.notFitted(model: "EpsilonSVR") }
        try validatePredictionWidth(x, fittedWidth: supportVectors.columns, model: "EpsilonSVR")
        let m = x.rows, d = x.columns, count = dualCoefficients.count
        var output = [Double](repeating: -rho, count: m)
        guard m > 0 else { return output }
        let rho = self.rho
        x.values.withUnsafeBufferPointer { rows in
            supportVectors.values.withUnsafeBufferPointer { support in
                dualCoefficients.withUnsafeBufferPointer { coefficients in
                    output.withUnsafeMutableBufferPointer { out in
                        guard let rowBase = rows.baseAddress, let outBase = out.baseAddress else { return }
                        let supportBase = support.baseAddress ?? rowBase
                        let coefficientBase = coefficients.baseAddress ?? rowBase
                        let binary = binarySupport
                        let decide = { (r: Int) in
                            // A 0/1 row against a 0/1 support: the same values by bit counts.
                            // The packed row lives on the stack: no allocation per prediction.
                            if let binary {
                                let packed = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: binary.wordsPerRow) { words -> Double? in
                                    guard let base = words.baseAddress, binary.pack(rowBase + r * d, into: base) else { return nil }
                                    return binary.decisionValue(base, coefficients: coefficientBase)
                                }
                                if let packed {
                                    outBase[r] = packed - rho
                                    return
                                }
                            }
                            outBase[r] = Self.decisionValue(rowBase + r * d, width: d, support: supportBase,
                                                            coefficients: coefficientBase, count: count, kernel: kernel) - rho
                        }
                        let chunks = m * count * d >= 4_000_000 ? ProcessInfo.processInfo.activeProcessorCount * 4 : 1
                        if chunks <= 1 {
                            for r in 0..<m { decide(r) }
                        } else {
                            let sendable = UncheckedSendable(decide)
                            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                                for r in stride(from: chunk, to: m, by: chunks) { sendable.value(r) }
                            }
                        }
                    }
                }
            }
        }
        return output
    }

    /// Σ_s β_s K(x, sv_s), summed in support order.
    @inline(__always)
    static func decisionValue(_ row: UnsafePointer<Double>, width d: Int, support: UnsafePointer<Double>,
                              coefficients: UnsafePointer<Double>, count: Int, kernel: Kernel) -> Double {
        var sum = 0.0
        var s = 0
        switch kernel {
        case .linear:
            while s < count {
                sum += coefficients[s] * Kernel.dot(row, support + s * d, d)
                s += 1
            }
        case let .rbf(gamma):
            while s + 4 <= count {
                let a = support + s * d, b = a + d, c = b + d, e = c + d
                var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
                for k in 0..<d {
                    let v = row[k]
                    let d0 = v - a[k], d1 = v - b[k], d2 = v - c[k], d3 = v - e[k]
                    s0 += d0 * d0; s1 += d1 * d1; s2 += d2 * d2; s3 += d3 * d3
                }
                sum += coefficients[s] * exp(-gamma * s0)
                sum += coefficients[s + 1] * exp(-gamma * s1)
                sum += coefficients[s + 2] * exp(-gamma * s2)
                sum += coefficients[s + 3] * exp(-gamma * s3)
                s += 4
            }
            while s < count {
                let a = support + s * d
                var s0 = 0.0
                for k in 0..<d {
                    let d0 = row[k] - a[k]
                    s0 += d0 * d0
                }
                sum += coefficients[s] * exp(-gamma * s0)
                s += 1
            }
        }
        return sum
    }
}

/// Hands a closure that only writes disjoint slots to `concurrentPerform`.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
