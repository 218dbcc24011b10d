import Foundation
internal import SIMDKernels

/// Adam (Kingma & Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015,
/// arXiv 1412.6980), Algorithm 1 with the bias corrections folded into the step size as
/// in §2 of the paper (the form PyTorch and scikit-learn use).
///
/// ```swift
/// var adam = AdamOptimizer(learningRate: 1e-3)
/// adam.step(parameters: p, gradients: g, firstMoment: m, secondMoment: v, count: n)
/// ```
///
/// The optimizer holds only the hyper-parameters and the step counter; the moments live
/// in the caller's scratch buffer next to the parameters, so a step allocates nothing.
/// - Complexity: O(count) per step.
struct AdamOptimizer: Sendable {
    var learningRate: Float
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var epsilon: Float = 1e-8
    private(set) var steps = 0

    init(learningRate: Double) {
        self.learningRate = Float(learningRate)
    }

    mutating func step(parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
                       firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int) {
        steps += 1
        // Corrections in Double: β^t underflows Float precision long before training ends.
        let t = Double(steps)
        let correction = (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t))
        update(rate: Float(Double(learningRate) * correction), parameters: p, gradients: g, firstMoment: m,
               secondMoment: v, count: count)
    }

    /// m = β₁m + (1−β₁)g, v = β₂v + (1−β₂)·g·g, p −= rate·m / (√v + ε), each in that order, in
    /// Float, at the bias-corrected `rate`; in C (`dense_adam_step`, one build per vector width).
    func update(rate: Float, parameters p: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
                firstMoment m: UnsafeMutablePointer<Float>, secondMoment v: UnsafeMutablePointer<Float>, count: Int) {
        dense_adam_step(p, g, m, v, Int64(count), beta1, beta2, epsilon, rate)
    }
}
