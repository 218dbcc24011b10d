import Foundation

/// A support-vector kernel with its parameters resolved to numbers.
///
/// ```swift
/// let k = Kernel.rbf(gamma: 0.2)
/// let kx = KernelMatrix(x, kernel: k)                 // training form, Float entries
/// let v = k.predictionValue(x.row(0), x.row(1))       // prediction form, Double
/// ```
///
/// libsvm evaluates the RBF kernel two ways and the difference is visible at 1e-16:
/// during training from cached squared norms, exp(−γ((‖a‖²+‖b‖²) − 2a·b)), and at
/// prediction from the differences, exp(−γ Σ(a−b)²) (sklearn/svm/src/libsvm/svm.cpp
/// `Kernel::kernel_rbf`, `Kernel::k_function`). Both are kept, with sequential sums and no
/// fused multiply-add, because the SMO path is sensitive to the last bit (REGRESSORS.md B.6).
public enum Kernel: Sendable, Equatable {
    case linear
    case rbf(gamma: Double)

    /// Sequential a·b, the order libsvm's dense `dot` uses.
    @inlinable static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ d: Int) -> Double {
        var s = 0.0
        for k in 0..<d { s += a[k] * b[k] }
        return s
    }

    /// The prediction-time value K(a, b).
    public func predictionValue(_ a: ArraySlice<Double>, _ b: ArraySlice<Double>) -> Double {
        precondition(a.count == b.count, "kernel arguments differ in width")
        switch self {
        case .linear:
            var s = 0.0
            for (x, y) in zip(a, b) { s += x * y }
            return s
        case let .rbf(gamma):
            var s = 0.0
            for (x, y) in zip(a, b) {
                let d = x - y
                s += d * d
            }
            return exp(-gamma * s)
        }
    }
}

/// The training-time kernel matrix as libsvm caches it: Float entries, Double diagonal.
///
/// ```swift
/// let km = KernelMatrix(x, kernel: .rbf(gamma: 1.0 / Double(x.columns)))
/// km[2, 5]     // Float(K(x₂, x₅))
/// ```
///
/// libsvm stores kernel rows as `Qfloat` (float) but the diagonal QD in double
/// (`SVR_Q`). Computing the whole matrix once costs what libsvm's cache would fill
/// anyway for the n ≤ a few hundred samples of NAS surrogates, and lets a grid over C, and
/// all cross-validation folds, share it: a fold's matrix is a gather of rows and columns.
/// - Complexity: O(n²·d) time, O(n²) memory.
public struct KernelMatrix: Sendable {
    public let count: Int
    public let values: [Float]
    public let diagonal: [Double]

    public init(_ x: Matrix, kernel: Kernel) {
        let n = x.rows, d = x.columns
        var entries = [Float](repeating: 0, count: n * n)
        var diag = [Double](repeating: 0, count: n)
        x.values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var squares = [Double](repeating: 0, count: n)
            for i in 0..<n { squares[i] = Kernel.dot(base + i * d, base + i * d, d) }
            for i in 0..<n {
                for j in 0...i {
                    let product = Kernel.dot(base + i * d, base + j * d, d)
                    let value: Double
                    switch kernel {
                    case .linear: value = product
                    case let .rbf(gamma): value = exp(-gamma * ((squares[i] + squares[j]) - 2 * product))
                    }
                    entries[i * n + j] = Float(value)
                    entries[j * n + i] = Float(value)
                    if i == j { diag[i] = value }
                }
            }
        }
        count = n
        values = entries
        diagonal = diag
    }

    init(count: Int, values: [Float], diagonal: [Double]) {
        self.count = count
        self.values = values
        self.diagonal = diagonal
    }

    @inlinable public subscript(i: Int, j: Int) -> Float { values[i * count + j] }

    /// The sub-matrix on `indices` (rows and columns), e.g. one fold's training set.
    /// - Complexity: O(k²) for k indices.
    public func restricted(to indices: [Int]) -> KernelMatrix {
        let k = indices.count
        var entries = [Float](repeating: 0, count: k * k)
        for (a, i) in indices.enumerated() {
            let source = i * count
            for (b, j) in indices.enumerated() { entries[a * k + b] = values[source + j] }
        }
        return KernelMatrix(count: k, values: entries, diagonal: indices.map { diagonal[$0] })
    }
}
