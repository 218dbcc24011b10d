/// The result of one ε-SVR dual solve.
public struct SVRSolution: Sendable {
    /// βᵢ = αᵢ − αᵢ₊ₙ per training sample; the support vectors are the nonzero ones.
    public let coefficients: [Double]
    /// The bias term as libsvm stores it: f(x) = Σ βᵢ K(xᵢ, x) − ρ.
    public let rho: Double
    public let iterations: Int
    /// True when `maxIterations` stopped the solver before the tolerance was met.
    public let reachedIterationLimit: Bool
    /// The largest value the solver compared against C along its whole path (clipping
    /// tests, and every α that set a bound status). For any C′ above it the path never
    /// touches the box's upper side, so a solve with C′ takes exactly the same steps and
    /// returns this same solution (DyNAS-T's C grid reuses it).
    public let largestBoxComparison: Double
}

/// Sequential minimal optimisation for the ε-SVR dual, step for step as libsvm.
///
/// ```swift
/// let km = KernelMatrix(x, kernel: .rbf(gamma: 0.2))
/// let s = SMOSolver.solveEpsilonSVR(kernel: km, targets: y, c: 10, epsilon: 0.01)
/// ```
///
/// Fan, Chen & Lin, "Working set selection using second order information for training
/// SVM", JMLR 6 (2005), as implemented in libsvm's `Solver` and vendored by scikit-learn
/// (sklearn/svm/src/libsvm/svm.cpp). The dual has 2n variables (α, α*); index t < n carries
/// y = +1, t ≥ n carries y = −1, both on kernel row t mod n (REGRESSORS.md B.2–B.5).
///
/// Agreement with scikit-learn at its default tol = 1e-3 needs libsvm's exact path, so
/// this port keeps its quirks on purpose: Q entries rounded to Float and widened back,
/// ties in working-set selection going to the last index (`>=` / `<=`), the shrinking
/// schedule (every min(2n, 1000) iterations, one unshrink at 10·tol), and every swap of
/// the active-set permutation carrying all per-variable state.
/// - Complexity: O(n) per iteration (two kernel rows, one gradient update, one scan);
///   iterations grow roughly with n·C. Memory O(n) beyond the kernel matrix.
public enum SMOSolver {
    /// Solves the ε-SVR dual on a precomputed kernel matrix.
    /// - Parameters:
    ///   - maxIterations: `nil` = unlimited (scikit-learn's `max_iter=-1`).
    public static func solveEpsilonSVR(kernel: KernelMatrix, targets: [Double], c: Double, epsilon: Double,
                                       tolerance: Double = 1e-3, shrinking: Bool = true,
                                       maxIterations: Int? = nil) -> SVRSolution {
        precondition(kernel.count == targets.count, "kernel matrix and targets differ in size")
        let state = SMOState(kernel: kernel, targets: targets, c: c, epsilon: epsilon,
                             tolerance: tolerance, shrinking: shrinking)
        return state.solve(maxIterations: maxIterations)
    }
}

/// Mutable solver state in manually managed buffers: the inner loops touch a dozen
/// arrays per iteration and must not pay for bounds checks or copy-on-write tests.
private final class SMOState {
    static let lower: UInt8 = 0, upper: UInt8 = 1, free: UInt8 = 2
    static let tau = 1e-12

    let n: Int
    let l: Int
    let c: Double
    let tolerance: Double
    let shrinking: Bool
    let kernel: UnsafeMutablePointer<Float>

    var activeSize: Int
    var unshrink = false
    /// The largest value the run compared against C (clipping tests and bound statuses).
    var largestBoxComparison = 0.0
    // Per-variable state, all permuted together by `swap`.
    let alpha: UnsafeMutablePointer<Double>
    let gradient: UnsafeMutablePointer<Double>
    let gradientBar: UnsafeMutablePointer<Double>
    let linear: UnsafeMutablePointer<Double>
    let quadDiagonal: UnsafeMutablePointer<Double>
    let sign: UnsafeMutablePointer<Int8>
    /// `sign` as ±1.0, so the scans multiply instead of branching (multiplying by ±1 is exact).
    let signValue: UnsafeMutablePointer<Double>
    let status: UnsafeMutablePointer<UInt8>
    /// Membership of libsvm's I_up (αₜ may move up along yₜ: the i candidates) and I_low
    /// (the j candidates), kept with `status` so the scans test one byte.
    let inUp: UnsafeMutablePointer<Bool>
    let inLow: UnsafeMutablePointer<Bool>
    let kernelIndex: UnsafeMutablePointer<Int>
    let original: UnsafeMutablePointer<Int>
    // Scratch rows of Q.
    let rowI: UnsafeMutablePointer<Double>
    let rowJ: UnsafeMutablePointer<Double>
    /// Scratch: each active variable's I_up score in the current selection.
    let scores: UnsafeMutablePointer<Double>

    init(kernel km: KernelMatrix, targets: [Double], c: Double, epsilon: Double, tolerance: Double, shrinking: Bool) {
        n = km.count
        l = 2 * n
        self.c = c
        self.tolerance = tolerance
        self.shrinking = shrinking
        kernel = .allocate(capacity: km.values.count)
        kernel.initialize(from: km.values, count: km.values.count)
        activeSize = l
        alpha = .allocate(capacity: l); alpha.initialize(repeating: 0, count: l)
        gradient = .allocate(capacity: l)
        gradientBar = .allocate(capacity: l); gradientBar.initialize(repeating: 0, count: l)
        linear = .allocate(capacity: l)
        quadDiagonal = .allocate(capacity: l)
        sign = .allocate(capacity: l)
        signValue = .allocate(capacity: l)
        status = .allocate(capacity: l); status.initialize(repeating: Self.lower, count: l)
        inUp = .allocate(capacity: l)
        inLow = .allocate(capacity: l)
        kernelIndex = .allocate(capacity: l)
        original = .allocate(capacity: l)
        rowI = .allocate(capacity: l); rowI.initialize(repeating: 0, count: l)
        rowJ = .allocate(capacity: l); rowJ.initialize(repeating: 0, count: l)
        scores = .allocate(capacity: l); scores.initialize(repeating: 0, count: l)
        for i in 0..<n {
            linear[i] = epsilon - targets[i]
            linear[i + n] = epsilon + targets[i]
            sign[i] = 1
            sign[i + n] = -1
            signValue[i] = 1
            signValue[i + n] = -1
            kernelIndex[i] = i
            kernelIndex[i + n] = i
            quadDiagonal[i] = km.diagonal[i]
            quadDiagonal[i + n] = km.diagonal[i]
        }
        for t in 0..<l {
            original[t] = t
            gradient[t] = linear[t]
            updateMembership(t)
        }
    }

    deinit {
        alpha.deallocate(); gradient.deallocate(); gradientBar.deallocate(); linear.deallocate()
        quadDiagonal.deallocate(); sign.deallocate(); signValue.deallocate(); status.deallocate()
        inUp.deallocate(); inLow.deallocate(); kernelIndex.deallocate()
        original.deallocate(); rowI.deallocate(); rowJ.deallocate(); scores.deallocate(); kernel.deallocate()
    }

    @inline(__always) func isUpper(_ t: Int) -> Bool { status[t] == Self.upper }
    @inline(__always) func isLower(_ t: Int) -> Bool { status[t] == Self.lower }
    @inline(__always) func isFree(_ t: Int) -> Bool { status[t] == Self.free }

    @inline(__always) func updateStatus(_ t: Int) {
        if alpha[t] >= c { status[t] = Self.upper }
        else if alpha[t] <= 0 { status[t] = Self.lower }
        else { status[t] = Self.free }
        updateMembership(t)
    }

    @inline(__always) func updateMembership(_ t: Int) {
        inUp[t] = sign[t] == 1 ? !isUpper(t) : !isLower(t)
        inLow[t] = sign[t] == 1 ? !isLower(t) : !isUpper(t)
    }

    /// Fills `row[start..<end]` with Q_{t,u} = y_t y_u Float(K), widened to Double.
    @inline(__always) func fillRow(_ t: Int, _ row: UnsafeMutablePointer<Double>, from start: Int, to end: Int) {
        guard start < end else { return }
        // Multiplying by ±1 is exact, so this equals libsvm's sign flip without a branch.
        let st = Double(sign[t])
        let k = kernel + kernelIndex[t] * n
        for u in start..<end {
            row[u] = Double(k[kernelIndex[u]]) * (st * Double(sign[u]))
        }
    }

    func swap(_ a: Int, _ b: Int) {
        guard a != b else { return }
        Swift.swap(&alpha[a], &alpha[b])
        Swift.swap(&gradient[a], &gradient[b])
        Swift.swap(&gradientBar[a], &gradientBar[b])
        Swift.swap(&linear[a], &linear[b])
        Swift.swap(&quadDiagonal[a], &quadDiagonal[b])
        Swift.swap(&sign[a], &sign[b])
        Swift.swap(&signValue[a], &signValue[b])
        Swift.swap(&status[a], &status[b])
        Swift.swap(&inUp[a], &inUp[b])
        Swift.swap(&inLow[a], &inLow[b])
        Swift.swap(&kernelIndex[a], &kernelIndex[b])
        Swift.swap(&original[a], &original[b])
    }

    /// WSS 3 of Fan et al.; leaves Q_i (for the active set) in `rowI`.
    ///
    /// libsvm's branches on yₜ are folded into arithmetic: −yₜGₜ is −G for y = +1 and G
    /// for y = −1; with Kᵢₜ the kernel entry, Qᵢₜ = yᵢyₜKᵢₜ and libsvm's
    /// `QD[i] + QD[t] ∓ 2·yᵢ·Qᵢₜ` is `QD[i] + QD[t] − 2Kᵢₜ` in both branches, bit for bit
    /// (sign flips and doubling are exact), so the selected pair is libsvm's.
    func selectWorkingSet() -> (Int, Int)? {
        var gMax = -Double.infinity, gMax2 = -Double.infinity
        var iBest = -1
        // libsvm keeps the last index of the maximum (`>=`). Maxima do not depend on the
        // order of comparison, so both libsvm maxima (over I_up for i, over I_low for
        // gMax2) are taken here with four independent chains each; then the last index
        // holding gMax is found from the end. Outside a set a variable scores −∞; an
        // all-−∞ I_up means it is empty.
        var u0 = -Double.infinity, u1 = -Double.infinity, u2 = -Double.infinity, u3 = -Double.infinity
        var l0 = -Double.infinity, l1 = -Double.infinity, l2 = -Double.infinity, l3 = -Double.infinity
        @inline(__always) func up(_ t: Int, _ yg: Double) -> Double { inUp[t] ? -yg : -Double.infinity }
        @inline(__always) func low(_ t: Int, _ yg: Double) -> Double { inLow[t] ? yg : -Double.infinity }
        var t = 0
        while t + 4 <= activeSize {
            let g0 = signValue[t] * gradient[t], g1 = signValue[t + 1] * gradient[t + 1]
            let g2 = signValue[t + 2] * gradient[t + 2], g3 = signValue[t + 3] * gradient[t + 3]
            let v0 = up(t, g0), v1 = up(t + 1, g1), v2 = up(t + 2, g2), v3 = up(t + 3, g3)
            scores[t] = v0; scores[t + 1] = v1; scores[t + 2] = v2; scores[t + 3] = v3
            u0 = v0 > u0 ? v0 : u0; u1 = v1 > u1 ? v1 : u1
            u2 = v2 > u2 ? v2 : u2; u3 = v3 > u3 ? v3 : u3
            let w0 = low(t, g0), w1 = low(t + 1, g1), w2 = low(t + 2, g2), w3 = low(t + 3, g3)
            l0 = w0 > l0 ? w0 : l0; l1 = w1 > l1 ? w1 : l1
            l2 = w2 > l2 ? w2 : l2; l3 = w3 > l3 ? w3 : l3
            t += 4
        }
        while t < activeSize {
            let g = signValue[t] * gradient[t]
            let v = up(t, g), w = low(t, g)
            scores[t] = v
            u0 = v > u0 ? v : u0
            l0 = w > l0 ? w : l0
            t += 1
        }
        gMax = max(max(u0, u1), max(u2, u3))
        gMax2 = max(max(l0, l1), max(l2, l3))
        guard gMax > -Double.infinity else { return nil }
        t = activeSize - 1
        while scores[t] != gMax { t -= 1 }
        iBest = t
        let i = iBest
        let qdI = quadDiagonal[i]
        let yi = signValue[i]
        let kernelRow = kernel + kernelIndex[i] * n
        var jBest = -1
        var objectiveMin = Double.infinity
        // A candidate can only win when (gradDiff²/quad) ≥ −objectiveMin; `threshold` is
        // that bound lowered by 1e-12 relative, far more than the rounding of the product
        // and the quotient, so the division (the slow step) is skipped only for losers.
        var threshold = -Double.infinity
        for t in 0..<activeSize {
            let k = Double(kernelRow[kernelIndex[t]])
            rowI[t] = k * (yi * signValue[t])
            // Outside I_low: −∞, so gradDiff is not positive.
            let v = inLow[t] ? signValue[t] * gradient[t] : -Double.infinity
            let gradDiff = gMax + v
            if gradDiff > 0 {
                let quad = qdI + quadDiagonal[t] - 2.0 * k
                let denominator = quad > 0 ? quad : Self.tau
                let numerator = gradDiff * gradDiff
                if numerator >= threshold * denominator {
                    let obj = -numerator / denominator
                    if obj <= objectiveMin {
                        jBest = t
                        objectiveMin = obj
                        threshold = -objectiveMin * (1 - 1e-12)
                    }
                }
            }
        }
        if gMax + gMax2 < tolerance || jBest == -1 { return nil }
        return (i, jBest)
    }

    func beShrunk(_ t: Int, _ gMax1: Double, _ gMax2: Double) -> Bool {
        if isUpper(t) {
            return sign[t] == 1 ? -gradient[t] > gMax1 : -gradient[t] > gMax2
        } else if isLower(t) {
            return sign[t] == 1 ? gradient[t] > gMax2 : gradient[t] > gMax1
        }
        return false
    }

    func doShrinking() {
        var gMax1 = -Double.infinity, gMax2 = -Double.infinity
        for t in 0..<activeSize {
            if sign[t] == 1 {
                if !isUpper(t) && -gradient[t] >= gMax1 { gMax1 = -gradient[t] }
                if !isLower(t) && gradient[t] >= gMax2 { gMax2 = gradient[t] }
            } else {
                if !isUpper(t) && -gradient[t] >= gMax2 { gMax2 = -gradient[t] }
                if !isLower(t) && gradient[t] >= gMax1 { gMax1 = gradient[t] }
            }
        }
        if !unshrink && gMax1 + gMax2 <= tolerance * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        var t = 0
        while t < activeSize {
            if beShrunk(t, gMax1, gMax2) {
                activeSize -= 1
                while activeSize > t {
                    if !beShrunk(activeSize, gMax1, gMax2) {
                        swap(t, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            t += 1
        }
    }

    func reconstructGradient() {
        guard activeSize < l else { return }
        for u in activeSize..<l { gradient[u] = gradientBar[u] + linear[u] }
        var freeCount = 0
        for u in 0..<activeSize where isFree(u) { freeCount += 1 }
        // libsvm picks the loop order that touches fewer kernel entries.
        if freeCount * l > 2 * activeSize * (l - activeSize) {
            for t in activeSize..<l {
                fillRow(t, rowI, from: 0, to: activeSize)
                for u in 0..<activeSize where isFree(u) { gradient[t] += alpha[u] * rowI[u] }
            }
        } else {
            for t in 0..<activeSize where isFree(t) {
                fillRow(t, rowI, from: activeSize, to: l)
                let a = alpha[t]
                for u in activeSize..<l { gradient[u] += a * rowI[u] }
            }
        }
    }

    func calculateRho() -> Double {
        var upperBound = Double.infinity, lowerBound = -Double.infinity
        var freeCount = 0
        var freeSum = 0.0
        for t in 0..<activeSize {
            let yG = Double(sign[t]) * gradient[t]
            if isUpper(t) {
                if sign[t] == -1 { upperBound = min(upperBound, yG) } else { lowerBound = max(lowerBound, yG) }
            } else if isLower(t) {
                if sign[t] == 1 { upperBound = min(upperBound, yG) } else { lowerBound = max(lowerBound, yG) }
            } else {
                freeCount += 1
                freeSum += yG
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
            var pair = selectWorkingSet()
            if pair == nil {
                reconstructGradient()
                activeSize = l
                pair = selectWorkingSet()
                guard pair != nil else { break }
                counter = 1
            }
            guard let (i, j) = pair else { break }
            iterations += 1
            // rowI already holds Q_i over the active set; takeStep fills Q_j as it goes.
            takeStep(i, j)
        }
        if hitLimit && activeSize < l {
            reconstructGradient()
            activeSize = l
        }
        let rho = calculateRho()
        var alphaOriginal = [Double](repeating: 0, count: l)
        for t in 0..<l { alphaOriginal[original[t]] = alpha[t] }
        let beta = (0..<n).map { alphaOriginal[$0] - alphaOriginal[$0 + n] }
        return SVRSolution(coefficients: beta, rho: rho, iterations: iterations, reachedIterationLimit: hitLimit,
                           largestBoxComparison: largestBoxComparison)
    }

    /// The analytic two-variable update with libsvm's clipping order, then the gradient
    /// and Ḡ bookkeeping.
    func takeStep(_ i: Int, _ j: Int) {
        let oldI = alpha[i], oldJ = alpha[j]
        var ai = oldI, aj = oldJ
        let ci = c, cj = c
        if sign[i] != sign[j] {
            var quad = quadDiagonal[i] + quadDiagonal[j] + 2 * rowI[j]
            if quad <= 0 { quad = SMOState.tau }
            let delta = (-gradient[i] - gradient[j]) / quad
            let diff = ai - aj
            ai += delta
            aj += delta
            if diff > 0 {
                if aj < 0 { aj = 0; ai = diff }
            } else {
                if ai < 0 { ai = 0; aj = -diff }
            }
            largestBoxComparison = max(largestBoxComparison, ai, aj)
            if diff > ci - cj {
                if ai > ci { ai = ci; aj = ci - diff }
            } else {
                if aj > cj { aj = cj; ai = cj + diff }
            }
        } else {
            var quad = quadDiagonal[i] + quadDiagonal[j] - 2 * rowI[j]
            if quad <= 0 { quad = SMOState.tau }
            let delta = (gradient[i] - gradient[j]) / quad
            let sum = ai + aj
            ai -= delta
            aj += delta
            largestBoxComparison = max(largestBoxComparison, sum, ai, aj)
            if sum > ci {
                if ai > ci { ai = ci; aj = sum - ci }
            } else {
                if aj < 0 { aj = 0; ai = sum }
            }
            largestBoxComparison = max(largestBoxComparison, ai, aj)
            if sum > cj {
                if aj > cj { aj = cj; ai = sum - cj }
            } else {
                if ai < 0 { ai = 0; aj = sum }
            }
        }
        alpha[i] = ai
        alpha[j] = aj
        largestBoxComparison = max(largestBoxComparison, ai, aj)
        let dI = ai - oldI, dJ = aj - oldJ
        // Q_j is gathered in the same pass that uses it (as `fillRow` would fill it).
        let yj = signValue[j]
        let kernelRowJ = kernel + kernelIndex[j] * n
        for k in 0..<activeSize {
            let qj = Double(kernelRowJ[kernelIndex[k]]) * (yj * signValue[k])
            rowJ[k] = qj
            gradient[k] += rowI[k] * dI + qj * dJ
        }

        let wasUpperI = isUpper(i), wasUpperJ = isUpper(j)
        updateStatus(i)
        updateStatus(j)
        if wasUpperI != isUpper(i) {
            fillRow(i, rowI, from: activeSize, to: l)
            if wasUpperI { for k in 0..<l { gradientBar[k] -= ci * rowI[k] } }
            else { for k in 0..<l { gradientBar[k] += ci * rowI[k] } }
        }
        if wasUpperJ != isUpper(j) {
            fillRow(j, rowJ, from: activeSize, to: l)
            if wasUpperJ { for k in 0..<l { gradientBar[k] -= cj * rowJ[k] } }
            else { for k in 0..<l { gradientBar[k] += cj * rowJ[k] } }
        }
    }
}
