/// The message-passing rule of one graph-convolution layer.
///
/// ```swift
/// var config = GraphConvolutionalNetwork.Configuration()
/// config.layer = .kipfWelling        // or .sageMean (the default)
/// ```
///
/// Both are written as `H' = ReLU(P·H·W_n [+ H·W_s] + b)` with a fixed sparse
/// propagation matrix P per graph, so one forward/backward code serves both.
public enum GraphConvolution: String, Sendable, Equatable, CaseIterable {
    /// Kipf & Welling, "Semi-Supervised Classification with Graph Convolutional Networks",
    /// ICLR 2017: `P = D̃^−½ (A + Aᵀ + I) D̃^−½` on the graph made undirected, with self
    /// loops; no separate self weight.
    case kipfWelling = "kipf-welling"
    /// GraphSAGE with the mean aggregator (Hamilton, Ying & Leskovec, "Inductive
    /// Representation Learning on Large Graphs", NeurIPS 2017), in DGL's `SAGEConv` form:
    /// `H' = ReLU(H·W_s + mean_{u→v} H_u · W_n + b)`, neighbours = predecessors (messages
    /// flow along edges, input to output); a node without predecessors aggregates 0.
    /// Dervisi's GCN uses the LSTM aggregator (docs/ALGORITHMS.md, NAS-EA-FA); the mean keeps the
    /// model order-invariant and cheap, and is what the `dervisi` preset uses instead.
    case sageMean = "sage-mean"

    var hasSelfWeight: Bool { self == .sageMean }

    /// The nonzero entries `(target, source, weight)` of P for one graph, in a fixed order.
    func propagation(of graph: CellGraph) -> [(target: Int, source: Int, weight: Float)] {
        let n = graph.nodeCount
        var entries: [(target: Int, source: Int, weight: Float)] = []
        switch self {
        case .sageMean:
            for v in 0..<n {
                let sources = graph.predecessors(of: v)
                for u in sources { entries.append((v, u, 1 / Float(sources.count))) }
            }
        case .kipfWelling:
            var neighbours = [[Int]](repeating: [], count: n)
            for i in 0..<n {
                neighbours[i].append(i)
                for j in 0..<n where j != i && (graph.hasEdge(i, j) || graph.hasEdge(j, i)) { neighbours[i].append(j) }
            }
            let scale = neighbours.map { 1 / Float($0.count).squareRoot() }
            for v in 0..<n {
                for u in neighbours[v].sorted() { entries.append((v, u, scale[v] * scale[u])) }
            }
        }
        return entries
    }
}

/// How node embeddings become one graph embedding.
public enum GraphReadout: String, Sendable, Equatable, CaseIterable {
    /// The mean over nodes.
    case mean
    /// The element-wise maximum over nodes (DGL `MaxPooling`, Dervisi's choice).
    case max
}
