import NASCore
import Predictors
import SearchSpaces

/// NAS-EA-FA on the NATS topology space (NB201), as Pan runs it
/// (`fzjcdt/NAS-EA-FA` `nas201_utils.py`, `nas201to101.py`; ALGORITHMS.md §1.4–§1.5).
///
/// ```swift
/// NASEAFA(version: .v2).run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
/// ```
///
/// - Sequence: Pan's 24-bit sequence of the NB101-style graph (`panSequenceBits`).
/// - Augmentation: the distinct sequences of every cell with the same Pan hash.
/// - Cache key: the Pan-hash class, so cells of one class share one evaluation, as in
///   Pan's `history2acc`.
/// - Mutation: each of the 6 ops with p = 1/6 to a different op (the space's `.bitwise`).
/// - Answers: under `NASEAFA.Answers.classPool` (the `pan` default) a record drawn from the
///   class, with the class-mean test accuracy, as Pan's preprocessed file answers.
///
/// The `dervisi-2022` variant uses the same encoding here: Dervisi's TSS code searches an
/// 8-node "dnc" DAG with a lossy conversion to cells (§2.5), which is not ported; the
/// deviation is documented on `NASEAFA.Variant`.
extension NATSTopologySpace: NASEAFASpace {
    public typealias EvaluationKey = Int

    public var naseafaSequenceLength: Int { 24 }

    public var naseafaConstants: NASEAFA.Constants { .nb201 }

    public func naseafaSequence(of cell: NATSTopologyCell, variant: NASEAFA.Variant) -> UInt64 {
        UInt64(cell.panSequenceBits)
    }

    public func naseafaAugmentedSequences(of cell: NATSTopologyCell, variant: NASEAFA.Variant) -> [UInt64] {
        cell.panIsomorphicSequences.map(UInt64.init)
    }

    public func naseafaKey(of cell: NATSTopologyCell) -> Int { cell.panClass }

    /// The cells of the Pan-hash class, in code order: Pan's preprocessed NATS file pools
    /// their records (`nas201_utils.py`).
    public func naseafaPool(of cell: NATSTopologyCell) -> [NATSTopologyCell] {
        NATSPanClasses.shared.members[cell.panClass].map(NATSTopologyCell.init(code:))
    }

    public func naseafaMutation(_ cell: NATSTopologyCell, variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> NATSTopologyCell {
        NATSTopologySpace(mutation: .bitwise).mutate(cell, using: &rng)
    }

    /// The GCN's graph: Pan's NB101-style graph of the cell, pruned, 6 one-hot node features
    /// (Dervisi's TSS node features, ALGORITHMS.md §2.6).
    public func naseafaGraph(of cell: NATSTopologyCell) -> CellGraph? { cell.cellGraph }

    /// `np.random.choice(ops_type, size=6)`: each op uniform, i.e. a uniform cell.
    public func naseafaRandomIndividual(variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> NATSTopologyCell {
        NATSTopologyCell.sample(using: &rng)
    }
}
