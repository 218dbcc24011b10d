import NASCore
import Predictors
import SearchSpaces

/// A search space NAS-EA-FA can run on: a binary sequence encoding (for the surrogate and
/// the Hamming distance), its "data augmentation", an evaluation-cache key, the bitwise
/// mutation and the random individual of the reference code.
///
/// ```swift
/// let space = NATSTopologySpace(mutation: .bitwise)
/// let s = space.naseafaSequence(of: cell, variant: .pan)            // 24 bits
/// let hamming = (s ^ other).nonzeroBitCount
/// let augmented = space.naseafaAugmentedSequences(of: cell, variant: .pan)
/// ```
///
/// Reference: `fzjcdt/NAS-EA-FA` `nas101_utils.py`, `nas201_utils.py`, `nas201to101.py`,
/// `utils.py`; ALGORITHMS.md §1.4–§1.5 (Dervisi's encodings §2.5).
/// Conformances: `NB101Space` (36-entry sequence of the pruned cell, Pan's or Dervisi's
/// one-hot; isomorphic relabellings) and `NATSTopologySpace` (Pan's 24-bit NB101-style
/// sequence; the distinct sequences of the Pan-hash class).
public protocol NASEAFASpace: SearchSpace {
    /// What the evaluation cache (`get_*_from_history`) is keyed by: the graph hash.
    associatedtype EvaluationKey: Hashable & Sendable

    /// The number of entries of the sequence (36 for NB101, 24 for NATS topology).
    var naseafaSequenceLength: Int { get }

    /// `POP`, K and H of the reference for this space (ALGORITHMS.md §1.1).
    var naseafaConstants: NASEAFA.Constants { get }

    /// The sequence, entry i in bit i.
    func naseafaSequence(of architecture: Architecture, variant: NASEAFA.Variant) -> UInt64

    /// The training sequences one evaluated architecture contributes in v2, each labelled
    /// with its fitness; duplicates kept where the reference keeps them.
    func naseafaAugmentedSequences(of architecture: Architecture, variant: NASEAFA.Variant) -> [UInt64]

    /// The key of the reference's evaluation cache.
    func naseafaKey(of architecture: Architecture) -> EvaluationKey

    /// The reference's bitwise mutation (§1.4), whatever mutation the space is configured with.
    func naseafaMutation(_ architecture: Architecture, variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> Architecture

    /// The reference's random initial individual.
    func naseafaRandomIndividual(variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> Architecture

    /// The architectures whose records Pan's query pools with this one's
    /// (`NASEAFA.Answers.classPool`), the architecture itself included, in a fixed order.
    /// The default, the architecture alone, answers its own row.
    func naseafaPool(of architecture: Architecture) -> [Architecture]

    /// The cell graph the GCN surrogate reads (docs/ALGORITHMS.md, NAS-EA-FA); nil where the space has
    /// none (the default) or the architecture is not a valid cell.
    func naseafaGraph(of architecture: Architecture) -> CellGraph?
}

extension NASEAFASpace {
    public func naseafaGraph(of architecture: Architecture) -> CellGraph? { nil }

    public func naseafaPool(of architecture: Architecture) -> [Architecture] { [architecture] }

    /// The sequence as the surrogate's feature row (0/1 doubles).
    ///
    /// - Complexity: O(length)
    public func naseafaFeatures(of architecture: Architecture, variant: NASEAFA.Variant) -> [Double] {
        let bits = naseafaSequence(of: architecture, variant: variant)
        return (0..<naseafaSequenceLength).map { Double(bits >> UInt64($0) & 1) }
    }
}
