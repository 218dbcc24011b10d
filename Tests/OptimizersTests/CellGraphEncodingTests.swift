import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Optimizers

/// The GCN's cell graphs after the move of the encodings to SearchSpaces: the one-hot
/// `CellGraph` of a space's `LabelledDAG` is the graph the earlier construction in
/// Predictors/Optimizers built, so GCN features stay bit-identical.
@Suite struct CellGraphEncodingTests {
    /// The earlier `CellGraph.nasBench201(edgeOps:)`: Pan's full 8-node graph (ALGORITHMS.md
    /// §1.5) with generic pruning, a different algorithm from the space's bit-mask one.
    static func panReference(_ cell: NATSTopologyCell) throws -> CellGraph {
        let codes = cell.ops.map { Int($0.rawValue) }
        let base: [(from: Int, to: Int)] = [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)]
        let edges = base.filter { edge in edge.from == 0 || codes[edge.from - 1] != 0 }
        // input 0, output 1, conv1x1 2, conv3x3 3, avg-pool 4, skip 5, by xautodl op code.
        let opLabel = [5, 5, 2, 3, 4]
        let full = try CellGraph(edges: edges, labels: [0] + codes.map { opLabel[$0] } + [1], labelCount: 6)
        return try full.pruned() ?? CellGraph(edges: [], labels: [0, 1], labelCount: 6)
    }

    /// The earlier `NB101Cell.cellGraph`: the pruned cell, labels input 0, output 1,
    /// conv1x1 2, conv3x3 3, maxpool 4.
    static func nb101Reference(_ cell: NB101Cell) throws -> CellGraph? {
        guard let kept = cell.pruned() else { return nil }
        let n = kept.vertexCount
        var edges: [(from: Int, to: Int)] = []
        for i in 0..<n { for j in 0..<n where kept.hasEdge(i, j) { edges.append((i, j)) } }
        let labels = kept.ops.map { op -> Int in
            switch op {
            case .input: 0
            case .output: 1
            case .conv1x1: 2
            case .conv3x3: 3
            case .maxpool3x3: 4
            }
        }
        return try CellGraph(edges: edges, labels: labels, labelCount: 5)
    }

    @Test func everyNATSCellsGraphAndPackedRowAreTheEarlierOnes() throws {
        for code in 0..<NATSTopologyCell.cellCount {
            let cell = NATSTopologyCell(code: code)
            let reference = try Self.panReference(cell)
            #expect(cell.cellGraph == reference)
            #expect(try cell.cellGraph.packedRow(maxNodes: 8) == reference.packedRow(maxNodes: 8))
        }
    }

    @Test func nb101CellGraphsAreTheEarlierOnes() throws {
        var rng = Xoshiro256StarStar(seed: 11)
        var disconnected = 0
        for k in 0..<3_000 {
            // Raw random genotypes include disconnected cells and ones with > 9 edges.
            let cell = k % 2 == 0
                ? NB101Sampling.nasbench.sample(using: &rng)
                : NB101Cell(edgeBits: UInt32(truncatingIfNeeded: rng.next()) & 0x1F_FFFF,
                            innerOps: (rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps),
                                       rng.choose(from: NB101Op.innerOps), rng.choose(from: NB101Op.innerOps)))
            let reference = try Self.nb101Reference(cell)
            #expect(cell.cellGraph == reference)
            if reference == nil { disconnected += 1 }
        }
        #expect(disconnected > 0, "the sample covers disconnected cells")
    }

    @Test func theNASEAFASpacesHandTheGCNTheseGraphs() throws {
        let cell = NATSTopologyCell(code: 1_234)
        #expect(NATSTopologySpace().naseafaGraph(of: cell) == (try Self.panReference(cell)))
        var rng = Xoshiro256StarStar(seed: 3)
        let nb101 = NB101Sampling.nasEAFA.sample(using: &rng)
        #expect(NB101Space().naseafaGraph(of: nb101) == (try Self.nb101Reference(nb101)))
    }
}
