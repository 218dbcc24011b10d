import NASCore

/// Fully connected layers with ReLU between them and a linear last layer: the body of
/// `MLPRegressor` and the head of `GraphConvolutionalNetwork`.
///
/// ```swift
/// let stack = DenseStack(widths: [30, 64, 64, 1])
/// stack.initialize(parameters, using: &rng)           // He-normal weights, zero biases
/// stack.forward(parameters, activations: buffers, rows: 32)
/// ```
///
/// Parameters sit in the caller's buffer, layer after layer: the weights of layer l as a
/// widths[l]×widths[l+1] row-major block, then its bias. `activations[0]` is the input and
/// `activations[l + 1]` the output of layer l, each with `rows × widths[·]` floats; the
/// backward pass reads them, so the forward pass must run first on the same batch.
/// - Complexity: O(rows · Σ widths[l]·widths[l+1]) per pass.
struct DenseStack: Sendable {
    let widths: [Int]
    let weightOffsets: [Int]
    let biasOffsets: [Int]
    let parameterCount: Int

    init(widths: [Int]) {
        precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "a dense stack needs positive widths")
        self.widths = widths
        var weights: [Int] = [], biases: [Int] = [], offset = 0
        for l in 0..<(widths.count - 1) {
            weights.append(offset)
            offset += widths[l] * widths[l + 1]
            biases.append(offset)
            offset += widths[l + 1]
        }
        weightOffsets = weights
        biasOffsets = biases
        parameterCount = offset
    }

    var layerCount: Int { widths.count - 1 }
    var maxWidth: Int { widths.max() ?? 0 }

    /// He et al. 2015 ("Delving Deep into Rectifiers", ICCV) normal initialisation,
    /// std = √(2 / fan-in), which keeps ReLU activations at a stable scale; biases start at 0.
    func initialize(_ p: UnsafeMutablePointer<Float>, using rng: inout Xoshiro256StarStar) {
        for l in 0..<layerCount {
            HeInitialization.fill(p + weightOffsets[l], count: widths[l] * widths[l + 1], fanIn: widths[l], using: &rng)
            (p + biasOffsets[l]).update(repeating: 0, count: widths[l + 1])
        }
    }

    func forward(_ p: UnsafePointer<Float>, activations: [UnsafeMutablePointer<Float>], rows: Int) {
        for l in 0..<layerCount {
            let out = activations[l + 1]
            DenseKernels.multiply(activations[l], p + weightOffsets[l], into: out,
                                  rows: rows, inner: widths[l], columns: widths[l + 1], accumulate: false)
            DenseKernels.addBias(p + biasOffsets[l], to: out, rows: rows, columns: widths[l + 1])
            if l < layerCount - 1 { DenseKernels.relu(out, count: rows * widths[l + 1]) }
        }
    }

    /// Accumulates parameter gradients into `g` given `outputGradient` (rows × last width),
    /// and writes the gradient with respect to the input when `inputGradient` is given.
    /// `work` holds two buffers of `rows × maxWidth`.
    func backward(_ p: UnsafePointer<Float>, gradients g: UnsafeMutablePointer<Float>,
                  activations: [UnsafeMutablePointer<Float>], outputGradient: UnsafePointer<Float>,
                  inputGradient: UnsafeMutablePointer<Float>?, work: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>),
                  rows: Int) {
        var current = work.0, next = work.1
        current.update(from: outputGradient, count: rows * widths[layerCount])
        for l in stride(from: layerCount - 1, through: 0, by: -1) {
            let width = widths[l + 1]
            if l < layerCount - 1 { DenseKernels.maskReLU(current, output: activations[l + 1], count: rows * width) }
            DenseKernels.accumulateTransposedProduct(activations[l], current, into: g + weightOffsets[l],
                                                     rows: rows, inner: widths[l], columns: width)
            DenseKernels.accumulateColumnSums(current, into: g + biasOffsets[l], rows: rows, columns: width)
            if l > 0 {
                DenseKernels.multiplyTransposed(current, p + weightOffsets[l], into: next,
                                                rows: rows, inner: widths[l], columns: width, accumulate: false)
                swap(&current, &next)
            } else if let inputGradient {
                DenseKernels.multiplyTransposed(current, p + weightOffsets[l], into: inputGradient,
                                                rows: rows, inner: widths[l], columns: width, accumulate: false)
            }
        }
    }

    /// Adds the gradient of the L2 penalty `alpha/2 · ‖W‖² / scale` on the weights (not the
    /// biases), as scikit-learn's `MLPRegressor(alpha=…)` does with scale = batch size.
    func addWeightDecay(_ p: UnsafePointer<Float>, gradients g: UnsafeMutablePointer<Float>, factor: Float) {
        guard factor != 0 else { return }
        for l in 0..<layerCount {
            let w = p + weightOffsets[l], gw = g + weightOffsets[l]
            for i in 0..<(widths[l] * widths[l + 1]) { gw[i] += factor * w[i] }
        }
    }
}

/// He-normal draws from the seeded generator (the only randomness in initialisation).
enum HeInitialization {
    static func fill(_ w: UnsafeMutablePointer<Float>, count: Int, fanIn: Int, using rng: inout Xoshiro256StarStar) {
        let std = (2.0 / Double(max(fanIn, 1))).squareRoot()
        for i in 0..<count { w[i] = Float(rng.nextGaussian() * std) }
    }
}
