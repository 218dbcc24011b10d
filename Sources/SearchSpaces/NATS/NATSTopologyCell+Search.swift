import NASCore

/// How a NATS topology cell is mutated. Both published operators, by name.
public enum NATSTopologyMutation: String, Sendable, CaseIterable {
    /// NATS-Bench REA (`AutoDL-Projects/exps/NATS-algos/regularized_ea.py`, ALGORITHMS.md §3.2):
    /// pick one of the 3 nodes uniformly, then one of its incoming edges uniformly, then
    /// re-draw an op among all 5 until it differs. Edges into node 1 are thus picked more
    /// often (1/3) than edges into node 3 (1/9 each).
    case natsBench = "nats-bench"
    /// NASLib (`naslib/search_spaces/nasbench201/graph.py`, §3.3): one of the 6 edges
    /// uniformly, changed to a different op uniformly.
    case naslib = "naslib"
}

extension NATSTopologyCell {
    /// Each edge gets an op uniformly among the 5 (NATS-Bench `random_topology_func`).
    public static func sample(using rng: inout some RandomNumberGenerator) -> NATSTopologyCell {
        NATSTopologyCell(code: rng.nextInt(below: cellCount))
    }

    public func mutated(_ variant: NATSTopologyMutation, using rng: inout some RandomNumberGenerator) -> NATSTopologyCell {
        var child = self
        let edge: Int
        switch variant {
        case .natsBench:
            let node = 1 + rng.nextInt(below: 3)
            let source = rng.nextInt(below: node)
            edge = Self.edges.firstIndex { $0.to == node && $0.from == source }!   // every (node, source) exists
            let current = op(at: edge)
            var op = current
            while op == current { op = NATSOp(rawValue: UInt8(rng.nextInt(below: 5)))! }
            child.setOp(op, at: edge)
        case .naslib:
            edge = rng.nextInt(below: Self.edgeCount)
            let current = Int(op(at: edge).rawValue)
            let draw = rng.nextInt(below: 4)
            child.setOp(NATSOp(rawValue: UInt8(draw >= current ? draw + 1 : draw))!, at: edge)
        }
        return child
    }

    /// One-hot features: 6 edges × 5 ops = 30 entries, edge-major, ops in `NATSOp` order.
    public var oneHot: [Double] {
        var features = [Double](repeating: 0, count: Self.edgeCount * 5)
        for (e, op) in ops.enumerated() { features[e * 5 + Int(op.rawValue)] = 1 }
        return features
    }

    /// Integer genes (one per edge, 0…4 in `NATSOp` order) for SBX/PM operators.
    public var genes: [Int] { ops.map { Int($0.rawValue) } }

    public init(genes: [Int]) {
        self.init(ops: genes.map { NATSOp(rawValue: UInt8(max(0, min(4, $0))))! })
    }
}
