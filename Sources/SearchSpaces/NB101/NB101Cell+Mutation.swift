import NASCore

/// The NAS-Bench-101 mutation operators of the reference codes, by name. Each returns a
/// valid 7-vertex cell (unpruned) and works on the parent's unpruned genotype; a parent with
/// fewer vertices is first `padded()`.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 3)
/// let child = NB101Mutation.naslib.mutate(parent, using: &rng)
/// let op = NB101Mutation(rawValue: "nas-ea-fa")   // names as specs write them
/// ```
///
/// | variant | edge flip p (per slot of 21) | op change p (per inner op) | on invalid |
/// |---|---|---|---|
/// | `nasbench` | rate/7 | rate/5 | redo everything |
/// | `naslib` | rate/7 | rate/3 | redo everything |
/// | `nas-ea-fa` | rate/21 | rate/5 (drawn once) | restore bits, keep ops, redo edge flips |
/// | `dervisi` | rate/21 | rate/5 (drawn once) | as nas-ea-fa, with Dervisi's validity |
///
/// A changed op is drawn uniformly from the two others. `rate` = 1 reproduces each
/// reference; it is `mutation_rate` of the notebook and `edits` of NASLib, and scales the
/// NAS-EA-FA probabilities the same way.
///
/// - Complexity: O(1) expected per attempt; the expected number of attempts is the
///   inverse of the chance that one attempt is valid (near 1 for the 1/21 variants).
public enum NB101Mutation: String, CaseIterable, Sendable {
    /// `mutate_spec` of google-research/nasbench `NASBench.ipynb` (ALGORITHMS.md §3.4).
    case nasbench
    /// NASLib `NasBench101SearchSpace.mutate` (`search_spaces/nasbench101/graph.py`,
    /// ALGORITHMS.md §3.3).
    case naslib
    /// NAS-EA-FA's bitwise mutation (`fzjcdt/NAS-EA-FA` `nas101_utils.py`, ALGORITHMS.md §1.4).
    case nasEAFA = "nas-ea-fa"
    /// Dervisi's variant of the bitwise mutation (`foteinidd/genetic_nas_acceleration`
    /// `nasbench101_utils_dnc.py`, ALGORITHMS.md §2.5): valid means at most 9 of the raw,
    /// unpruned bits set and input connected to output after pruning, stricter than nasbench.
    case dervisi

    /// The probability that one of the 21 edge slots is flipped in one attempt.
    public func edgeFlipProbability(rate: Double = 1) -> Double {
        switch self {
        case .nasbench, .naslib: rate / 7
        case .nasEAFA, .dervisi: rate / 21
        }
    }

    /// The probability that one inner op is changed (to a different op).
    public func opChangeProbability(rate: Double = 1) -> Double {
        switch self {
        case .nasbench, .nasEAFA, .dervisi: rate / 5
        case .naslib: rate / 3
        }
    }

    /// Whether a child is acceptable to this operator's validity test.
    public func accepts(_ cell: NB101Cell) -> Bool {
        switch self {
        case .nasbench, .naslib, .nasEAFA: cell.isValid
        case .dervisi: cell.edgeCount <= NB101Cell.maxEdges && cell.pruned() != nil
        }
    }

    /// A mutated copy of `parent`.
    public func mutate(_ parent: NB101Cell, rate: Double = 1, using rng: inout some RandomNumberGenerator) -> NB101Cell {
        let parent = parent.padded()
        let parentBits = parent.edgeBits
        let parentOps = parent.innerOpCodes
        let pEdge = edgeFlipProbability(rate: rate), pOp = opChangeProbability(rate: rate)
        switch self {
        case .nasbench, .naslib:
            // The notebook and NASLib draw the edge flips first, then the ops, and start over
            // from the parent on an invalid child.
            while true {
                let bits = Self.flip(parentBits, probability: pEdge, using: &rng)
                let ops = Self.change(parentOps, probability: pOp, using: &rng)
                let child = NB101Cell(edgeBits: bits, innerOpCodes: ops)
                if accepts(child) { return child }
            }
        case .nasEAFA, .dervisi:
            let ops = Self.change(parentOps, probability: pOp, using: &rng)
            while true {
                let child = NB101Cell(edgeBits: Self.flip(parentBits, probability: pEdge, using: &rng), innerOpCodes: ops)
                if accepts(child) { return child }
            }
        }
    }

    @inlinable
    static func flip(_ bits: UInt32, probability p: Double, using rng: inout some RandomNumberGenerator) -> UInt32 {
        var bits = bits
        for k in 0..<21 where rng.nextBernoulli(p) { bits ^= 1 << UInt32(k) }
        return bits
    }

    /// Each of the 5 op codes (3 bits each) changes with probability p to one of the other
    /// two, chosen uniformly from the remaining ops in `canonical_ops` order.
    @inlinable
    static func change(_ codes: UInt32, probability p: Double, using rng: inout some RandomNumberGenerator) -> UInt32 {
        var codes = codes
        for i in 0..<5 where rng.nextBernoulli(p) {
            let shift = UInt32(3 * i)
            let old = codes >> shift & 7
            var new = UInt32(rng.nextInt(below: 2))
            if new >= old { new += 1 }
            codes = codes & ~(7 << shift) | new << shift
        }
        return codes
    }
}

extension NB101Cell {
    /// The 5 inner op codes of a 7-vertex cell, 3 bits each, vertex 1 lowest.
    @inlinable
    var innerOpCodes: UInt32 { opCodes >> 3 & 0x7FFF }

    @inlinable
    init(edgeBits: UInt32, innerOpCodes: UInt32) {
        let codes = UInt32(NB101Op.input.rawValue) | innerOpCodes << 3 | UInt32(NB101Op.output.rawValue) << 18
        self.init(uncheckedVertexCount: 7, successorMasks: Self.successorMasks(edgeBits: edgeBits), opCodes: codes)
    }

    /// A mutated copy; see `NB101Mutation` for the variants.
    ///
    /// ```swift
    /// let child = parent.mutated(.nasbench, using: &rng)
    /// ```
    public func mutated(_ operator: NB101Mutation, rate: Double = 1, using rng: inout some RandomNumberGenerator) -> NB101Cell {
        `operator`.mutate(self, rate: rate, using: &rng)
    }
}
