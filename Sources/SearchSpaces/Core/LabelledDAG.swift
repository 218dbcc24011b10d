/// A cell as a small directed acyclic graph with one label per node: the plain encoding a
/// graph predictor reads. Node 0 is the input and the last node the output, as in
/// NAS-Bench-101; edges point forward, from producer to consumer.
///
/// ```swift
/// // input → conv3x3 → output over NB101's 5 labels
/// let dag = LabelledDAG(edges: [(0, 1), (1, 2)], labels: [0, 3, 1], labelCount: 5)
/// dag?.nodeCount          // 3
/// dag?.hasEdge(0, 1)      // true
/// ```
///
/// The spaces say which nodes, edges and labels a cell's graph has (`NB101Cell.labelledGraph`,
/// `NATSTopologyCell.panGraph`); a predictor turns the value into its own graph type (the
/// GCN's one-hot `CellGraph`), so this layer needs no predictor and the predictors need no
/// search space (DESIGN.md, Layers).
public struct LabelledDAG: Sendable, Hashable {
    /// A directed edge `from → to`, `from < to`.
    public struct Edge: Sendable, Hashable {
        public let from: Int
        public let to: Int
    }

    /// Edges in row-major order of the adjacency matrix (by `from`, then `to`).
    public let edges: [Edge]
    /// One label per node, each in `0..<labelCount`.
    public let labels: [Int]
    /// The size of the label vocabulary (the width of a one-hot node feature).
    public let labelCount: Int

    public var nodeCount: Int { labels.count }

    /// A graph from an edge list and one label per node; nil unless there is a node, every
    /// label lies in `0..<labelCount` and every edge goes forward between two nodes.
    ///
    /// - Complexity: O(nodes + edges · log edges)
    public init?(edges: [(from: Int, to: Int)], labels: [Int], labelCount: Int) {
        let n = labels.count
        guard n >= 1, labelCount >= 1, labels.allSatisfy({ (0..<labelCount).contains($0) }),
              edges.allSatisfy({ 0 <= $0.from && $0.from < $0.to && $0.to < n }) else { return nil }
        // One order for equal graphs, so that equality and hashing see the graph, not the list.
        let unique = Set(edges.map { Edge(from: $0.from, to: $0.to) })
        self.edges = unique.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
        self.labels = labels
        self.labelCount = labelCount
    }

    public func hasEdge(_ from: Int, _ to: Int) -> Bool { edges.contains(Edge(from: from, to: to)) }
}
