import NASCore

/// Dual coordinate descent for L2-regularised linear support vector regression, the
/// algorithm of liblinear's `solve_l2r_l1l2_svr` (Ho & Lin, "Large-scale linear support
/// vector regression", JMLR 13, 2012, Algorithm 3 with the shrinking of §3.3; liblinear
/// solvers 12 `L2R_L2LOSS_SVR_DUAL` and 13 `L2R_L1LOSS_SVR_DUAL`). ALGORITHMS.md L.2 lists
/// LinearSVR as DyNAS-T's former NCF latency predictor.
///
/// ```swift
/// var solver = LinearSVRDualSolver(x: x, y: y, bias: 1, c: 1, epsilon: 0, loss: .epsilonInsensitive,
///                                  tolerance: 1e-4, maxIterations: 1000)
/// var rng = Xoshiro256StarStar(seed: 0)
/// let solution = solver.solve(using: &rng)   // solution.weights, solution.dual
/// ```
///
/// It minimises the dual
///   f(β) = ½ βᵀ(Q + λI)β − yᵀβ + ε‖β‖₁,  −U ≤ βᵢ ≤ U,  Q_ij = x̂ᵢᵀx̂ⱼ,
/// with λ = 0, U = C for the ε-insensitive (L1) loss and λ = 1/(2C), U = ∞ for the squared
/// one, keeping w = Σ βᵢ x̂ᵢ up to date. x̂ᵢ is row i with the constant `bias` appended when
/// the bias is positive (liblinear's `-B`), so the intercept is a weight like the others and
/// is regularised, as in liblinear and scikit-learn's `LinearSVR`.
///
/// Each outer iteration visits the active variables in a random order and takes one exact
/// Newton step on each (the objective is a one-dimensional piecewise quadratic, solved in
/// closed form and clipped to the box). Variables at a bound whose projected gradient
/// points outward by more than the last iteration's largest violation are shrunk out of
/// the active set. The loop stops when the sum of violations falls to `tolerance` times
/// that of the first iteration; if variables were shrunk it then reactivates them all and
/// continues, so the stop always holds over the full set.
///
/// The order is liblinear's (a forward Fisher–Yates pass over the active indices each
/// outer iteration), but the draws come from `Xoshiro256StarStar`, not liblinear's `rand()`,
/// so iterates differ from liblinear's and results agree only as both converge.
/// - Complexity: O(n·d) per outer iteration, at most `maxIterations` of them.
struct LinearSVRDualSolver {
    typealias Loss = LinearSVR.Loss

    struct Solution {
        /// w for the d features.
        var weights: [Double]
        /// The weight of the appended bias feature (0 without one).
        var biasWeight: Double
        /// The dual variables β, one per training row.
        var dual: [Double]
        /// Outer iterations run.
        var iterations: Int
        /// Whether the stopping criterion held before `maxIterations`.
        var converged: Bool
    }

    let x: Matrix
    let y: [Double]
    let bias: Double
    let c: Double
    let epsilon: Double
    let loss: Loss
    let tolerance: Double
    let maxIterations: Int

    /// λ, the diagonal the squared loss adds to Q.
    var diagonalShift: Double { loss == .squaredEpsilonInsensitive ? 0.5 / c : 0 }
    /// U, the box on each βᵢ.
    var upperBound: Double { loss == .squaredEpsilonInsensitive ? .infinity : c }

    func solve(using rng: inout Xoshiro256StarStar) -> Solution {
        let n = x.rows, d = x.columns
        let lambda = diagonalShift, upper = upperBound, p = epsilon
        let biasSquared = bias > 0 ? bias * bias : 0
        var beta = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: d)
        var wBias = 0.0
        var diagonal = [Double](repeating: 0, count: n)
        var index = Array(0..<n)
        x.values.withUnsafeBufferPointer { values in
            for i in 0..<n {
                var sum = biasSquared
                for j in 0..<d { sum += values[i * d + j] * values[i * d + j] }
                diagonal[i] = sum + lambda
            }
        }
        var activeSize = n
        var largestViolationOld = Double.infinity
        var initialViolationSum = -1.0
        var iteration = 0
        var converged = false
        x.values.withUnsafeBufferPointer { values in
            while iteration < maxIterations {
                var largestViolation = 0.0
                var violationSum = 0.0
                for s in 0..<activeSize {
                    index.swapAt(s, s + rng.nextInt(below: activeSize - s))
                }
                var s = 0
                while s < activeSize {
                    let i = index[s]
                    let row = i * d
                    var g = -y[i] + lambda * beta[i] + wBias * (bias > 0 ? bias : 0)
                    for j in 0..<d { g += w[j] * values[row + j] }
                    let h = diagonal[i]
                    let gp = g + p, gn = g - p
                    var violation = 0.0
                    var shrink = false
                    if beta[i] == 0 {
                        if gp < 0 { violation = -gp }
                        else if gn > 0 { violation = gn }
                        else if gp > largestViolationOld && gn < -largestViolationOld { shrink = true }
                    } else if beta[i] >= upper {
                        if gp > 0 { violation = gp }
                        else if gp < -largestViolationOld { shrink = true }
                    } else if beta[i] <= -upper {
                        if gn < 0 { violation = -gn }
                        else if gn > largestViolationOld { shrink = true }
                    } else if beta[i] > 0 {
                        violation = abs(gp)
                    } else {
                        violation = abs(gn)
                    }
                    if shrink {
                        activeSize -= 1
                        index.swapAt(s, activeSize)
                        continue   // index[s] is now an unvisited variable
                    }
                    largestViolation = max(largestViolation, violation)
                    violationSum += violation

                    // The minimiser of the piecewise quadratic in βᵢ: the kink at 0 splits
                    // it into the ε-shifted gradients gp (β > 0) and gn (β < 0).
                    var step: Double
                    if gp < h * beta[i] { step = -gp / h }
                    else if gn > h * beta[i] { step = -gn / h }
                    else { step = -beta[i] }
                    s += 1
                    if abs(step) < 1e-12 { continue }
                    let old = beta[i]
                    beta[i] = min(max(old + step, -upper), upper)
                    step = beta[i] - old
                    if step != 0 {
                        for j in 0..<d { w[j] += step * values[row + j] }
                        if bias > 0 { wBias += step * bias }
                    }
                }
                if iteration == 0 { initialViolationSum = violationSum }
                iteration += 1
                if violationSum <= tolerance * initialViolationSum {
                    if activeSize == n { converged = true; break }
                    // Converged on the shrunk set only: check again over every variable.
                    activeSize = n
                    largestViolationOld = .infinity
                    continue
                }
                largestViolationOld = largestViolation
            }
        }
        return Solution(weights: w, biasWeight: wBias, dual: beta, iterations: iteration, converged: converged)
    }
}
