import NASCore
import Predictors
import SearchSpaces

/// NAS-EA-FA on NAS-Bench-101 (`fzjcdt/NAS-EA-FA` `nas101_utils.py`; Dervisi
/// `nasbench101_utils_dnc.py`; ALGORITHMS.md §1.4, §1.5, §2.5).
///
/// ```swift
/// NASEAFA(version: .v2).run(space: NB101Space(mutation: .nasEAFA, sampling: .nasEAFA), trial: trial, rng: &rng)
/// ```
///
/// - Sequence: the 36 entries of the pruned cell (`sequenceBits`), Pan's one-hot, or
///   Dervisi's for `dervisi-2022`.
/// - Augmentation: the sequences of all valid relabellings of the inner vertices
///   (`isomorphicSequences`), automorphisms repeated. Dervisi filters the permuted graphs
///   by "upper-triangular and ≤ 9 edges" instead of `is_valid`; for a permutation of a
///   valid pruned cell the two agree (connectivity and edge count are invariant), so the
///   same list serves both.
/// - Cache key: the official module hash. Pan hashes with the op labels in another order
///   (§1.2), which gives different hash *values* but the same classes, so the cache
///   behaves identically.
/// - Mutation and random individual: `nas-ea-fa` (Pan) or `dervisi` (raw ≤ 9 edges).
///
/// - Complexity: sequence O(1); augmentation ≤ 120 permutations.
extension NB101Space: NASEAFASpace {
    public typealias EvaluationKey = MD5Digest

    public var naseafaSequenceLength: Int { 36 }

    public var naseafaConstants: NASEAFA.Constants { .nb101 }

    public func naseafaSequence(of cell: NB101Cell, variant: NASEAFA.Variant) -> UInt64 {
        // Cells from the reference operators are always valid; an invalid one has no sequence.
        (try? cell.sequenceBits(variant.nb101Convention)) ?? 0
    }

    public func naseafaAugmentedSequences(of cell: NB101Cell, variant: NASEAFA.Variant) -> [UInt64] {
        (try? cell.isomorphicSequences(variant.nb101Convention)) ?? []
    }

    /// The GCN's graph: the pruned cell with NB101's 5 one-hot node features (§2.6).
    public func naseafaGraph(of cell: NB101Cell) -> CellGraph? { cell.cellGraph }

    public func naseafaKey(of cell: NB101Cell) -> MD5Digest {
        (try? cell.canonicalDigest()) ?? NB101Space.invalidKey
    }

    public func naseafaMutation(_ cell: NB101Cell, variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> NB101Cell {
        cell.mutated(variant == .dervisi2022 ? .dervisi : .nasEAFA, using: &rng)
    }

    /// Pan: `NB101Sampling.nasEAFA` (ops once, bits redrawn until valid). Dervisi: the same
    /// draw order with Dervisi's validity (raw ≤ 9 edges, connected) [I: order inferred].
    public func naseafaRandomIndividual(variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> NB101Cell {
        switch variant {
        case .pan: return NB101Sampling.nasEAFA.sample(using: &rng)
        case .dervisi2022:
            let ops = (rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps),
                       rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps))
            while true {
                var bits: UInt32 = 0
                for k in 0..<21 where rng.nextBernoulli(0.5) { bits |= 1 << UInt32(k) }
                let cell = NB101Cell(edgeBits: bits, innerOps: ops)
                if NB101Mutation.dervisi.accepts(cell) { return cell }
            }
        }
    }

    /// The key of a cell nasbench rejects; the reference operators never produce one.
    static let invalidKey = MD5Digest(high: 0, low: 0)
}

extension NASEAFA.Variant {
    var nb101Convention: NB101SequenceConvention { self == .dervisi2022 ? .dervisi : .pan }
}
