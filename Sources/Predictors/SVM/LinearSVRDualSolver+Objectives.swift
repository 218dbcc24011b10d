/// The primal and dual objectives of linear SVR, for checking a solution: by weak duality
/// P(ŵ) ≥ −f(β) for every feasible β and any ŵ, with equality only at the optimum, so
/// P(ŵ(β)) + f(β) is a certificate of how far a fit is from optimal (Ho & Lin 2012, §2).
/// - Complexity: O(n·d) each.
extension LinearSVRDualSolver {
    /// ½‖ŵ‖² + C Σᵢ ℓ(yᵢ − ŵᵀx̂ᵢ), the bias weight included in the norm.
    func primalObjective(weights w: [Double], biasWeight: Double) -> Double {
        let n = x.rows, d = x.columns
        var objective = 0.5 * biasWeight * biasWeight
        for j in 0..<d { objective += 0.5 * w[j] * w[j] }
        for i in 0..<n {
            var prediction = bias > 0 ? biasWeight * bias : 0
            for j in 0..<d { prediction += w[j] * x.values[i * d + j] }
            let excess = max(0, abs(y[i] - prediction) - epsilon)
            objective += c * (loss == .squaredEpsilonInsensitive ? excess * excess : excess)
        }
        return objective
    }

    /// f(β) = ½ βᵀ(Q + λI)β − yᵀβ + ε‖β‖₁ (the function the solver minimises), computed
    /// through ŵ = Σ βᵢ x̂ᵢ so that βᵀQβ = ‖ŵ‖².
    func dualObjective(_ beta: [Double]) -> Double {
        let n = x.rows, d = x.columns
        var w = [Double](repeating: 0, count: d)
        var wBias = 0.0
        var objective = 0.0
        for i in 0..<n {
            for j in 0..<d { w[j] += beta[i] * x.values[i * d + j] }
            if bias > 0 { wBias += beta[i] * bias }
            objective += 0.5 * diagonalShift * beta[i] * beta[i] - y[i] * beta[i] + epsilon * abs(beta[i])
        }
        var squaredNorm = wBias * wBias
        for j in 0..<d { squaredNorm += w[j] * w[j] }
        return objective + 0.5 * squaredNorm
    }
}
