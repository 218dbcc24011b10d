/// Which one-hot code the 36-entry sequence gives an op.
///
/// ```swift
/// let seq = try cell.sequence(.pan)   // 36 values in {0, 1}
/// ```
public enum NB101SequenceConvention: String, CaseIterable, Sendable {
    /// NAS-EA-FA (`nas101_utils.get_sequences`, ALGORITHMS.md §1.5):
    /// conv1x1 = 100, conv3x3 = 010, maxpool = 001.
    case pan
    /// Dervisi (`nasbench101_utils_dnc.py`, ALGORITHMS.md §2.5):
    /// conv1x1 = 001, conv3x3 = 010, maxpool = 100.
    case dervisi

    /// The 3 one-hot bits of an inner op, first entry in bit 0.
    @inlinable
    func oneHot(_ op: NB101Op) -> UInt64 {
        switch (self, op) {
        case (.pan, .conv1x1), (.dervisi, .maxpool3x3): 0b001
        case (_, .conv3x3): 0b010
        case (.pan, .maxpool3x3), (.dervisi, .conv1x1): 0b100
        default: 0
        }
    }
}

extension NB101Cell {
    /// The 36-entry sequence of NAS-EA-FA, entry i in bit i: 5 × 3 one-hot op bits, then
    /// the 21 strict-upper-triangle bits of a 7×7 matrix, built from the **pruned** graph
    /// placed in the top-left corner (so the output sits at index V−1, not 6).
    ///
    /// ```swift
    /// let a = try x.sequenceBits(.pan), b = try y.sequenceBits(.pan)
    /// let hamming = (a ^ b).nonzeroBitCount   // NAS-EA-FA's distance
    /// ```
    ///
    /// Reference: `fzjcdt/NAS-EA-FA` `nas101_utils.get_sequences` (ALGORITHMS.md §1.5).
    ///
    /// - Throws: `NB101Invalidity` for a cell nasbench rejects.
    /// - Complexity: O(1), no allocation.
    public func sequenceBits(_ convention: NB101SequenceConvention = .pan) throws(NB101Invalidity) -> UInt64 {
        try validated().prunedSequenceBits(convention)
    }

    /// `sequenceBits` of a cell that is already pruned.
    @inlinable
    func prunedSequenceBits(_ convention: NB101SequenceConvention) -> UInt64 {
        let n = vertexCount
        var bits: UInt64 = 0
        for i in 1...5 where i < n {
            let op = op(at: i)
            if op != .output { bits |= convention.oneHot(op) << UInt64(3 * (i - 1)) }
        }
        var position: UInt64 = 15
        for r in 0..<6 {
            for c in (r + 1)..<7 {
                if r < n, c < n, successorMasks >> UInt64(8 * r + c) & 1 == 1 { bits |= 1 << position }
                position += 1
            }
        }
        return bits
    }

    /// The 36-entry sequence as 0/1 values (see `sequenceBits`).
    ///
    /// - Complexity: O(1)
    public func sequence(_ convention: NB101SequenceConvention = .pan) throws(NB101Invalidity) -> [UInt8] {
        let bits = try sequenceBits(convention)
        return (0..<36).map { UInt8(truncatingIfNeeded: bits >> UInt64($0) & 1) }
    }

    /// The sequence as a string of 36 '0'/'1' characters, e.g.
    /// `100010010010001111010000010001100011` for the README's Inception-like cell.
    public func sequenceString(_ convention: NB101SequenceConvention = .pan) throws(NB101Invalidity) -> String {
        let bits = try sequenceBits(convention)
        return String(decoding: (0..<36).map { bits >> UInt64($0) & 1 == 1 ? UInt8(ascii: "1") : UInt8(ascii: "0") },
                      as: UTF8.self)
    }
}
