import NASCore

/// How a random NAS-Bench-101 cell is drawn. Every variant returns a valid cell (nasbench's
/// `is_valid`) of 7 vertices, unpruned, as the references keep it.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 1)
/// let cell = NB101Sampling.nasbench.sample(using: &rng)
/// let same = NB101Sampling(rawValue: "nas-ea-fa")?.sample(using: &rng)
/// ```
///
/// All variants give the same distribution (uniform over the valid 7-vertex genotypes
/// with i.i.d. fair edge bits and uniform ops, conditioned on validity, since the ops never
/// decide validity); they differ in the order of their draws, which is kept per reference.
///
/// - Complexity: O(1) expected; about 1/P(valid) ≈ 3 attempts, each 26 draws.
public enum NB101Sampling: String, CaseIterable, Sendable {
    /// `random_spec` of google-research/nasbench `NASBench.ipynb` (ALGORITHMS.md §3.4):
    /// each attempt draws the 21 strict-upper-triangle bits from Bernoulli(0.5), then 5
    /// uniform inner ops; repeat until valid. (The notebook draws a full 7×7 matrix and
    /// keeps `np.triu(…, 1)`; the lower entries it discards are not drawn here.)
    case nasbench
    /// NASLib `sample_random_architecture` for nasbench101 (ALGORITHMS.md §3.3): the same
    /// construction as `nasbench`, listed separately so specs can name their reference.
    case naslib
    /// NAS-EA-FA's random individual (`nas101_utils.py`, ALGORITHMS.md §1.4): the 5 ops are
    /// drawn once, then the 21 bits are redrawn until the cell is valid.
    case nasEAFA = "nas-ea-fa"

    public func sample(using rng: inout some RandomNumberGenerator) -> NB101Cell {
        switch self {
        case .nasbench, .naslib:
            while true {
                let bits = Self.fairBits(using: &rng)
                let cell = NB101Cell(edgeBits: bits, innerOps: Self.uniformOps(using: &rng))
                if cell.isValid { return cell }
            }
        case .nasEAFA:
            let ops = Self.uniformOps(using: &rng)
            while true {
                let cell = NB101Cell(edgeBits: Self.fairBits(using: &rng), innerOps: ops)
                if cell.isValid { return cell }
            }
        }
    }

    @inlinable
    static func fairBits(using rng: inout some RandomNumberGenerator) -> UInt32 {
        var bits: UInt32 = 0
        for k in 0..<21 where rng.nextBernoulli(0.5) { bits |= 1 << UInt32(k) }
        return bits
    }

    @inlinable
    static func uniformOps(using rng: inout some RandomNumberGenerator) -> (NB101Op, NB101Op, NB101Op, NB101Op, NB101Op) {
        (rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps),
         rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps))
    }
}

extension NB101Cell {
    /// A random valid cell; see `NB101Sampling` for the variants.
    ///
    /// ```swift
    /// var rng = Xoshiro256StarStar(seed: 7)
    /// let cell = NB101Cell.random(.nasbench, using: &rng)
    /// ```
    public static func random(_ sampling: NB101Sampling = .nasbench, using rng: inout some RandomNumberGenerator) -> NB101Cell {
        sampling.sample(using: &rng)
    }
}
