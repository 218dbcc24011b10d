import Predictors
import SearchSpaces

// The cell graphs of the graph predictors (GCN). The spaces say which nodes, edges and labels
// a cell's graph has (`LabelledDAG`); the predictors' `CellGraph` one-hot encodes any such
// graph. This layer sees both, so it only joins them, and NAS-EA-FA's GCN surrogate and the
// predictor experiments share one encoding.

extension CellGraph {
    /// The graph of `dag` with one-hot node features over its `labelCount` labels.
    ///
    /// ```swift
    /// let graph = CellGraph(cell.panGraph)      // 6 one-hot features per node
    /// ```
    ///
    /// - Complexity: O(nodes² + nodes · labels)
    public init(_ dag: LabelledDAG) {
        // A LabelledDAG's labels and forward edges are in range by construction, which is
        // all the edge-list initialiser checks.
        guard let graph = try? CellGraph(edges: dag.edges.map { (from: $0.from, to: $0.to) }, labels: dag.labels,
                                         labelCount: dag.labelCount) else {
            preconditionFailure("a LabelledDAG is a well-formed cell graph")
        }
        self = graph
    }
}

extension NATSTopologyCell {
    /// Pan's NB201 → NB101-style graph of this cell, pruned (`panGraph`): 8 nodes at most,
    /// 6 one-hot node features (`NATSTopologyCell.GraphLabel`).
    ///
    /// ```swift
    /// let row = try cell.cellGraph.packedRow(maxNodes: 8)   // a GCN feature row
    /// ```
    public var cellGraph: CellGraph { CellGraph(panGraph) }
}

extension NB101Cell {
    /// The pruned cell as a graph with NB101's 5 one-hot node features
    /// (`NB101Cell.GraphLabel`); nil for a cell that pruning leaves disconnected.
    ///
    /// ```swift
    /// let graph = cell.cellGraph      // ≤ 7 nodes
    /// ```
    public var cellGraph: CellGraph? { labelledGraph.map(CellGraph.init) }
}
