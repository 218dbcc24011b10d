import NASCore
import Testing
@testable import Predictors

/// Cell graphs (pruning, packing) and the GCN.
@Suite struct GCNTests {
    @Test("Pruning keeps the nodes on an input–output path, in order, and nil when the output is cut off")
    func pruning() throws {
        // input → 1 → output, plus 2 (reached, reaches nothing) and 3 (unreached).
        let g = try CellGraph(edges: [(0, 1), (1, 4), (0, 2), (3, 4)], labels: [0, 3, 2, 4, 1], labelCount: 5)
        let kept = try #require(g.pruned())
        #expect(kept.nodeCount == 3 && kept.edgeCount == 2)
        #expect(kept.hasEdge(0, 1) && kept.hasEdge(1, 2))
        #expect(kept.features[1 * 5 + 3] == 1)
        let cut = try CellGraph(edges: [(0, 1)], labels: [0, 3, 1], labelCount: 5)
        #expect(cut.pruned() == nil)
        #expect(throws: PredictorError.self) { try CellGraph(edges: [(0, 3)], labels: [0, 1], labelCount: 5) }
        #expect(throws: PredictorError.self) { try CellGraph(edges: [], labels: [0, 5], labelCount: 5) }
    }

    @Test("Packed rows round-trip and reject bad widths and entries")
    func packing() throws {
        let g = try PanShapedGraphs.graph(edgeOps: [1, 2, 3, 4, 1, 2])
        let row = try g.packedRow(maxNodes: 8)
        #expect(row.count == 8 * 8 + 8 * 6)
        #expect(try CellGraph(packedRow: row, maxNodes: 8) == g)
        #expect(throws: PredictorError.self) { try CellGraph(packedRow: Array(row.dropLast()), maxNodes: 8) }
        var bad = row
        bad[1] = 0.5
        #expect(throws: PredictorError.self) { try CellGraph(packedRow: bad, maxNodes: 8) }
        #expect(throws: PredictorError.self) { try g.packedRow(maxNodes: 4) }
    }

    /// Every NB201 cell as (graph, target) where the target is a graph property a GCN can
    /// see but a count of edge ops cannot: the number of conv3x3 vertices on a path, plus a
    /// bonus when the path input→output is long.
    static func syntheticCells(count: Int, seed: UInt64) throws -> (graphs: [CellGraph], targets: [Double]) {
        var rng = Xoshiro256StarStar(seed: seed)
        var graphs: [CellGraph] = [], targets: [Double] = []
        for _ in 0..<count {
            let ops = (0..<6).map { _ in rng.nextInt(below: 5) }
            let g = try PanShapedGraphs.graph(edgeOps: ops)
            let convs = (0..<g.nodeCount).filter { g.features[$0 * 6 + PanShapedGraphs.Label.conv3x3.rawValue] == 1 }.count
            graphs.append(g)
            targets.append(Double(convs) * 3 + Double(g.nodeCount) + (g.edgeCount == 0 ? -10 : 0))
        }
        return (graphs, targets)
    }

    @Test("Learns a graph property: Kendall τ > 0.8 on held-out cells", arguments: [GraphConvolution.sageMean, .kipfWelling])
    func learnsAGraphProperty(layer: GraphConvolution) throws {
        let train = try Self.syntheticCells(count: 300, seed: 1), test = try Self.syntheticCells(count: 200, seed: 2)
        var gcn = GraphConvolutionalNetwork(configuration: .init(layer: layer, widths: [16, 16], head: [16], epochs: 40, seed: 4))
        try gcn.fit(graphs: train.graphs, targets: train.targets)
        let predicted = try gcn.predict(graphs: test.graphs)
        #expect(RegressionMetrics.kendallTau(actual: test.targets, predicted: predicted) > 0.8)
        #expect((gcn.lossHistory.last ?? 1) < (gcn.lossHistory.first ?? 0) / 4)
    }

    @Test("GCNRegressor on packed rows equals the network on graphs, and replays from its seed")
    func regressorMatchesNetwork() throws {
        let data = try Self.syntheticCells(count: 60, seed: 3)
        let configuration = GraphConvolutionalNetwork.Configuration(widths: [8], readout: .max, head: [4], epochs: 3, seed: 8)
        var network = GraphConvolutionalNetwork(configuration: configuration)
        try network.fit(graphs: data.graphs, targets: data.targets)
        var regressor = GCNRegressor(maxNodes: 8, configuration: configuration)
        let rows = try data.graphs.map { try $0.packedRow(maxNodes: 8) }
        try regressor.fit(rows: rows, targets: data.targets)
        #expect(try regressor.predict(rows: rows) == network.predict(graphs: data.graphs))
        var again = GCNRegressor(maxNodes: 8, configuration: configuration)
        try again.fit(rows: rows, targets: data.targets)
        #expect(try again.predict(rows: rows) == regressor.predict(rows: rows))
        #expect(throws: PredictorError.self) { try regressor.predict(rows: [[1, 2, 3]]) }
        var wrongNodes = GCNRegressor(maxNodes: 5, configuration: configuration)
        #expect(throws: PredictorError.self) { try wrongNodes.fit(rows: rows, targets: data.targets) }
    }

    @Test("The Dervisi preset has the widths of ALGORITHMS.md §2.6")
    func dervisiPreset() {
        let c = GraphConvolutionalNetwork.Configuration.dervisi()
        #expect(c.widths == [150, 75, 37, 18, 9] && c.readout == .max && c.head == [4])
        #expect(c.learningRate == 1e-3 && c.epochs == 101 && c.batchSize == 64 && c.seed == 42)
    }
}
