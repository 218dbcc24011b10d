/// A NATS-Bench topology-space cell (NAS-Bench-201): 4 nodes, 6 edges, one op per edge.
///
/// ```swift
/// let cell = try NATSTopologyCell(archString: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
/// cell.archString            // prints it back
/// cell.naslibTuple           // "2-2-2-2-2-2"
/// ```
///
/// Edges are kept in arch-string order: (1←0), (2←0), (2←1), (3←0), (3←1), (3←2)
/// (ALGORITHMS.md §5.1). The cell is stored as one base-5 number, so it is cheap to hash,
/// copy and compare. That number is *not* the official benchmark index, whose order is a
/// stored list; `NATSTopologyIndex` maps between the two.
public struct NATSTopologyCell: Hashable, Sendable, CustomStringConvertible {
    public static let edgeCount = 6
    /// 5^6 = 15,625 cells.
    public static let cellCount = 15_625
    /// (target node, source node) of each edge, in arch-string order.
    public static let edges: [(to: Int, from: Int)] = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)]
    /// NASLib edge k is arch-string edge `naslibEdgeOrder[k]`: NASLib lists (1,2),(1,3),(1,4),
    /// (2,3),(2,4),(3,4) in 1-based nodes, i.e. 1←0, 2←0, 3←0, 2←1, 3←1, 3←2.
    public static let naslibEdgeOrder = [0, 1, 3, 2, 4, 5]

    /// Σ op(e)·5^e over the edges in arch-string order.
    public private(set) var code: Int

    public init(code: Int) {
        precondition((0..<Self.cellCount).contains(code), "NATS topology code out of range")
        self.code = code
    }

    public init(ops: [NATSOp]) {
        precondition(ops.count == Self.edgeCount, "a NATS topology cell has 6 edges")
        var code = 0
        for op in ops.reversed() { code = code * 5 + Int(op.rawValue) }
        self.code = code
    }

    public var ops: [NATSOp] {
        var c = code
        return (0..<Self.edgeCount).map { _ in
            defer { c /= 5 }
            return NATSOp(rawValue: UInt8(c % 5))!   // always 0...4
        }
    }

    public func op(at edge: Int) -> NATSOp {
        var c = code
        for _ in 0..<edge { c /= 5 }
        return NATSOp(rawValue: UInt8(c % 5))!
    }

    public mutating func setOp(_ op: NATSOp, at edge: Int) {
        var power = 1
        for _ in 0..<edge { power *= 5 }
        let current = (code / power) % 5
        code += (Int(op.rawValue) - current) * power
    }

    /// `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`
    public var archString: String {
        let o = ops.map(\.name)
        return "|\(o[0])~0|+|\(o[1])~0|\(o[2])~1|+|\(o[3])~0|\(o[4])~1|\(o[5])~2|"
    }

    public var description: String { archString }

    /// NASLib's dash-joined op indices in NASLib edge order, e.g. `4-3-3-0-0-0`.
    public var naslibTuple: String {
        let o = ops
        return Self.naslibEdgeOrder.map { String(o[$0].naslibCode) }.joined(separator: "-")
    }
}
