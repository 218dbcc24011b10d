extension CellGraph {
    /// Node labels of NAS-Bench-201 / NATS-TSS graphs: 6 one-hot features, the TSS node
    /// vocabulary of Dervisi's GCN (ALGORITHMS.md §2.6: NB101's five plus skip).
    public enum NASBench201Label: Int, CaseIterable, Sendable {
        case input = 0, output, conv1x1, conv3x3, avgPool3x3, skipConnect
    }

    /// Pan's NB201 → NB101-style graph of a NATS topology cell, pruned
    /// (ALGORITHMS.md §1.5, `nas201to101.py` of fzjcdt/NAS-EA-FA).
    ///
    /// ```swift
    /// // ops in arch-string edge order, codes as xautodl's NAS_BENCH_201 list:
    /// // 0 none, 1 skip_connect, 2 nor_conv_1x1, 3 nor_conv_3x3, 4 avg_pool_3x3
    /// let g = try CellGraph.nasBench201(edgeOps: [3, 3, 3, 3, 3, 3])
    /// g.nodeCount    // 8: input, six ops, output
    /// ```
    ///
    /// NAS-Bench-201 puts ops on edges; a GCN over node features wants them on nodes. Each
    /// of the 6 edges (arch-string order (1←0),(2←0),(2←1),(3←0),(3←1),(3←2)) becomes
    /// vertex 1…6 between input 0 and output 7, wired by the fixed matrix
    /// 0→1,0→2,0→4; 1→3,1→5; 2→6; 3→6; 4→7,5→7,6→7. A `none` op removes that vertex's
    /// outgoing edges, and pruning then drops every vertex off an input–output path, so
    /// two cells that compute the same function get the same graph.
    ///
    /// A cell whose output is cut off from its input (all such cells train to chance
    /// accuracy) maps to the two-node graph input, output with no edge: one shared,
    /// recognisable shape, where Pan's code hashes them all to `md5('invalid')`.
    /// - Throws: `PredictorError.invalidParameter` unless there are 6 codes in 0…4.
    public static func nasBench201(edgeOps: [Int]) throws -> CellGraph {
        guard edgeOps.count == 6, edgeOps.allSatisfy({ (0...4).contains($0) }) else {
            throw PredictorError.invalidParameter("a NAS-Bench-201 cell has 6 edge ops with codes 0…4, got \(edgeOps)")
        }
        let base: [(from: Int, to: Int)] = [(0, 1), (0, 2), (0, 4), (1, 3), (1, 5), (2, 6), (3, 6), (4, 7), (5, 7), (6, 7)]
        let edges = base.filter { edge in edge.from == 0 || edgeOps[edge.from - 1] != 0 }
        let opLabels: [NASBench201Label?] = [nil, .skipConnect, .conv1x1, .conv3x3, .avgPool3x3]
        // A `none` vertex keeps a label so the graph is well-formed; pruning removes it.
        let labels = [NASBench201Label.input.rawValue]
            + edgeOps.map { (opLabels[$0] ?? .skipConnect).rawValue }
            + [NASBench201Label.output.rawValue]
        let full = try CellGraph(edges: edges, labels: labels, labelCount: NASBench201Label.allCases.count)
        if let kept = full.pruned() { return kept }
        return try CellGraph(edges: [], labels: [NASBench201Label.input.rawValue, NASBench201Label.output.rawValue],
                             labelCount: NASBench201Label.allCases.count)
    }

    /// Node labels of NAS-Bench-101 graphs: the 5-dimensional one-hot of Dervisi's GCN
    /// (ALGORITHMS.md §2.6).
    public enum NASBench101Label: Int, CaseIterable, Sendable {
        case input = 0, output, conv1x1, conv3x3, maxPool3x3
    }
}
