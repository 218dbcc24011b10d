extension CellGraph {
    /// The subgraph of nodes that lie on some path from the input (node 0) to the output
    /// (the last node), as NAS-Bench-101's `ModelSpec._prune` keeps them; `nil` when the
    /// output cannot be reached from the input.
    ///
    /// ```swift
    /// let kept = graph.pruned()     // dangling ops removed, node order kept
    /// ```
    ///
    /// Reference: google-research/nasbench `lib/model_spec.py` (ALGORITHMS.md §4).
    /// - Complexity: O(nodeCount²).
    public func pruned() -> CellGraph? {
        let n = nodeCount
        guard n >= 2 else { return self }
        var fromInput = [Bool](repeating: false, count: n)
        fromInput[0] = true
        // Nodes are topologically ordered (edges go forward), so one sweep each way suffices;
        // a fixed-point loop keeps it correct for any order.
        var changed = true
        while changed {
            changed = false
            for i in 0..<n where fromInput[i] {
                for j in 0..<n where hasEdge(i, j) && !fromInput[j] { fromInput[j] = true; changed = true }
            }
        }
        var toOutput = [Bool](repeating: false, count: n)
        toOutput[n - 1] = true
        changed = true
        while changed {
            changed = false
            for i in 0..<n where !toOutput[i] {
                if (0..<n).contains(where: { hasEdge(i, $0) && toOutput[$0] }) { toOutput[i] = true; changed = true }
            }
        }
        guard fromInput[n - 1] else { return nil }
        let kept = (0..<n).filter { fromInput[$0] && toOutput[$0] }
        return subgraph(kept)
    }

    /// The induced subgraph on `nodes`, in that order.
    public func subgraph(_ nodes: [Int]) -> CellGraph {
        let m = nodes.count
        var adjacency = [UInt8](repeating: 0, count: m * m)
        var features = [Double](repeating: 0, count: m * featureCount)
        for (a, i) in nodes.enumerated() {
            for (b, j) in nodes.enumerated() { adjacency[a * m + b] = self.adjacency[i * nodeCount + j] }
            for f in 0..<featureCount { features[a * featureCount + f] = self.features[i * featureCount + f] }
        }
        // Sizes match by construction.
        return CellGraph(unchecked: m, adjacency: adjacency, features: features, featureCount: featureCount)
    }

    init(unchecked nodeCount: Int, adjacency: [UInt8], features: [Double], featureCount: Int) {
        self.nodeCount = nodeCount
        self.featureCount = featureCount
        self.adjacency = adjacency
        self.features = features
    }
}
