import NASCore

/// NAS-EA-FA's view of an NB201 cell as an NB101-style graph (Pan & Yao, IJCNN 2021):
/// every edge-op becomes a vertex, so the cell gets NB101's isomorphism-invariant hash and
/// a 24-bit sequence for the surrogate and the Hamming distance.
///
/// ```swift
/// let cell = try NATSTopologyCell(archString: "|nor_conv_3x3~0|+|none~0|none~1|+|skip_connect~0|none~1|none~2|")
/// cell.panHash                       // md5 digest; equal for every cell of the class
/// cell.panSequenceBits               // 24 bits, entry i in bit i
/// cell.panIsomorphicSequences        // the distinct sequences of the whole Pan-hash class
/// ```
///
/// Reference: `fzjcdt/NAS-EA-FA` `nas201to101.py` (`arch2hash_and_sequence`) and
/// `nas201_utils.get_all_isomorphic_sequences`; ALGORITHMS.md §1.5. The graph has the
/// input (0), the six ops (1…6, arch-string edge order) and the output (7) with the fixed
/// base matrix 0→1,0→2,0→4; 1→3,1→5; 2→6; 3→6; 4→7,5→7,6→7. A `none` op loses its
/// outgoing edges; the graph is then pruned as nasbench's `_prune` does. The hash labels
/// vertices by Pan's `ops_type` index (conv3x3 0, conv1x1 1, avg 2, skip 3, none 4; input −1,
/// output −2); a disconnected graph hashes to md5("invalid") and gets the all-zero sequence.
/// The 4-bit one-hot per vertex is skip 1000, avg 0100, conv1x1 0010, conv3x3 0001 (first
/// entry first), 0000 for `none` and for a pruned vertex.
extension NATSTopologyCell {
    /// Successor masks of Pan's base matrix: byte v has bit w set for an edge v→w.
    static let panBaseSuccessors: UInt64 = {
        let edges = [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)]
        return edges.reduce(0) { $0 | 1 << UInt64(8 * $1.0 + $1.1) }
    }()

    /// The 8-vertex graph before pruning: `none` vertices have no outgoing edges.
    ///
    /// - Complexity: O(1)
    public var panSuccessorMasks: UInt64 {
        var masks = Self.panBaseSuccessors
        for (e, op) in ops.enumerated() where op == .none { masks &= ~(0xFF << UInt64(8 * (e + 1))) }
        return masks
    }

    /// The vertices on an input→output path (bit v), nil when the graph is disconnected.
    /// Forward and backward sweeps in index order suffice: the matrix is upper-triangular.
    var panKeptVertices: UInt64? {
        let masks = panSuccessorMasks
        var fromInput: UInt64 = 1
        for v in 0..<8 where fromInput >> UInt64(v) & 1 == 1 { fromInput |= masks >> UInt64(8 * v) & 0xFF }
        var toOutput: UInt64 = 1 << 7
        for v in stride(from: 6, through: 0, by: -1) where masks >> UInt64(8 * v) & toOutput != 0 {
            toOutput |= 1 << UInt64(v)
        }
        let keep = fromInput & toOutput
        // nasbench: more than V−2 extraneous vertices ⇔ input and output disconnected.
        return keep & 0x81 == 0x81 ? keep : nil
    }

    /// Pan's `ops_type` index of an op: the hash label.
    static func panLabel(_ op: NATSOp) -> Int {
        switch op {
        case .conv3x3: 0
        case .conv1x1: 1
        case .avgPool3x3: 2
        case .skipConnect: 3
        case .none: 4
        }
    }

    /// The 4-bit one-hot of Pan's `ops2one_hot`, entry 0 in bit 0.
    static func panOneHot(_ op: NATSOp) -> UInt32 {
        switch op {
        case .skipConnect: 0b0001
        case .avgPool3x3: 0b0010
        case .conv1x1: 0b0100
        case .conv3x3: 0b1000
        case .none: 0
        }
    }

    /// md5("invalid"): Pan's hash of every disconnected cell.
    public static let panInvalidHash: MD5Digest = MD5.digest(Array("invalid".utf8))

    /// Pan's hash: NB101's `hash_module` of the pruned graph, or md5("invalid").
    ///
    /// - Complexity: O(V · (V + E)) MD5 blocks, V ≤ 8.
    public var panHash: MD5Digest {
        guard let keep = panKeptVertices else { return Self.panInvalidHash }
        let masks = panSuccessorMasks
        let o = ops
        var compact: UInt64 = 0, labels: [Int] = [], newIndex = 0
        for v in 0..<8 where keep >> UInt64(v) & 1 == 1 {
            var row: UInt64 = 0, bit: UInt64 = 0
            for w in 0..<8 where keep >> UInt64(w) & 1 == 1 {
                if masks >> UInt64(8 * v + w) & 1 == 1 { row |= 1 << bit }
                bit += 1
            }
            compact |= row << UInt64(8 * newIndex)
            labels.append(v == 0 ? -1 : v == 7 ? -2 : Self.panLabel(o[v - 1]))
            newIndex += 1
        }
        return NB101Cell.hashModule(successorMasks: compact, labels: labels)
    }

    /// Pan's 24-entry sequence, entry i in bit i (6 vertices × 4-bit one-hot).
    ///
    /// - Complexity: O(1)
    public var panSequenceBits: UInt32 {
        guard let keep = panKeptVertices else { return 0 }
        var bits: UInt32 = 0
        for (e, op) in ops.enumerated() where keep >> UInt64(e + 1) & 1 == 1 {
            bits |= Self.panOneHot(op) << UInt32(4 * e)
        }
        return bits
    }

    /// The sequence as 24 values in {0, 1}.
    public var panSequence: [UInt8] {
        let bits = panSequenceBits
        return (0..<24).map { UInt8(truncatingIfNeeded: bits >> UInt32($0) & 1) }
    }

    /// NAS-EA-FA's NB201 "data augmentation": the distinct sequences of all cells with this
    /// cell's Pan hash, first occurrence first. Pan lists the class in official NATS index
    /// order; without the index, the cells are taken in `code` order here, so the set is
    /// the same and only the order may differ.
    ///
    /// - Complexity: O(1) (a lookup in the precomputed `NATSPanClasses.shared`).
    public var panIsomorphicSequences: [UInt32] {
        let table = NATSPanClasses.shared
        return table.distinctSequences[table.classOfCode[code]]
    }

    /// The index of the cell's Pan-hash class in `NATSPanClasses.shared`.
    public var panClass: Int { NATSPanClasses.shared.classOfCode[code] }
}

/// The Pan-hash classes of all 15,625 NATS topology cells, computed once.
///
/// ```swift
/// let classes = NATSPanClasses.shared
/// classes.count                               // 8,765
/// classes.members[cell.panClass]              // the cells sharing its hash
/// ```
///
/// On the full space: 8,080 classes of 1 cell, 600 of 2, 80 of 58 and 5 of 341, one of
/// which is the disconnected class (ALGORITHMS.md §1.5). Classes are numbered by their
/// smallest `code`.
///
/// - Complexity: built once in O(15,625 · hash) ≈ 1 M MD5 blocks; lookups O(1).
public struct NATSPanClasses: Sendable {
    public static let shared = NATSPanClasses()

    /// Class index per cell code.
    public let classOfCode: [Int]
    /// Each class's hash.
    public let hashes: [MD5Digest]
    /// Each class's cell codes, ascending.
    public let members: [[Int]]
    /// Each class's distinct Pan sequences, in member order.
    public let distinctSequences: [[UInt32]]

    public var count: Int { hashes.count }

    init() {
        var classOf = [Int](repeating: 0, count: NATSTopologyCell.cellCount)
        var indexOfHash: [MD5Digest: Int] = [:]
        var hashes: [MD5Digest] = [], members: [[Int]] = [], sequences: [[UInt32]] = []
        for code in 0..<NATSTopologyCell.cellCount {
            let cell = NATSTopologyCell(code: code)
            let hash = cell.panHash
            let c: Int
            if let known = indexOfHash[hash] {
                c = known
            } else {
                c = hashes.count
                indexOfHash[hash] = c
                hashes.append(hash); members.append([]); sequences.append([])
            }
            classOf[code] = c
            members[c].append(code)
            let s = cell.panSequenceBits
            if !sequences[c].contains(s) { sequences[c].append(s) }
        }
        self.classOfCode = classOf
        self.hashes = hashes
        self.members = members
        self.distinctSequences = sequences
    }
}
