import NASCore

/// The NATS-Bench topology space (NAS-Bench-201) with a chosen mutation operator.
///
/// ```swift
/// let space = try NATSTopologySpace(mutationName: "nats-bench")
/// ```
public struct NATSTopologySpace: SearchSpace {
    public typealias Architecture = NATSTopologyCell

    public enum Mutation: String, Sendable, CaseIterable {
        /// NATS-Bench REA: one node, one of its edges, a different op (§3.2).
        case natsBench = "nats-bench"
        /// NASLib: one of the 6 edges, a different op (§3.3).
        case naslib = "naslib"
        /// NAS-EA-FA bitwise (Pan, `nas201_utils.py`, §1.4): each of the 6 edges, with
        /// p = 1/6, to a different op; possibly no change at all.
        case bitwise = "nas-ea-fa"
    }

    public var mutation: Mutation
    public var name: String { "nats-topology" }

    public init(mutation: Mutation = .natsBench) { self.mutation = mutation }

    public init(mutationName: String) throws(SearchSpaceError) {
        guard let m = Mutation(rawValue: mutationName) else {
            throw SearchSpaceError("mutation '\(mutationName)' is not a NATS topology variant; use one of \(Mutation.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.init(mutation: m)
    }

    public func sample(using rng: inout Xoshiro256StarStar) -> NATSTopologyCell {
        NATSTopologyCell.sample(using: &rng)
    }

    public func mutate(_ cell: NATSTopologyCell, using rng: inout Xoshiro256StarStar) -> NATSTopologyCell {
        switch mutation {
        case .natsBench: return cell.mutated(.natsBench, using: &rng)
        case .naslib: return cell.mutated(.naslib, using: &rng)
        case .bitwise:
            var child = cell
            for edge in 0..<NATSTopologyCell.edgeCount where rng.nextBernoulli(1.0 / 6) {
                let current = Int(cell.op(at: edge).rawValue)
                let draw = rng.nextInt(below: 4)
                child.setOp(NATSOp(rawValue: UInt8(draw >= current ? draw + 1 : draw))!, at: edge)
            }
            return child
        }
    }

    public var geneBounds: [ClosedRange<Int>] { Array(repeating: 0...4, count: NATSTopologyCell.edgeCount) }
    public func genes(of cell: NATSTopologyCell) -> [Int] { cell.genes }
    public func architecture(fromGenes genes: [Int], using rng: inout Xoshiro256StarStar) -> NATSTopologyCell {
        NATSTopologyCell(genes: genes)
    }
    public func features(of cell: NATSTopologyCell) -> [Double] { cell.oneHot }
    public func describe(_ cell: NATSTopologyCell) -> String { cell.archString }
}
