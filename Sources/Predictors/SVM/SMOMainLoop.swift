internal import SIMDKernels

/// libsvm's `Solver::Solve` main loop, shared by the two solver states (`SMOState` on 2n
/// variables, `PairedSMOState` on n pairs): the shrinking schedule (every min(2n, 1000)
/// iterations), the full unshrink when the active set has no violating pair left, and the
/// iteration limit. The states differ only in how they store the variables.
protocol SMOMainLoop: AnyObject {
    /// libsvm's number of variables, 2n.
    var l: Int { get }
    var activeSize: Int { get }
    var shrinking: Bool { get }
    /// The selection maxima over the active set, when the last pass computed them.
    var maxima: smo_maxima? { get set }
    func computeMaxima() -> smo_maxima
    /// WSS 3's working pair given the maxima, or nil when none violates the tolerance.
    func selectWorkingSet(_ maxima: smo_maxima) -> (Int, Int)?
    /// libsvm's `do_shrinking`.
    func doShrinking()
    /// libsvm's `reconstruct_gradient`.
    func reconstructGradient()
    /// Makes every variable active again (after `reconstructGradient`).
    func activateAll()
    func takeStep(_ i: Int, _ j: Int)
    /// What ρ needs of the variable at libsvm position `p`: its bound, its sign, yG.
    func rhoTerm(position p: Int) -> (upper: Bool, lower: Bool, positive: Bool, signedGradient: Double)
    /// ρ and the dual variables in the caller's order, once the loop has stopped.
    func solution(iterations: Int, reachedIterationLimit: Bool) -> SVRSolution
}

extension SMOMainLoop {
    func select() -> (Int, Int)? {
        let m = maxima ?? computeMaxima()
        maxima = m
        return selectWorkingSet(m)
    }

    /// libsvm's `calculate_rho`: the mean yG of the free variables, in position order, or
    /// the middle of the bounds' range when none is free.
    func calculateRho() -> Double {
        var upperBound = Double.infinity, lowerBound = -Double.infinity
        var freeCount = 0
        var freeSum = 0.0
        for p in 0..<activeSize {
            let v = rhoTerm(position: p)
            if v.upper {
                if !v.positive { upperBound = min(upperBound, v.signedGradient) } else { lowerBound = max(lowerBound, v.signedGradient) }
            } else if v.lower {
                if v.positive { upperBound = min(upperBound, v.signedGradient) } else { lowerBound = max(lowerBound, v.signedGradient) }
            } else {
                freeCount += 1
                freeSum += v.signedGradient
            }
        }
        return freeCount > 0 ? freeSum / Double(freeCount) : (upperBound + lowerBound) / 2
    }

    func solve(maxIterations: Int?) -> SVRSolution {
        var iterations = 0
        var counter = min(l, 1000) + 1
        var hitLimit = false
        while true {
            if let limit = maxIterations, iterations >= limit { hitLimit = true; break }
            counter -= 1
            if counter == 0 {
                counter = min(l, 1000)
                if shrinking { doShrinking() }
            }
            var pair = select()
            if pair == nil {
                reconstructGradient()
                activateAll()
                pair = select()
                guard pair != nil else { break }
                counter = 1
            }
            guard let (i, j) = pair else { break }
            iterations += 1
            takeStep(i, j)
        }
        if hitLimit && activeSize < l {
            reconstructGradient()
            activateAll()
        }
        return solution(iterations: iterations, reachedIterationLimit: hitLimit)
    }
}
