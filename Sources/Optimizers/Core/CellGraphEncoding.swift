import Predictors
import SearchSpaces

// The cell graphs of the graph predictors (GCN): here, the lowest layer that sees both the
// spaces and the predictors, so NAS-EA-FA's GCN surrogate and the predictor experiments
// share one encoding.

extension NATSTopologyCell {
    /// Pan's NB201 → NB101-style graph of this cell, pruned (`CellGraph.nasBench201`):
    /// 8 nodes at most, 6 one-hot node features.
    ///
    /// ```swift
    /// let row = try cell.cellGraph.packedRow(maxNodes: 8)   // a GCN feature row
    /// ```
    public var cellGraph: CellGraph {
        // Six codes in 0…4 always satisfy `nasBench201`'s checks.
        (try? CellGraph.nasBench201(edgeOps: ops.map { Int($0.rawValue) }))
            ?? CellGraph.disconnectedNASBench201
    }
}

extension NB101Cell {
    /// The pruned cell as a graph with NB101's 5 one-hot node features
    /// (`CellGraph.NASBench101Label`); nil for a cell that pruning leaves invalid.
    ///
    /// ```swift
    /// let graph = cell.cellGraph      // ≤ 7 nodes
    /// ```
    public var cellGraph: CellGraph? {
        guard let kept = pruned() else { return nil }
        let n = kept.vertexCount
        var edges: [(from: Int, to: Int)] = []
        for i in 0..<n { for j in 0..<n where kept.hasEdge(i, j) { edges.append((i, j)) } }
        let labels = kept.ops.map { op -> Int in
            switch op {
            case .input: CellGraph.NASBench101Label.input.rawValue
            case .output: CellGraph.NASBench101Label.output.rawValue
            case .conv1x1: CellGraph.NASBench101Label.conv1x1.rawValue
            case .conv3x3: CellGraph.NASBench101Label.conv3x3.rawValue
            case .maxpool3x3: CellGraph.NASBench101Label.maxPool3x3.rawValue
            }
        }
        return try? CellGraph(edges: edges, labels: labels, labelCount: CellGraph.NASBench101Label.allCases.count)
    }
}

extension CellGraph {
    /// The shape every disconnected NAS-Bench-201 cell maps to.
    static var disconnectedNASBench201: CellGraph {
        let width = NASBench201Label.allCases.count
        var features = [Double](repeating: 0, count: 2 * width)
        features[NASBench201Label.input.rawValue] = 1
        features[width + NASBench201Label.output.rawValue] = 1
        return (try? CellGraph(nodeCount: 2, adjacency: [0, 0, 0, 0], features: features, featureCount: width))
            ?? { preconditionFailure("the two-node graph is well-formed") }()
    }
}
