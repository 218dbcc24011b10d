/// A list of graphs flattened for batching: node features as one `Float` block, and each
/// graph's propagation entries in local node indices.
///
/// ```swift
/// let set = GraphSet(graphs, convolution: .sageMean)
/// let rows = set.assemble([4, 9, 2], features: h0, batch: &batch)   // rows = total nodes
/// ```
///
/// A mini-batch is the disjoint union of its graphs: their nodes stacked into one matrix,
/// so each layer's dense product runs once per batch instead of once per graph.
struct GraphSet: Sendable {
    let featureCount: Int
    let nodeStart: [Int]
    let nodeCount: [Int]
    let features: [Float]
    let entryStart: [Int]
    let entryTarget: [Int]
    let entrySource: [Int]
    let entryWeight: [Float]

    var count: Int { nodeCount.count }
    var maxNodes: Int { nodeCount.max() ?? 0 }
    var maxEntries: Int { (0..<count).map { entryStart[$0 + 1] - entryStart[$0] }.max() ?? 0 }

    init(_ graphs: [CellGraph], convolution: GraphConvolution) {
        featureCount = graphs.first?.featureCount ?? 0
        var nodeStart: [Int] = [], nodeCount: [Int] = [], features: [Float] = []
        var entryStart = [0], target: [Int] = [], source: [Int] = [], weight: [Float] = []
        for graph in graphs {
            nodeStart.append(features.count / max(featureCount, 1))
            nodeCount.append(graph.nodeCount)
            features.append(contentsOf: graph.features.map(Float.init))
            for entry in convolution.propagation(of: graph) {
                target.append(entry.target); source.append(entry.source); weight.append(entry.weight)
            }
            entryStart.append(target.count)
        }
        self.nodeStart = nodeStart; self.nodeCount = nodeCount; self.features = features
        self.entryStart = entryStart; self.entryTarget = target; self.entrySource = source; self.entryWeight = weight
    }

    /// One mini-batch in batch-global node indices; arrays keep their capacity between batches.
    struct Batch {
        var graphNodeStart: [Int] = []
        var graphNodeCount: [Int] = []
        var target: [Int] = []
        var source: [Int] = []
        var weight: [Float] = []
        var nodes = 0
        /// The entries grouped by target (P·H) and by source (Pᵀ·G).
        var byTarget = Adjacency()
        var bySource = Adjacency()
    }

    /// Entries grouped by the node they add into, each node's entries in entry order (a
    /// stable counting sort), so that a node's sum takes its terms in the order the
    /// entries list them, as adding entry after entry into the output would.
    struct Adjacency {
        /// The entries of node v are start[v] ..< start[v + 1].
        var start: [Int] = []
        /// The node each entry reads, and its weight.
        var from: [Int] = []
        var weight: [Float] = []
        /// Where the next entry of each node goes, while grouping.
        private var next: [Int] = []

        mutating func group(into to: [Int], from reads: [Int], weights: [Float], nodes: Int) {
            start.removeAll(keepingCapacity: true)
            start.append(contentsOf: repeatElement(0, count: nodes + 1))
            for v in to { start[v + 1] += 1 }
            for v in 0..<nodes { start[v + 1] += start[v] }
            next.removeAll(keepingCapacity: true)
            next.append(contentsOf: start.dropLast())
            from.removeAll(keepingCapacity: true)
            from.append(contentsOf: repeatElement(0, count: to.count))
            weight.removeAll(keepingCapacity: true)
            weight.append(contentsOf: repeatElement(0, count: to.count))
            for e in to.indices {
                let slot = next[to[e]]
                from[slot] = reads[e]
                weight[slot] = weights[e]
                next[to[e]] = slot + 1
            }
        }
    }

    /// Copies the node features of `members` into `h0` and their entries into `batch`,
    /// grouped both ways.
    func assemble(_ members: ArraySlice<Int>, into h0: UnsafeMutablePointer<Float>, batch: inout Batch) {
        batch.graphNodeStart.removeAll(keepingCapacity: true)
        batch.graphNodeCount.removeAll(keepingCapacity: true)
        batch.target.removeAll(keepingCapacity: true)
        batch.source.removeAll(keepingCapacity: true)
        batch.weight.removeAll(keepingCapacity: true)
        var offset = 0
        features.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            for g in members {
                batch.graphNodeStart.append(offset)
                batch.graphNodeCount.append(nodeCount[g])
                (h0 + offset * featureCount).update(from: base + nodeStart[g] * featureCount, count: nodeCount[g] * featureCount)
                for e in entryStart[g]..<entryStart[g + 1] {
                    batch.target.append(offset + entryTarget[e])
                    batch.source.append(offset + entrySource[e])
                    batch.weight.append(entryWeight[e])
                }
                offset += nodeCount[g]
            }
        }
        batch.nodes = offset
        batch.byTarget.group(into: batch.target, from: batch.source, weights: batch.weight, nodes: offset)
        batch.bySource.group(into: batch.source, from: batch.target, weights: batch.weight, nodes: offset)
    }
}
