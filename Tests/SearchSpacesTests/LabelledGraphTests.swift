import Testing
@testable import SearchSpaces

/// The cell graphs the graph predictors read, as plain labelled DAGs: Pan's NB201 →
/// NB101-style graph of a NATS cell (`fzjcdt/NAS-EA-FA` `nas201to101.py`, ALGORITHMS.md
/// §1.5) and the pruned NB101 cell (§2.6), both labelled with Dervisi's GCN vocabularies.
@Suite struct LabelledGraphTests {
    typealias NATSLabel = NATSTopologyCell.GraphLabel

    /// A cell from xautodl op codes (0 none, 1 skip, 2 conv1x1, 3 conv3x3, 4 avg-pool).
    static func cell(_ codes: [UInt8]) -> NATSTopologyCell {
        NATSTopologyCell(ops: codes.compactMap(NATSOp.init(rawValue:)))
    }

    @Test func aLabelledDAGKeepsForwardEdgesInRowMajorOrderAndRefusesOthers() throws {
        let dag = try #require(LabelledDAG(edges: [(1, 2), (0, 1), (0, 1)], labels: [0, 3, 1], labelCount: 5))
        #expect(dag.nodeCount == 3)
        #expect(dag.edges == [.init(from: 0, to: 1), .init(from: 1, to: 2)])
        #expect(dag == LabelledDAG(edges: [(0, 1), (1, 2)], labels: [0, 3, 1], labelCount: 5))
        #expect(dag.hasEdge(0, 1) && !dag.hasEdge(0, 2))
        #expect(LabelledDAG(edges: [(1, 0)], labels: [0, 1], labelCount: 5) == nil, "edges point forward")
        #expect(LabelledDAG(edges: [(0, 2)], labels: [0, 1], labelCount: 5) == nil, "edges stay inside the graph")
        #expect(LabelledDAG(edges: [], labels: [0, 5], labelCount: 5) == nil, "labels stay inside the vocabulary")
        #expect(LabelledDAG(edges: [], labels: [], labelCount: 5) == nil, "a graph has a node")
    }

    @Test func pansGraphOfTheAllConv3x3CellHas8NodesAndTheFixed10EdgeBaseMatrix() {
        let g = Self.cell([3, 3, 3, 3, 3, 3]).panGraph
        #expect(g.nodeCount == 8 && g.edges.count == 10 && g.labelCount == 6)
        for (a, b) in [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)] { #expect(g.hasEdge(a, b)) }
        #expect(g.labels == [NATSLabel.input.rawValue] + Array(repeating: NATSLabel.conv3x3.rawValue, count: 6) + [NATSLabel.output.rawValue])
    }

    @Test func noneCutsAVertexsOutgoingEdgesAndPruningRemovesWhatHangsOffThePath() {
        // Only edge (3←0) is an op: input → v4 → output.
        let g = Self.cell([0, 0, 0, 2, 0, 0]).panGraph
        #expect(g.nodeCount == 3 && g.hasEdge(0, 1) && g.hasEdge(1, 2))
        #expect(g.labels[1] == NATSLabel.conv1x1.rawValue)
        // Edge (1←0) feeds only (2←1) and (3←1), both none: vertex 1 is dropped.
        #expect(Self.cell([3, 0, 0, 3, 0, 0]).panGraph.nodeCount == 3)
    }

    @Test func disconnectedCellsShareTheTwoNodeInputOutputGraph() {
        let g = Self.cell([3, 3, 3, 0, 0, 0]).panGraph
        #expect(g.nodeCount == 2 && g.edges.isEmpty)
        #expect(g.labels == [NATSLabel.input.rawValue, NATSLabel.output.rawValue])
        #expect(Self.cell([0, 0, 0, 0, 0, 0]).panGraph == g)
        // The disconnected graph is exactly the class Pan hashes to md5('invalid').
        for code in stride(from: 0, to: NATSTopologyCell.cellCount, by: 7) {
            let cell = NATSTopologyCell(code: code)
            #expect((cell.panGraph == g) == (cell.panHash == NATSTopologyCell.panInvalidHash))
        }
    }

    @Test func cellsOfOnePanHashClassShareOneGraphShape() {
        // Pan's hash is isomorphism-invariant; the graph keeps node order, so equal hashes
        // give graphs with equal node and edge counts and equal label multisets.
        for members in NATSPanClasses.shared.members where members.count > 1 {
            let graphs = members.prefix(4).map { NATSTopologyCell(code: $0).panGraph }
            for g in graphs.dropFirst() {
                #expect(g.nodeCount == graphs[0].nodeCount && g.edges.count == graphs[0].edges.count)
                #expect(g.labels.sorted() == graphs[0].labels.sorted())
            }
        }
    }

    @Test func theNB101GraphIsThePrunedCellWithDervisisFiveLabels() throws {
        // Vertex 2 reaches no output and vertex 3 is unreachable from the input.
        let cell = try NB101Cell(adjacency: "0110000001000000000100000", ops: "in,c3,c1,mp3,out")
        let g = try #require(cell.labelledGraph)
        typealias Label = NB101Cell.GraphLabel
        #expect(g.labelCount == 5)
        #expect(g.labels == [Label.input.rawValue, Label.conv3x3.rawValue, Label.output.rawValue])
        #expect(g.edges == [.init(from: 0, to: 1), .init(from: 1, to: 2)])
        let full = try NB101Cell(matrix: [[0, 1, 1, 0], [0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 0]], ops: [.input, .conv1x1, .maxpool3x3, .output])
        #expect(try #require(full.labelledGraph).labels == [0, Label.conv1x1.rawValue, Label.maxPool3x3.rawValue, 1])
        let cut = try NB101Cell(matrix: [[0, 1, 0], [0, 0, 0], [0, 0, 0]], ops: [.input, .conv3x3, .output])
        #expect(cut.labelledGraph == nil)
    }
}
