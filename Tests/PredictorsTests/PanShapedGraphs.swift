@testable import Predictors

/// Graphs shaped like Pan's NB201 → NB101-style cell graphs (ALGORITHMS.md §1.5), built from
/// `CellGraph`'s own edge list and `pruned()`, so the GCN tests have realistic inputs
/// without a search space. The search spaces' encoding (`NATSTopologyCell.panGraph`) is
/// pinned against this construction in OptimizersTests.
///
/// ```swift
/// let g = try PanShapedGraphs.graph(edgeOps: [3, 3, 3, 3, 3, 3])    // 8 nodes, 6 features
/// ```
enum PanShapedGraphs {
    /// Node labels, NB101's five plus skip (6 one-hot features).
    enum Label: Int, CaseIterable {
        case input = 0, output, conv1x1, conv3x3, avgPool3x3, skipConnect
    }

    /// Ops in arch-string edge order, codes as xautodl's list: 0 none, 1 skip, 2 conv1x1,
    /// 3 conv3x3, 4 avg-pool. Disconnected cells give the two-node input/output graph.
    static func graph(edgeOps: [Int]) throws -> CellGraph {
        precondition(edgeOps.count == 6 && edgeOps.allSatisfy { (0...4).contains($0) })
        let base: [(from: Int, to: Int)] = [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)]
        let edges = base.filter { edge in edge.from == 0 || edgeOps[edge.from - 1] != 0 }
        let opLabels: [Label?] = [nil, .skipConnect, .conv1x1, .conv3x3, .avgPool3x3]
        let labels = [Label.input.rawValue] + edgeOps.map { (opLabels[$0] ?? .skipConnect).rawValue } + [Label.output.rawValue]
        let full = try CellGraph(edges: edges, labels: labels, labelCount: Label.allCases.count)
        if let kept = full.pruned() { return kept }
        return try CellGraph(edges: [], labels: [Label.input.rawValue, Label.output.rawValue], labelCount: Label.allCases.count)
    }
}
