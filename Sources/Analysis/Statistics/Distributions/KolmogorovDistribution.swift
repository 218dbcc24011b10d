import Foundation

/// Distributions of the one-sample Kolmogorov–Smirnov statistics for a sample of size n.
///
/// ```swift
/// let p = KolmogorovDistribution.sf(0.25, sampleSize: 50)          // scipy kstwo.sf(0.25, 50)
/// let q = KolmogorovDistribution.smirnovSF(0.2, sampleSize: 150)   // scipy special.smirnov
/// let r = KolmogorovDistribution.limitingSF(1.36)                   // scipy kstwobign.sf
/// ```
///
/// `sf` follows the algorithm selection of Simard & L'Ecuyer, "Computing the Two-Sided
/// Kolmogorov–Smirnov Distribution", J. Stat. Software 39(11), 2011, exactly as scipy's
/// `stats._ksstats._kolmogn` applies it: the Ruben–Gambino closed forms at the extremes,
/// the Durbin matrix (Marsaglia, Tsang & Wang 2003) for small n·d², the Pomeranz (1974)
/// recursion for moderate n·d², twice the one-sided Smirnov probability in the tail, and
/// the Pelz–Good (1976) expansion for large n. ks_2samp's `method='asymp'` evaluates this
/// at n = round(mn/(m+n)).
public enum KolmogorovDistribution {
    /// P(D_n ≥ d) for the two-sided statistic D_n = sup |F_n − F|.
    public static func sf(_ d: Double, sampleSize n: Int) -> Double {
        evaluate(d, n: n, wantCDF: false)
    }

    /// P(D_n ≤ d).
    public static func cdf(_ d: Double, sampleSize n: Int) -> Double {
        evaluate(d, n: n, wantCDF: true)
    }

    static func clip(_ p: Double) -> Double { min(1, max(0, p)) }

    static func evaluate(_ x: Double, n: Int, wantCDF: Bool) -> Double {
        guard n > 0, !x.isNaN else { return .nan }
        func select(cdf: Double, sf: Double) -> Double { clip(wantCDF ? cdf : sf) }
        if x >= 1 { return select(cdf: 1, sf: 0) }
        if x <= 0 { return select(cdf: 0, sf: 1) }
        let nn = Double(n)
        let t = nn * x
        if t <= 1 {
            // Ruben & Gambino (1982): P(D_n ≤ x) = n!/nⁿ (2t − 1)ⁿ for 1/(2n) ≤ x ≤ 1/n.
            if t <= 0.5 { return select(cdf: 0, sf: 1) }
            let p: Double
            if n <= 140 {
                var product = 1.0
                for i in 1...n { product *= Double(i) / nn * (2 * t - 1) }
                p = product
            } else {
                p = exp(logFactorialOverPower(n) + nn * log(2 * t - 1))
            }
            return select(cdf: p, sf: 1 - p)
        }
        if t >= nn - 1 {
            let p = 2 * pow(1 - x, nn)
            return select(cdf: 1 - p, sf: p)
        }
        if x >= 0.5 {
            // The one-sided events D⁺ ≥ x and D⁻ ≥ x cannot both happen here.
            let p = 2 * smirnovSF(x, sampleSize: n)
            return select(cdf: 1 - p, sf: p)
        }
        let nxSquared = t * x
        if n <= 140 {
            if nxSquared <= 0.754693 {
                let p = durbinMatrixCDF(n: n, d: x)
                return select(cdf: p, sf: 1 - p)
            }
            if nxSquared <= 4 {
                let p = pomeranzCDF(n: n, d: x)
                return select(cdf: p, sf: 1 - p)
            }
            let p = 2 * smirnovSF(x, sampleSize: n)
            return select(cdf: 1 - p, sf: p)
        }
        if !wantCDF {
            if nxSquared >= 370 { return 0 }
            if nxSquared >= 2.2 { return clip(2 * smirnovSF(x, sampleSize: n)) }
        }
        let cdf: Double
        if nxSquared >= 18 {
            cdf = 1
        } else if n <= 100_000 && nn * pow(x, 1.5) <= 1.4 {
            cdf = durbinMatrixCDF(n: n, d: x)
        } else {
            cdf = pelzGoodCDF(n: n, d: x)
        }
        return select(cdf: cdf, sf: 1 - cdf)
    }

    /// log(n! / nⁿ) by Stirling's series with n log n removed up front (no cancellation).
    static func logFactorialOverPower(_ n: Int) -> Double {
        let nn = Double(n)
        // Bernoulli-number coefficients B_{2j} / (2j (2j − 1)), j = 8 … 1.
        let coefficients: [Double] = [-2.955065359477124183e-2, 6.4102564102564102564e-3,
                                      -1.9175269175269175269e-3, 8.4175084175084175084e-4,
                                      -5.952380952380952381e-4, 7.9365079365079365079e-4,
                                      -2.7777777777777777778e-3, 8.3333333333333333333e-2]
        let r = 1 / nn, r2 = r / nn
        var series = 0.0
        for c in coefficients { series = series * r2 + c }
        return log(nn) / 2 - nn + log(2 * Double.pi) / 2 + r * series
    }

    // MARK: One-sided Smirnov distribution

    /// P(D⁺_n ≥ d), the one-sided statistic (scipy `special.smirnov(n, d)`).
    ///
    /// Evaluates the Smirnov (1944) / Birnbaum–Tingey (1951) sum
    /// d Σ_{j=0}^{⌊n(1−d)⌋} C(n,j) (d + j/n)^{j−1} (1 − d − j/n)^{n−j},
    /// whose terms are all positive, each in log space.
    ///
    /// - Complexity: O(n)
    public static func smirnovSF(_ d: Double, sampleSize n: Int) -> Double {
        guard n > 0, !d.isNaN else { return .nan }
        if d <= 0 { return 1 }
        if d >= 1 { return 0 }
        let nn = Double(n)
        let nd = nn * d
        let last = Int((nn - nd).rounded(.down))
        var sum = 0.0
        let logD = log(d)
        for j in 0...max(0, last) {
            let jj = Double(j)
            let left = (nd + jj) / nn           // d + j/n
            let right = (nn - nd - jj) / nn     // 1 − d − j/n
            if right <= 0 && n - j > 0 { continue }
            var logTerm = SpecialFunctions.logBinomial(n, j) + logD + (jj - 1) * log(left)
            if n - j > 0 { logTerm += Double(n - j) * log(right) }
            sum += exp(logTerm)
        }
        return clip(sum)
    }

    // MARK: Limiting distribution

    /// The Kolmogorov limit P(√n D_n ≥ y) as n → ∞ (scipy `kstwobign.sf`, `special.kolmogorov`).
    ///
    /// Uses 2 Σ (−1)^{k−1} e^{−2k²y²} for y ≥ 1 and the Jacobi-theta form
    /// 1 − √(2π)/y Σ e^{−(2k−1)²π²/(8y²)} below, each converging in a few terms.
    public static func limitingSF(_ y: Double) -> Double {
        if y.isNaN { return .nan }
        if y <= 0 { return 1 }
        if y >= 1 {
            var sum = 0.0, sign = 1.0, k = 1.0
            while true {
                let term = exp(-2 * k * k * y * y)
                sum += sign * term
                if term == 0 || term <= sum * Double.ulpOfOne { break }
                sign = -sign
                k += 1
            }
            return clip(2 * sum)
        }
        var sum = 0.0, k = 1.0
        let alpha = -Double.pi * Double.pi / (8 * y * y)
        while true {
            let term = exp(alpha * k * k)
            sum += term
            if term == 0 || term < sum * Double.ulpOfOne { break }
            k += 2
        }
        return clip(1 - sum * (2 * Double.pi).squareRoot() / y)
    }

    // MARK: Durbin matrix (Marsaglia, Tsang & Wang 2003)

    /// P(D_n ≤ d) as the (k, k) entry of n!/nⁿ · Hⁿ, with H the (2k−1)² Durbin matrix,
    /// k = ⌈nd⌉. Powers are taken by squaring with binary-exponent rescaling.
    ///
    /// - Complexity: O(k³ log n)
    static func durbinMatrixCDF(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var matrix = [Double](repeating: 0, count: m * m)
        // inverseFactorial[j] = 1/j!
        var inverseFactorial = [Double](repeating: 1, count: m + 1)
        for j in 1...m { inverseFactorial[j] = inverseFactorial[j - 1] / Double(j) }
        for i in 0..<m {
            for j in 0..<m where i - j + 1 >= 0 {
                matrix[i * m + j] = inverseFactorial[i - j + 1]
            }
        }
        for i in 0..<m {
            matrix[i * m] = (1 - pow(h, Double(i + 1))) * inverseFactorial[i + 1]
            matrix[(m - 1) * m + i] = (1 - pow(h, Double(m - i))) * inverseFactorial[m - i]
        }
        let corner = 1 - 2 * pow(h, Double(m)) + pow(max(2 * h - 1, 0), Double(m))
        matrix[(m - 1) * m] = corner * inverseFactorial[m]

        func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
            var c = [Double](repeating: 0, count: m * m)
            for i in 0..<m {
                for l in 0..<m {
                    let ail = a[i * m + l]
                    if ail == 0 { continue }
                    for j in 0..<m { c[i * m + j] += ail * b[l * m + j] }
                }
            }
            return c
        }
        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var powerExponent = 0, base = matrix, baseExponent = 0
        var remaining = n
        let bigScale = 128
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, base)
                powerExponent += baseExponent
            }
            base = multiply(base, base)
            baseExponent *= 2
            if abs(base[(k - 1) * m + (k - 1)]) > 0x1p128 {
                base = base.map { scalbn($0, -bigScale) }
                baseExponent += bigScale
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + (k - 1)]
        var exponent = powerExponent
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < 0x1p-128 {
                p = scalbn(p, bigScale)
                exponent -= bigScale
            }
        }
        return clip(scalbn(p, exponent))
    }

    // MARK: Pomeranz recursion

    /// P(D_n ≤ d) by Pomeranz's (1974) recursion: the probability that the empirical
    /// process stays in the band is built row by row over the 2n + 2 break points of the
    /// band, each row a truncated convolution of the previous one with Poisson-like
    /// weights (len/n)^j / j!. Rows are rescaled by powers of two to stay in range.
    ///
    /// - Complexity: O(n · (nd)²)
    static func pomeranzCDF(n: Int, d: Double) -> Double {
        let t = Double(n) * d
        let ell = Int(t.rounded(.down))
        let fraction = t - Double(ell)
        let g = min(fraction, 1 - fraction)
        let ceilF = fraction > 0 ? 1 : 0
        let roundF = fraction > 0.5 ? 1 : 0
        let width = 2 * (ell + 1)

        func weights(_ length: Double) -> [Double] {
            var w = [Double](repeating: 1, count: width)
            for j in 1..<width { w[j] = w[j - 1] * (length / Double(n)) / Double(j) }
            return w
        }
        let weightG = weights(g), weightTwoG = weights(2 * g), weightRest = weights(1 - 2 * g)

        // Admissible range of the count j on row i (the band constraint).
        func bounds(_ i: Int) -> (Int, Int) {
            var j1: Int, j2: Int
            if i == 0 {
                j1 = -ell - ceilF - 1
                j2 = ell + ceilF - 1
            } else {
                let half = (i + 1) / 2
                if (i + 1) % 2 == 0 {
                    if half == n + 1 {
                        j1 = n - ell - ceilF - 1
                        j2 = n + ell + ceilF - 1
                    } else {
                        j1 = half - 1 - ell - roundF - 1
                        j2 = half + ell - 1 + ceilF - 1
                    }
                } else {
                    j1 = half - 1 - ell - 1
                    j2 = half + ell + roundF - 1
                }
            }
            return (max(j1 + 2, 0), min(j2, n))
        }

        // row[j − rowStart] holds the value for count j.
        var (low, high) = bounds(0)
        var row = [Double](repeating: 0, count: width)
        row[0] = 1
        var rowStart = low
        var exponent = 0
        for i in 1...(2 * n + 1) {
            let previousLow = low
            let previous = row, previousStart = rowStart
            (low, high) = bounds(i)
            let w = (i == 1 || i == 2 * n + 1) ? weightG : (i % 2 == 1 ? weightTwoG : weightRest)
            row = [Double](repeating: 0, count: width)
            let span = high - previousLow + 1
            guard span > 0 else { continue }
            var largest = 0.0
            if low <= high {
                for j in low...high {
                    var sum = 0.0
                    // Previous counts k ≥ previousLow; gaps j − k < span.
                    var k = max(previousLow, j - span + 1)
                    while k <= j {
                        let index = k - previousStart
                        if index >= 0 && index < previous.count && j - k < w.count {
                            sum += previous[index] * w[j - k]
                        }
                        k += 1
                    }
                    if j - low < row.count { row[j - low] = sum }
                    largest = max(largest, sum)
                }
            }
            if largest > 0 && largest < 0x1p-128 {
                row = row.map { scalbn($0, 128) }
                exponent -= 128
            }
            rowStart = low
        }
        let index = n - rowStart
        guard index >= 0 && index < row.count else { return 0 }
        var answer = row[index]
        for factor in 1...n {
            if abs(answer) > 0x1p128 {
                answer = scalbn(answer, -128)
                exponent += 128
            }
            answer *= Double(factor)
        }
        return clip(scalbn(answer, exponent))
    }

    // MARK: Pelz–Good expansion

    /// The Pelz & Good (1976) approximation to P(D_n ≤ d): the Li-Chien/Korolyuk series
    /// K₀ + K₁/√n + K₂/n + K₃/n^{3/2} in z = d√n, rewritten with Jacobi theta identities so
    /// it converges for small z.
    static func pelzGoodCDF(n: Int, d: Double) -> Double {
        if d <= 0 { return 0 }
        if d >= 1 { return 1 }
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let z = Double(n).squareRoot() * d
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2
        let logQ = -pi2 / 8 / z2
        if logQ < -708 { return 0 }
        let q = exp(logQ)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4
        let k2b = (2 * z4 - 5 * z2) * pi2 / 4
        let k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64
        let k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4
        let k3a = -30 * z6 - 90 * z4 * z4
        var terms = [0.0, 0.0, 0.0, 0.0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        if maxK >= 1 {
            // Horner scheme in q^{8k} over the odd integers m = 2k − 1.
            for k in stride(from: maxK, through: 1, by: -1) {
                let m = Double(2 * k - 1)
                let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
                let qPower = pow(q, Double(8 * k))
                let coefficients = [1.0,
                                    k1a + k1b * m2,
                                    k2a + k2b * m2 + k2c * m4,
                                    k3a + k3b * m2 + k3c * m4 + k3d * m6]
                for i in 0..<4 { terms[i] = terms[i] * qPower + coefficients[i] }
            }
        }
        let root2Pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * z4 * z3, 6480 * z4 * z6]
        for i in 0..<4 { terms[i] = terms[i] * q * root2Pi / divisors[i] }
        let q2 = exp(-pi2 / 2 / z2)
        var k2Extra = 0.0, k3Extra = 0.0
        let root3z = 3.0.squareRoot() * z
        if maxK >= 1 {
            for k in stride(from: maxK, through: 1, by: -1) {
                let kk = Double(k)
                let weight = kk * kk * pow(q2, kk * kk)
                k2Extra += weight
                k3Extra += (root3z + Double.pi * kk) * (root3z - Double.pi * kk) * weight
            }
        }
        terms[2] += k2Extra * pi2 * root2Pi / (-36 * z3)
        terms[3] += k3Extra * pi2 * root2Pi / (216 * z6)
        let nn = Double(n)
        var total = 0.0
        for i in 0..<4 { total += terms[i] / pow(nn, Double(i) / 2) }
        return clip(total)
    }
}
