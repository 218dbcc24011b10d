internal import SIMDKernels

/// libsvm's ε-SVR path for ε = 0, computed on n sample pairs instead of 2n variables.
/// `SMOSolver.solveEpsilonSVR` takes this route by itself, from α = 0 or a given α; the
/// answer is the same bit for bit (PairedSMOTests holds every field equal to `SMOState`'s).
///
/// Why pairs: with ε = 0 the two variables of sample r (α on y = +1, α* on y = −1) have the
/// same linear term, −yᵣ, and every gradient update adds the same kernel column entries to
/// both, so their signed gradients hᵣ = yG are equal at every step. Shrinking keeps them
/// together: for each status pair, libsvm's `be_shrunk` asks both the same question, or
/// neither can be shrunk (a free variable, or one whose partner sits in the opposite set,
/// bounds the maximum it would have to exceed). So the gradient, Ḡ, the active set and the
/// two scans need only one entry per sample: half the work of each O(n) pass.
///
/// What still needs the 2n variables is libsvm's order: ties in a scan go to the last
/// position of the active-set permutation that `do_shrinking` swaps. The pair slots here
/// are in an order of their own (active slots first), so the permutation is kept as two
/// index arrays, each slot carries the position of its candidate in each scan, and the
/// scans break ties by position. Every sum that libsvm takes in position order (the
/// gradient reconstruction, ρ) is taken in that order here too.
final class PairedSMOState: SMOMainLoop {
    static let lower: UInt8 = 0, upper: UInt8 = 1, free: UInt8 = 2

    let n: Int
    /// libsvm's number of variables, 2n.
    let l: Int
    let c: Double
    let tolerance: Double
    let shrinking: Bool
    /// K(pair, pairAt[s]) at `pair * n + s`: each sample's row with its columns in slot order.
    let kernel: UnsafeMutablePointer<Float>

    /// libsvm's active size, in variables; the active slots are the first `activeSize / 2`.
    var activeSize: Int
    var unshrink = false
    var largestBoxComparison = 0.0
    var maxima: smo_maxima?

    // Per variable v (α of sample v for v < n, α* of sample v − n above): not permuted.
    let alpha: UnsafeMutablePointer<Double>
    let status: UnsafeMutablePointer<UInt8>
    /// libsvm's position of each variable, and the variable at each position.
    let positionOf: UnsafeMutablePointer<Int>
    let variableAt: UnsafeMutablePointer<Int>

    // Per slot, all permuted together by `swapSlots`.
    /// h = yG, shared by the pair.
    let signedGradient: UnsafeMutablePointer<Double>
    let signedGradientBar: UnsafeMutablePointer<Double>
    /// yp = −yᵣ for both variables.
    let signedLinear: UnsafeMutablePointer<Double>
    let quadDiagonal: UnsafeMutablePointer<Double>
    /// 0 when a variable of the pair is in I_up (I_low), −∞ when none is.
    let upBias: UnsafeMutablePointer<Double>
    let lowBias: UnsafeMutablePointer<Double>
    /// The last position among the pair's variables in I_up (I_low); −1 when none.
    let upPosition: UnsafeMutablePointer<Int64>
    let lowPosition: UnsafeMutablePointer<Int64>
    let pairAt: UnsafeMutablePointer<Int>
    let slotOf: UnsafeMutablePointer<Int>

    init(kernel km: KernelMatrix, targets: [Double], c: Double, tolerance: Double, shrinking: Bool) {
        n = km.count
        l = 2 * n
        self.c = c
        self.tolerance = tolerance
        self.shrinking = shrinking
        // SIMDKernels' SMO passes read whole lanes of eight past the last active slot (and ignore
        // them), so every array they read is padded to a multiple of eight.
        let padded = (n + 7) / 8 * 8
        let rows = UnsafeMutablePointer<Float>.allocate(capacity: n * n + 8)
        km.values.withUnsafeBufferPointer { k in
            guard let base = k.baseAddress else { return }
            rows.initialize(from: base, count: km.count * km.count)
        }
        (rows + n * n).initialize(repeating: 0, count: 8)
        kernel = rows
        activeSize = l
        alpha = .allocate(capacity: l); alpha.initialize(repeating: 0, count: l)
        status = .allocate(capacity: l); status.initialize(repeating: Self.lower, count: l)
        positionOf = .allocate(capacity: l)
        variableAt = .allocate(capacity: l)
        for v in 0..<l { positionOf[v] = v; variableAt[v] = v }
        signedGradient = .allocate(capacity: padded); signedGradient.initialize(repeating: 0, count: padded)
        signedGradientBar = .allocate(capacity: n); signedGradientBar.initialize(repeating: 0, count: n)
        signedLinear = .allocate(capacity: n)
        quadDiagonal = .allocate(capacity: padded); quadDiagonal.initialize(repeating: 1, count: padded)
        upBias = .allocate(capacity: padded); upBias.initialize(repeating: -.infinity, count: padded)
        lowBias = .allocate(capacity: padded); lowBias.initialize(repeating: -.infinity, count: padded)
        upPosition = .allocate(capacity: padded); upPosition.initialize(repeating: -1, count: padded)
        lowPosition = .allocate(capacity: padded); lowPosition.initialize(repeating: -1, count: padded)
        pairAt = .allocate(capacity: n)
        slotOf = .allocate(capacity: n)
        for r in 0..<n {
            // libsvm: p = ε − y and ε + y, times the signs +1 and −1: both −y at ε = 0.
            signedLinear[r] = -targets[r]
            signedGradient[r] = signedLinear[r]
            quadDiagonal[r] = km.diagonal[r]
            pairAt[r] = r
            slotOf[r] = r
            updateMembership(slot: r)
        }
    }

    deinit {
        kernel.deallocate()
        alpha.deallocate(); status.deallocate(); positionOf.deallocate(); variableAt.deallocate()
        signedGradient.deallocate(); signedGradientBar.deallocate(); signedLinear.deallocate()
        quadDiagonal.deallocate(); upBias.deallocate(); lowBias.deallocate()
        upPosition.deallocate(); lowPosition.deallocate(); pairAt.deallocate(); slotOf.deallocate()
    }

    /// libsvm's `Solver::Solve` from a given α, as `SMOState.start(from:)`: both variables
    /// of a pair get the same terms in the same (index) order, so they still share h and Ḡ.
    func start(from dual: [Double]) {
        for v in 0..<l {
            alpha[v] = min(max(dual[v], 0), c)
            largestBoxComparison = max(largestBoxComparison, alpha[v])
            updateStatus(v)
        }
        for v in 0..<l where !isLower(v) {
            let row = kernelRow(v)
            let step = alpha[v] * sign(v)
            for s in 0..<n { signedGradient[s] += step * Double(row[s]) }
            if isUpper(v) {
                let barStep = c * sign(v)
                for s in 0..<n { signedGradientBar[s] += barStep * Double(row[s]) }
            }
        }
        for s in 0..<n { updateMembership(slot: s) }
    }

    var activeSlots: Int { activeSize / 2 }
    @inline(__always) func sign(_ v: Int) -> Double { v < n ? 1 : -1 }
    @inline(__always) func pair(_ v: Int) -> Int { v < n ? v : v - n }
    @inline(__always) func slot(_ v: Int) -> Int { slotOf[pair(v)] }
    @inline(__always) func isUpper(_ v: Int) -> Bool { status[v] == Self.upper }
    @inline(__always) func isLower(_ v: Int) -> Bool { status[v] == Self.lower }
    @inline(__always) func isFree(_ v: Int) -> Bool { status[v] == Self.free }
    /// hᵥ, the shared signed gradient of v's pair.
    @inline(__always) func signedGradient(_ v: Int) -> Double { signedGradient[slot(v)] }
    /// The kernel row of v's sample, its columns in slot order.
    @inline(__always) func kernelRow(_ v: Int) -> UnsafeMutablePointer<Float> { kernel + pair(v) * n }

    @inline(__always) func inUp(_ v: Int) -> Bool { v < n ? !isUpper(v) : !isLower(v) }
    @inline(__always) func inLow(_ v: Int) -> Bool { v < n ? !isLower(v) : !isUpper(v) }

    @inline(__always) func updateStatus(_ v: Int) {
        if alpha[v] >= c { status[v] = Self.upper }
        else if alpha[v] <= 0 { status[v] = Self.lower }
        else { status[v] = Self.free }
    }

    /// The slot's set memberships and candidate positions, from its two variables.
    func updateMembership(slot s: Int) {
        let a = pairAt[s], b = a + n
        var up: Int64 = -1, low: Int64 = -1
        if inUp(a) { up = Int64(positionOf[a]) }
        if inUp(b) { up = max(up, Int64(positionOf[b])) }
        if inLow(a) { low = Int64(positionOf[a]) }
        if inLow(b) { low = max(low, Int64(positionOf[b])) }
        upPosition[s] = up
        lowPosition[s] = low
        upBias[s] = up >= 0 ? 0 : -Double.infinity
        lowBias[s] = low >= 0 ? 0 : -Double.infinity
    }

    func swapPositions(_ p: Int, _ q: Int) {
        let u = variableAt[p], v = variableAt[q]
        variableAt[p] = v; variableAt[q] = u
        positionOf[u] = q; positionOf[v] = p
    }

    func swapSlots(_ s: Int, _ t: Int) {
        guard s != t else { return }
        Swift.swap(&signedGradient[s], &signedGradient[t])
        Swift.swap(&signedGradientBar[s], &signedGradientBar[t])
        Swift.swap(&signedLinear[s], &signedLinear[t])
        Swift.swap(&quadDiagonal[s], &quadDiagonal[t])
        Swift.swap(&upBias[s], &upBias[t])
        Swift.swap(&lowBias[s], &lowBias[t])
        Swift.swap(&upPosition[s], &upPosition[t])
        Swift.swap(&lowPosition[s], &lowPosition[t])
        Swift.swap(&pairAt[s], &pairAt[t])
        slotOf[pairAt[s]] = s
        slotOf[pairAt[t]] = t
        var row = kernel
        for _ in 0..<n {
            Swift.swap(&row[s], &row[t])
            row += n
        }
    }

    func computeMaxima() -> smo_maxima {
        smo_paired_compute_maxima(signedGradient, upBias, lowBias, upPosition, Int64(activeSlots))
    }

    /// WSS 3 of Fan et al., as `SMOState.selectWorkingSet`; the scans return positions.
    func selectWorkingSet(_ maxima: smo_maxima) -> (Int, Int)? {
        let gMax = maxima.up, gMax2 = maxima.low
        guard gMax > -Double.infinity else { return nil }
        if gMax + gMax2 < tolerance { return nil }
        let i = variableAt[Int(maxima.upIndex)]
        let j = smo_paired_select_j(signedGradient, lowBias, quadDiagonal, kernelRow(i), lowPosition, gMax,
                                    quadDiagonal[slot(i)], SMOSolver.tau, Int64(activeSlots))
        if j == -1 { return nil }
        return (i, variableAt[Int(j)])
    }

    func beShrunk(_ v: Int, _ gMax1: Double, _ gMax2: Double) -> Bool {
        let h = signedGradient(v)
        if isUpper(v) {
            return v < n ? -h > gMax1 : h > gMax2
        } else if isLower(v) {
            return v < n ? h > gMax2 : -h > gMax1
        }
        return false
    }

    /// libsvm's `do_shrinking` on the positions, then the slots of the pairs it shrank
    /// moved behind the active ones.
    func doShrinking() {
        let m = computeMaxima()
        let gMax1 = m.up, gMax2 = m.low
        if !unshrink && gMax1 + gMax2 <= tolerance * 10 {
            unshrink = true
            reconstructGradient()
            activeSize = l
        }
        let slotsBefore = activeSlots
        var t = 0
        while t < activeSize {
            if beShrunk(variableAt[t], gMax1, gMax2) {
                activeSize -= 1
                while activeSize > t {
                    if !beShrunk(variableAt[activeSize], gMax1, gMax2) {
                        swapPositions(t, activeSize)
                        break
                    }
                    activeSize -= 1
                }
            }
            t += 1
        }
        var end = slotsBefore
        var s = 0
        while s < end {
            let a = pairAt[s]
            let active = positionOf[a] < activeSize
            precondition(active == (positionOf[a + n] < activeSize), "ε-SVR pair split by shrinking")
            if active { s += 1 } else { end -= 1; swapSlots(s, end) }
        }
        precondition(2 * end == activeSize, "ε-SVR pair split by shrinking")
        for s in 0..<end { updateMembership(slot: s) }
        maxima = nil
    }

    /// libsvm's `reconstruct_gradient`, once per pair: both variables of an inactive pair
    /// get the same terms in the same (position) order.
    func reconstructGradient() {
        guard activeSize < l else { return }
        let firstInactive = activeSlots
        for s in firstInactive..<n { signedGradient[s] = signedGradientBar[s] + signedLinear[s] }
        var freeCount = 0
        for p in 0..<activeSize where isFree(variableAt[p]) { freeCount += 1 }
        if freeCount * l > 2 * activeSize * (l - activeSize) {
            for s in firstInactive..<n {
                let row = kernel + pairAt[s] * n
                for p in 0..<activeSize {
                    let u = variableAt[p]
                    guard isFree(u) else { continue }
                    signedGradient[s] += alpha[u] * (Double(row[slot(u)]) * sign(u))
                }
            }
        } else {
            for p in 0..<activeSize {
                let t = variableAt[p]
                guard isFree(t) else { continue }
                let row = kernelRow(t)
                let a = alpha[t] * sign(t)
                for s in firstInactive..<n { signedGradient[s] += a * Double(row[s]) }
            }
        }
        maxima = nil
    }

    /// Unshrinks everything: every slot active, memberships for the new positions.
    func activateAll() {
        activeSize = l
        for s in 0..<n { updateMembership(slot: s) }
        maxima = nil
    }

    func rhoTerm(position p: Int) -> (upper: Bool, lower: Bool, positive: Bool, signedGradient: Double) {
        let v = variableAt[p]
        return (isUpper(v), isLower(v), v < n, signedGradient(v))
    }

    func solution(iterations: Int, reachedIterationLimit: Bool) -> SVRSolution {
        let rho = calculateRho()
        let dual = Array(UnsafeBufferPointer(start: alpha, count: l))
        let beta = (0..<n).map { dual[$0] - dual[$0 + n] }
        return SVRSolution(coefficients: beta, rho: rho, iterations: iterations,
                           reachedIterationLimit: reachedIterationLimit, largestBoxComparison: largestBoxComparison,
                           dualVariables: dual)
    }

    /// `SMOState.takeStep` on variables i and j: the same arithmetic, one gradient entry per
    /// pair.
    func takeStep(_ i: Int, _ j: Int) {
        let oldI = alpha[i], oldJ = alpha[j]
        let ci = c, cj = c
        let signI = sign(i), signJ = sign(j)
        let rowI = kernelRow(i), rowJ = kernelRow(j)
        let slotI = slot(i), slotJ = slot(j)
        let (ai, aj) = SMOSolver.twoVariableStep(alphaI: oldI, alphaJ: oldJ,
                                                 gradientI: signI * signedGradient[slotI],
                                                 gradientJ: signJ * signedGradient[slotJ],
                                                 quadI: quadDiagonal[slotI], quadJ: quadDiagonal[slotJ],
                                                 qIJ: Double(rowI[slotJ]) * (signI * signJ), sameSign: signI == signJ,
                                                 c: c, largestBoxComparison: &largestBoxComparison)
        alpha[i] = ai
        alpha[j] = aj
        let stepI = signI * (ai - oldI), stepJ = signJ * (aj - oldJ)
        let wasUpperI = isUpper(i), wasUpperJ = isUpper(j)
        updateStatus(i)
        updateStatus(j)
        updateMembership(slot: slotI)
        updateMembership(slot: slotJ)

        maxima = smo_paired_update_gradient(signedGradient, rowI, rowJ, stepI, stepJ, upBias, lowBias, upPosition,
                                            Int64(activeSlots))

        if wasUpperI != isUpper(i) {
            let step = wasUpperI ? -(ci * signI) : ci * signI
            for s in 0..<n { signedGradientBar[s] += step * Double(rowI[s]) }
        }
        if wasUpperJ != isUpper(j) {
            let step = wasUpperJ ? -(cj * signJ) : cj * signJ
            for s in 0..<n { signedGradientBar[s] += step * Double(rowJ[s]) }
        }
    }
}
