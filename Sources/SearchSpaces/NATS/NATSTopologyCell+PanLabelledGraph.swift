/// Pan's NB201 → NB101-style graph of a NATS topology cell as a labelled DAG, the input of
/// the graph predictors (Dervisi's GCN on NATS-TSS, ALGORITHMS.md §2.6; the GCN of the
/// predictor experiments).
///
/// ```swift
/// let cell = try NATSTopologyCell(archString: "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
/// cell.panGraph.nodeCount      // 8: input, six ops, output
/// cell.panGraph.labels[3]      // NATSTopologyCell.GraphLabel.conv3x3.rawValue
/// ```
///
/// The graph is the one `panHash` and `panSequenceBits` read (`NATSTopologyCell+PanGraph`,
/// ALGORITHMS.md §1.5, `nas201to101.py` of fzjcdt/NAS-EA-FA): each of the 6 edges
/// (arch-string order) becomes vertex 1…6 between input 0 and output 7, wired by the fixed
/// matrix 0→1,0→2,0→4; 1→3,1→5; 2→6; 3→6; 4→7,5→7,6→7; a `none` op loses its outgoing
/// edges, and pruning drops every vertex off an input–output path, so two cells that
/// compute the same function get the same graph. A cell whose output is cut off from its
/// input (all such cells train to chance accuracy) maps to the two-node graph input,
/// output with no edge: one shared, recognisable shape, where Pan's code hashes them all to
/// `md5('invalid')`.
extension NATSTopologyCell {
    /// Node labels of the graph: 6 classes, the TSS node vocabulary of Dervisi's GCN
    /// (ALGORITHMS.md §2.6: NB101's five plus skip).
    public enum GraphLabel: Int, CaseIterable, Sendable {
        case input = 0, output, conv1x1, conv3x3, avgPool3x3, skipConnect

        /// The label of an op vertex; nil for `none`, whose vertex pruning always removes.
        public init?(_ op: NATSOp) {
            switch op {
            case .none: return nil
            case .skipConnect: self = .skipConnect
            case .conv1x1: self = .conv1x1
            case .conv3x3: self = .conv3x3
            case .avgPool3x3: self = .avgPool3x3
            }
        }
    }

    /// Pan's graph of this cell, pruned: at most 8 nodes, labels from `GraphLabel`.
    ///
    /// - Complexity: O(1) (8 vertices).
    public var panGraph: LabelledDAG {
        let labelCount = GraphLabel.allCases.count
        guard let keep = panKeptVertices else { return Self.disconnectedPanGraph }
        let masks = panSuccessorMasks
        let o = ops
        let kept = (0..<8).filter { keep >> UInt64($0) & 1 == 1 }
        var edges: [(from: Int, to: Int)] = []
        for (a, v) in kept.enumerated() {
            for (b, w) in kept.enumerated() where masks >> UInt64(8 * v + w) & 1 == 1 { edges.append((a, b)) }
        }
        // A kept op vertex reaches the output, so it is never `none`.
        let labels = kept.map { v in
            (v == 0 ? GraphLabel.input : v == 7 ? .output : GraphLabel(o[v - 1]) ?? .skipConnect).rawValue
        }
        return LabelledDAG(edges: edges, labels: labels, labelCount: labelCount) ?? Self.disconnectedPanGraph
    }

    /// The shape every disconnected cell maps to: input and output, no edge.
    static let disconnectedPanGraph: LabelledDAG = {
        guard let dag = LabelledDAG(edges: [], labels: [GraphLabel.input.rawValue, GraphLabel.output.rawValue],
                                    labelCount: GraphLabel.allCases.count) else {
            preconditionFailure("the two-node graph is well-formed")
        }
        return dag
    }()
}
