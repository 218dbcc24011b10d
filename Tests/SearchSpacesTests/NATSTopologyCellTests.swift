import Foundation
import NASCore
import Testing
@testable import SearchSpaces

@Suite struct NATSTopologyCellTests {
    @Test func codeAndOpsRoundTrip() {
        for code in stride(from: 0, to: NATSTopologyCell.cellCount, by: 7) {
            let cell = NATSTopologyCell(code: code)
            #expect(NATSTopologyCell(ops: cell.ops) == cell)
            #expect(NATSTopologyCell(genes: cell.genes) == cell)
            #expect((try? NATSTopologyCell(archString: cell.archString)) == cell)
        }
    }

    @Test func naslibTupleUsesNASLibEdgeOrderAndOpCodes() throws {
        // Row 0 of the shared table: arch string and NASLib tuple of the same cell.
        let cell = try NATSTopologyCell(archString: "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
        #expect(cell.naslibTuple == "4-3-3-0-0-0")
        #expect(try NATSTopologyCell(naslibTuple: "(4, 3, 3, 0, 0, 0)") == cell)
    }

    /// Mutates `trials` random cells; checks each child differs in exactly one edge and
    /// returns how often each edge was the one changed.
    func editedEdgeShares(_ variant: NATSTopologyMutation, trials: Int, seed: UInt64) -> [Double] {
        var rng = Xoshiro256StarStar(seed: seed)
        var perEdge = [Int](repeating: 0, count: 6)
        for _ in 0..<trials {
            let parent = NATSTopologyCell.sample(using: &rng)
            let child = parent.mutated(variant, using: &rng)
            let changed = (0..<6).filter { parent.op(at: $0) != child.op(at: $0) }
            #expect(changed.count == 1)
            if let edge = changed.first { perEdge[edge] += 1 }
        }
        return perEdge.map { Double($0) / Double(trials) }
    }

    @Test func naslibMutationChangesExactlyOneEdgeUniformly() {
        for share in editedEdgeShares(.naslib, trials: 60_000, seed: 11) {
            #expect(Swift.abs(share - 1.0 / 6) < 0.01)
        }
    }

    /// NATS-Bench REA picks a node (1/3 each) then one of its inputs, so the edge into node 1
    /// changes with probability 1/3, node 2's two edges 1/6 each, node 3's three 1/9 each.
    @Test func natsBenchMutationFollowsNodeThenEdgeProbabilities() {
        let third = 1.0 / 3, sixth = 1.0 / 6, ninth = 1.0 / 9
        let expected: [Double] = [third, sixth, sixth, ninth, ninth, ninth]
        for (share, p) in zip(editedEdgeShares(.natsBench, trials: 90_000, seed: 12), expected) {
            #expect(Swift.abs(share - p) < 0.01)
        }
    }

    @Test func oneHotHasOneBitPerEdge() {
        let cell = NATSTopologyCell(code: 1234)
        let features = cell.oneHot
        #expect(features.count == 30)
        #expect(features.reduce(0, +) == 6)
        for e in 0..<6 { #expect(features[e * 5 + Int(cell.op(at: e).rawValue)] == 1) }
    }

    @Test func samplingIsUniformOverOps() {
        var rng = Xoshiro256StarStar(seed: 3)
        var counts = [Int](repeating: 0, count: 5)
        for _ in 0..<20_000 { for op in NATSTopologyCell.sample(using: &rng).ops { counts[Int(op.rawValue)] += 1 } }
        for c in counts {
            let share: Double = Double(c) / 120_000
            #expect(Swift.abs(share - 0.2) < 0.01)
        }
    }
}

@Suite struct NATSFastParseTests {
    @Test func fastParserAgreesWithTheCheckedParserOnEveryCell() {
        for code in 0..<NATSTopologyCell.cellCount {
            let cell = NATSTopologyCell(code: code)
            #expect(NATSTopologyCell.parseFast(cell.archString) == cell)
        }
    }

    @Test func fastParserRejectsNearMisses() {
        let good = NATSTopologyCell(code: 99).archString
        #expect(NATSTopologyCell.parseFast(good + "|") == nil)
        #expect(NATSTopologyCell.parseFast(String(good.dropLast())) == nil)
        #expect(NATSTopologyCell.parseFast(good.replacingOccurrences(of: "~2", with: "~1")) == nil)
        #expect(NATSTopologyCell.parseFast("") == nil)
    }
}
