/// A NAS-Bench-101 cell as a labelled DAG, the input of the graph predictors (Dervisi's GCN
/// on NB101, ALGORITHMS.md §2.6).
///
/// ```swift
/// let cell = try NB101Cell(adjacency: "0110000001000000000100000", ops: "in,c3,c1,mp3,out")
/// cell.labelledGraph?.nodeCount    // 3: the pruned cell
/// ```
extension NB101Cell {
    /// Node labels of the graph: the 5-class one-hot vocabulary of Dervisi's GCN
    /// (docs/ALGORITHMS.md, NAS-EA-FA).
    public enum GraphLabel: Int, CaseIterable, Sendable {
        case input = 0, output, conv1x1, conv3x3, maxPool3x3

        public init(_ op: NB101Op) {
            switch op {
            case .input: self = .input
            case .output: self = .output
            case .conv1x1: self = .conv1x1
            case .conv3x3: self = .conv3x3
            case .maxpool3x3: self = .maxPool3x3
            }
        }
    }

    /// The pruned cell (`pruned()`, nasbench's `_prune`) as a graph labelled by
    /// `GraphLabel`, ≤ 7 nodes; nil for a cell whose input and output are disconnected.
    /// The edge and vertex limits of `validated()` are not applied.
    ///
    /// - Complexity: O(V²), V ≤ 7.
    public var labelledGraph: LabelledDAG? {
        guard let kept = pruned() else { return nil }
        let n = kept.vertexCount
        var edges: [(from: Int, to: Int)] = []
        for i in 0..<n { for j in 0..<n where kept.hasEdge(i, j) { edges.append((i, j)) } }
        return LabelledDAG(edges: edges, labels: kept.ops.map { GraphLabel($0).rawValue },
                           labelCount: GraphLabel.allCases.count)
    }
}
