internal import SIMDKernels

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
    /// The 2n dual variables (α then α*), for a warm start at another C.
    public let dualVariables: [Double]
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
/// the active-set permutation carrying all per-variable state. At ε = 0 (the DyNAS-T
/// grid's every solve) the same path is computed on n sample pairs
/// (`PairedSMOState`), whose two variables share one gradient: half the work per step.
/// - Complexity: O(n) per iteration (two kernel rows, one gradient update, one scan);
///   iterations grow roughly with n·C. Memory: the kernel matrix with each column twice
///   (n × 2n Floats), and O(n).
public enum SMOSolver {
    /// Solves the ε-SVR dual on a precomputed kernel matrix.
    /// - Parameters:
    ///   - maxIterations: `nil` = unlimited (scikit-learn's `max_iter=-1`).
    ///   - start: 2n dual variables to start from (`SVRSolution.dualVariables` of a solve
    ///     on the same data with a C no larger than `c`), as libsvm's `Solver::Solve`
    ///     starts from a given α; `nil` starts from α = 0, as scikit-learn always does.
    ///     A warm start ends at another point within the tolerance than a cold one does,
    ///     so it is only for the named inexact variant (`DynastPredictor`'s
    ///     `warmStartsAcrossC`).
    public static func solveEpsilonSVR(kernel: KernelMatrix, targets: [Double], c: Double, epsilon: Double,
                                       tolerance: Double = 1e-3, shrinking: Bool = true,
                                       maxIterations: Int? = nil, start: [Double]? = nil) -> SVRSolution {
        precondition(kernel.count == targets.count, "kernel matrix and targets differ in size")
        precondition(start == nil || start?.count == 2 * targets.count, "a warm start needs 2n dual variables")
        // ε = 0 (DyNAS-T's grid): the same path on n pairs, half the work.
        if epsilon == 0 {
            let state = PairedSMOState(kernel: kernel, targets: targets, c: c, tolerance: tolerance, shrinking: shrinking)
            if let start { state.start(from: start) }
            return state.solve(maxIterations: maxIterations)
        }
        return solveOnVariables(kernel: kernel, targets: targets, c: c, epsilon: epsilon, tolerance: tolerance,
                                shrinking: shrinking, maxIterations: maxIterations, start: start)
    }

    /// The solve on libsvm's 2n variables, for any ε and start. `solveEpsilonSVR` leaves it
    /// for ε = 0, where `PairedSMOState` gives the same bits; tests hold the two equal
    /// through this entry point.
    static func solveOnVariables(kernel: KernelMatrix, targets: [Double], c: Double, epsilon: Double,
                                 tolerance: Double, shrinking: Bool, maxIterations: Int?,
                                 start: [Double]?) -> SVRSolution {
        let state = SMOState(kernel: kernel, targets: targets, c: c, epsilon: epsilon,
                             tolerance: tolerance, shrinking: shrinking)
        if let start { state.start(from: start) }
        return state.solve(maxIterations: maxIterations)
    }

    /// libsvm's analytic update of the working pair (i, j) in `Solver::Solve`, with its
    /// clipping order, from their α, gradients G, diagonal entries QD and Qᵢⱼ; returns the
    /// new αᵢ, αⱼ. Both states use it. `largestBoxComparison` grows by every value the
    /// clipping compares against C (`SVRSolution.largestBoxComparison`).
    /// libsvm's `TAU`: the curvature a non-positive one is replaced by.
    static let tau = 1e-12

    @inline(__always)
    static func twoVariableStep(alphaI: Double, alphaJ: Double, gradientI: Double, gradientJ: Double,
                                quadI: Double, quadJ: Double, qIJ: Double, sameSign: Bool, c: Double,
                                largestBoxComparison: inout Double) -> (Double, Double) {
        var ai = alphaI, aj = alphaJ
        let ci = c, cj = c
        if !sameSign {
            var quad = quadI + quadJ + 2 * qIJ
            if quad <= 0 { quad = SMOSolver.tau }
            let delta = (-gradientI - gradientJ) / quad
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
            var quad = quadI + quadJ - 2 * qIJ
            if quad <= 0 { quad = SMOSolver.tau }
            let delta = (gradientI - gradientJ) / quad
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
        largestBoxComparison = max(largestBoxComparison, ai, aj)
        return (ai, aj)
    }
}

/// Mutable solver state in manually managed buffers: the inner loops touch a dozen
/// arrays per iteration and must not pay for bounds checks or copy-on-write tests.
///
/// Two representations make an iteration cheaper than libsvm's without changing one bit:
/// - The gradient is kept multiplied by each variable's sign, hₜ = yₜGₜ (and Ḡ likewise).
///   libsvm's scans read yₜGₜ anyway, and its update Gₖ += Qᵢₖ·Δαᵢ + Qⱼₖ·Δαⱼ, with
///   Qᵢₖ = yᵢyₖKᵢₖ, becomes hₖ += Kᵢₖ·(yᵢΔαᵢ) + Kⱼₖ·(yⱼΔαⱼ): multiplying by ±1 is exact and
///   rounding is symmetric about zero, so hₖ is bit for bit yₖ times libsvm's Gₖ (but for
///   the sign of an exact zero, which no comparison here tells apart).
/// - The kernel is kept with its columns in the active-set order (`kernelColumns`, n × 2n
///   Floats; libsvm's `swap_index` permutes them with the variables), so a kernel row over
///   the active set is contiguous instead of a gather.
/// The maxima the next working-set selection needs are taken in the same pass as the
/// gradient update (`takeStep`), so each iteration reads the variables twice, not three times.
/// Those two passes, and the maxima alone after shrinking, are SIMDKernels' C functions (SMOKernels.c):
/// eight variables at a time, in the widest vector build the processor runs
/// (`SIMDVariant`), every build giving the same bits.
private final class SMOState: SMOMainLoop {
    static let lower: UInt8 = 0, upper: UInt8 = 1, free: UInt8 = 2

    let n: Int
    let l: Int
    let c: Double
    let tolerance: Double
    let shrinking: Bool
    /// K(r, kernelIndex[t]) as libsvm's Float cache holds it, at `r * l + t`.
    let kernelColumns: UnsafeMutablePointer<Float>

    var activeSize: Int
    var unshrink = false
    /// The largest value the run compared against C (clipping tests and bound statuses).
    var largestBoxComparison = 0.0
    /// The selection maxima over the current active set, when the last pass computed them.
    var maxima: smo_maxima?
    // Per-variable state, all permuted together by `swap`.
    let alpha: UnsafeMutablePointer<Double>
    /// hₜ = yₜGₜ.
    let signedGradient: UnsafeMutablePointer<Double>
    /// yₜḠₜ.
    let signedGradientBar: UnsafeMutablePointer<Double>
    /// yₜpₜ, the linear term times the sign.
    let signedLinear: UnsafeMutablePointer<Double>
    let quadDiagonal: UnsafeMutablePointer<Double>
    /// yₜ as ±1.0.
    let sign: UnsafeMutablePointer<Double>
    let status: UnsafeMutablePointer<UInt8>
    /// Membership of libsvm's I_up (αₜ may move up along yₜ: the i candidates) and I_low
    /// (the j candidates), kept with `status` as 0 (in) or −∞ (out), added to the score:
    /// the scans then have no per-variable branch. (A score of −0 becomes +0 this way;
    /// the two compare equal, and no sum or test below tells them apart.)
    let upBias: UnsafeMutablePointer<Double>
    let lowBias: UnsafeMutablePointer<Double>
    let kernelIndex: UnsafeMutablePointer<Int>
    let original: UnsafeMutablePointer<Int>

    init(kernel km: KernelMatrix, targets: [Double], c: Double, epsilon: Double, tolerance: Double, shrinking: Bool) {
        n = km.count
        l = 2 * n
        self.c = c
        self.tolerance = tolerance
        self.shrinking = shrinking
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: n * l)
        km.values.withUnsafeBufferPointer { k in
            guard let base = k.baseAddress else { return }
            // Variables t and t + n both start on kernel column t.
            for r in 0..<km.count {
                (columns + r * 2 * km.count).initialize(from: base + r * km.count, count: km.count)
                (columns + r * 2 * km.count + km.count).initialize(from: base + r * km.count, count: km.count)
            }
        }
        kernelColumns = columns
        activeSize = l
        alpha = .allocate(capacity: l); alpha.initialize(repeating: 0, count: l)
        signedGradient = .allocate(capacity: l)
        signedGradientBar = .allocate(capacity: l); signedGradientBar.initialize(repeating: 0, count: l)
        signedLinear = .allocate(capacity: l)
        quadDiagonal = .allocate(capacity: l)
        sign = .allocate(capacity: l)
        status = .allocate(capacity: l); status.initialize(repeating: Self.lower, count: l)
        upBias = .allocate(capacity: l)
        lowBias = .allocate(capacity: l)
        kernelIndex = .allocate(capacity: l)
        original = .allocate(capacity: l)
        for i in 0..<n {
            // libsvm: p = ε − y (y = +1) and ε + y (y = −1); stored times the sign.
            signedLinear[i] = epsilon - targets[i]
            signedLinear[i + n] = -(epsilon + targets[i])
            sign[i] = 1
            sign[i + n] = -1
            kernelIndex[i] = i
            kernelIndex[i + n] = i
            quadDiagonal[i] = km.diagonal[i]
            quadDiagonal[i + n] = km.diagonal[i]
        }
        for t in 0..<l {
            original[t] = t
            signedGradient[t] = signedLinear[t]
            updateMembership(t)
        }
    }

    deinit {
        alpha.deallocate(); signedGradient.deallocate(); signedGradientBar.deallocate(); signedLinear.deallocate()
        quadDiagonal.deallocate(); sign.deallocate(); status.deallocate()
        upBias.deallocate(); lowBias.deallocate(); kernelIndex.deallocate(); original.deallocate()
        kernelColumns.deallocate()
    }

    /// libsvm's `Solver::Solve` with a given α: statuses from α, then G = p + Qα and
    /// Ḡ = Σ over upper-bound variables of C·Qᵢ, adding variable by variable in index order.
    /// Values outside [0, C] are clipped into it.
    func start(from dual: [Double]) {
        for t in 0..<l {
            alpha[t] = min(max(dual[t], 0), c)
            largestBoxComparison = max(largestBoxComparison, alpha[t])
            updateStatus(t)
        }
        for t in 0..<l where !isLower(t) {
            let row = kernelRow(t)
            let step = alpha[t] * sign[t]
            for k in 0..<l { signedGradient[k] += step * Double(row[k]) }
            if isUpper(t) {
                let barStep = c * sign[t]
                for k in 0..<l { signedGradientBar[k] += barStep * Double(row[k]) }
            }
        }
    }

    @inline(__always) func isUpper(_ t: Int) -> Bool { status[t] == Self.upper }
    @inline(__always) func isLower(_ t: Int) -> Bool { status[t] == Self.lower }
    @inline(__always) func isFree(_ t: Int) -> Bool { status[t] == Self.free }
    /// libsvm's Gₜ.
    @inline(__always) func gradient(_ t: Int) -> Double { sign[t] * signedGradient[t] }
    /// The kernel row of variable t, indexed by variable position.
    @inline(__always) func kernelRow(_ t: Int) -> UnsafeMutablePointer<Float> { kernelColumns + kernelIndex[t] * l }

    @inline(__always) func updateStatus(_ t: Int) {
        if alpha[t] >= c { status[t] = Self.upper }
        else if alpha[t] <= 0 { status[t] = Self.lower }
        else { status[t] = Self.free }
        updateMembership(t)
    }

    @inline(__always) func updateMembership(_ t: Int) {
        let inUp = sign[t] == 1 ? !isUpper(t) : !isLower(t)
        let inLow = sign[t] == 1 ? !isLower(t) : !isUpper(t)
        upBias[t] = inUp ? 0 : -Double.infinity
        lowBias[t] = inLow ? 0 : -Double.infinity
    }

    func swap(_ a: Int, _ b: Int) {
        guard a != b else { return }
        Swift.swap(&alpha[a], &alpha[b])
        Swift.swap(&signedGradient[a], &signedGradient[b])
        Swift.swap(&signedGradientBar[a], &signedGradientBar[b])
        Swift.swap(&signedLinear[a], &signedLinear[b])
        Swift.swap(&quadDiagonal[a], &quadDiagonal[b])
        Swift.swap(&sign[a], &sign[b])
        Swift.swap(&status[a], &status[b])
        Swift.swap(&upBias[a], &upBias[b])
        Swift.swap(&lowBias[a], &lowBias[b])
        Swift.swap(&kernelIndex[a], &kernelIndex[b])
        Swift.swap(&original[a], &original[b])
        var column = kernelColumns
        for _ in 0..<n {
            Swift.swap(&column[a], &column[b])
            column += l
        }
    }

    func computeMaxima() -> smo_maxima {
        smo_compute_maxima(signedGradient, upBias, lowBias, Int64(activeSize))
    }

    /// WSS 3 of Fan et al., given the maxima over the active set.
    ///
    /// libsvm's branches on yₜ are folded into arithmetic: with Kᵢₜ the kernel entry,
    /// libsvm's `QD[i] + QD[t] ∓ 2·yᵢ·Qᵢₜ` is `QD[i] + QD[t] − 2Kᵢₜ` in both branches, bit
    /// for bit (sign flips and doubling are exact), so the selected pair is libsvm's. The
    /// scan for j is `smo_select_j` (SIMDKernels), eight variables at a time.
    func selectWorkingSet(_ maxima: smo_maxima) -> (Int, Int)? {
        let gMax = maxima.up, gMax2 = maxima.low
        guard gMax > -Double.infinity else { return nil }
        // libsvm checks the stopping rule after choosing j; nothing is kept from that scan,
        // so checking first returns the same answer.
        if gMax + gMax2 < tolerance { return nil }
        let i = Int(maxima.upIndex)
        let j = smo_select_j(signedGradient, lowBias, quadDiagonal, kernelRow(i), gMax, quadDiagonal[i], SMOSolver.tau,
                             Int64(activeSize))
        if j == -1 { return nil }
        return (i, Int(j))
    }

    func beShrunk(_ t: Int, _ gMax1: Double, _ gMax2: Double) -> Bool {
        let h = signedGradient[t]
        if isUpper(t) {
            return sign[t] == 1 ? -h > gMax1 : h > gMax2
        } else if isLower(t) {
            return sign[t] == 1 ? h > gMax2 : -h > gMax1
        }
        return false
    }

    func doShrinking() {
        // libsvm's two maxima here are the selection's: over I_up of −yG, over I_low of yG.
        let m = computeMaxima()
        let gMax1 = m.up, gMax2 = m.low
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
        maxima = nil
    }

    /// libsvm's `reconstruct_gradient`, in yG form: G = Ḡ + p, then the free variables'
    /// Σ αᵤQₜᵤ, whose terms are ±(αᵤKₜᵤ) with the sign of yₜyᵤ.
    func reconstructGradient() {
        guard activeSize < l else { return }
        for u in activeSize..<l { signedGradient[u] = signedGradientBar[u] + signedLinear[u] }
        var freeCount = 0
        for u in 0..<activeSize where isFree(u) { freeCount += 1 }
        // libsvm picks the loop order that touches fewer kernel entries.
        if freeCount * l > 2 * activeSize * (l - activeSize) {
            for t in activeSize..<l {
                let row = kernelRow(t)
                for u in 0..<activeSize where isFree(u) {
                    signedGradient[t] += alpha[u] * (Double(row[u]) * sign[u])
                }
            }
        } else {
            for t in 0..<activeSize where isFree(t) {
                let row = kernelRow(t)
                let a = alpha[t] * sign[t]
                for u in activeSize..<l { signedGradient[u] += a * Double(row[u]) }
            }
        }
        maxima = nil
    }

    func rhoTerm(position t: Int) -> (upper: Bool, lower: Bool, positive: Bool, signedGradient: Double) {
        (isUpper(t), isLower(t), sign[t] == 1, signedGradient[t])
    }

    func activateAll() {
        activeSize = l
        maxima = nil
    }

    func solution(iterations: Int, reachedIterationLimit: Bool) -> SVRSolution {
        let rho = calculateRho()
        var alphaOriginal = [Double](repeating: 0, count: l)
        for t in 0..<l { alphaOriginal[original[t]] = alpha[t] }
        let beta = (0..<n).map { alphaOriginal[$0] - alphaOriginal[$0 + n] }
        return SVRSolution(coefficients: beta, rho: rho, iterations: iterations,
                           reachedIterationLimit: reachedIterationLimit, largestBoxComparison: largestBoxComparison,
                           dualVariables: alphaOriginal)
    }

    /// The analytic two-variable update with libsvm's clipping order, then the gradient
    /// and Ḡ bookkeeping, and the next selection's maxima in the same pass.
    func takeStep(_ i: Int, _ j: Int) {
        let oldI = alpha[i], oldJ = alpha[j]
        let ci = c, cj = c
        let rowI = kernelRow(i), rowJ = kernelRow(j)
        // libsvm's Qᵢⱼ.
        let qIJ = Double(rowI[j]) * (sign[i] * sign[j])
        let (ai, aj) = SMOSolver.twoVariableStep(alphaI: oldI, alphaJ: oldJ, gradientI: gradient(i),
                                                 gradientJ: gradient(j), quadI: quadDiagonal[i],
                                                 quadJ: quadDiagonal[j], qIJ: qIJ, sameSign: sign[i] == sign[j],
                                                 c: c, largestBoxComparison: &largestBoxComparison)
        alpha[i] = ai
        alpha[j] = aj
        let stepI = sign[i] * (ai - oldI), stepJ = sign[j] * (aj - oldJ)
        let wasUpperI = isUpper(i), wasUpperJ = isUpper(j)
        // The statuses first: the maxima below are the next selection's, over the new sets.
        updateStatus(i)
        updateStatus(j)

        maxima = smo_update_gradient(signedGradient, rowI, rowJ, stepI, stepJ, upBias, lowBias, Int64(activeSize))

        // Ḡ changes by ±C·Qᵢₖ = ±C·yᵢyₖKᵢₖ, so yₖḠₖ changes by ±(C·yᵢ)·Kᵢₖ.
        if wasUpperI != isUpper(i) {
            let step = wasUpperI ? -(ci * sign[i]) : ci * sign[i]
            for k in 0..<l { signedGradientBar[k] += step * Double(rowI[k]) }
        }
        if wasUpperJ != isUpper(j) {
            let step = wasUpperJ ? -(cj * sign[j]) : cj * sign[j]
            for k in 0..<l { signedGradientBar[k] += step * Double(rowJ[k]) }
        }
    }
}
