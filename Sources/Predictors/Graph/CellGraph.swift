/// A small directed acyclic cell graph with a feature vector per node: the input of
/// `GraphConvolutionalNetwork`.
///
/// ```swift
/// // input → conv3x3 → output, labels from a 5-entry vocabulary
/// let g = try CellGraph(edges: [(0, 1), (1, 2)], labels: [0, 3, 1], labelCount: 5)
/// g.nodeCount          // 3
/// g.hasEdge(0, 1)      // true
/// ```
///
/// Node 0 is the cell's input and node `nodeCount − 1` its output, as in NAS-Bench-101;
/// edges point from producer to consumer. Features are usually one-hot op labels (the
/// spaces' `LabelledDAG`s, joined to this type in Optimizers: `NATSTopologyCell.cellGraph`,
/// `NB101Cell.cellGraph`) but may be any reals. The graph does no I/O and knows nothing of
/// search spaces, so Predictors and SearchSpaces stay independent (DESIGN.md, Layers).
public struct CellGraph: Sendable, Hashable {
    public let nodeCount: Int
    public let featureCount: Int
    /// `adjacency[i * nodeCount + j] == 1` for an edge i → j.
    public let adjacency: [UInt8]
    /// Row-major `nodeCount × featureCount`.
    public let features: [Double]

    /// A graph from its adjacency matrix and feature rows.
    /// - Throws: `PredictorError.invalidParameter` when sizes disagree or an entry is not 0/1.
    public init(nodeCount: Int, adjacency: [UInt8], features: [Double], featureCount: Int) throws {
        guard nodeCount >= 1, featureCount >= 1 else {
            throw PredictorError.invalidParameter("a cell graph needs at least one node and one feature")
        }
        guard adjacency.count == nodeCount * nodeCount, adjacency.allSatisfy({ $0 <= 1 }) else {
            throw PredictorError.invalidParameter("a cell graph of \(nodeCount) nodes needs a \(nodeCount)×\(nodeCount) 0/1 adjacency")
        }
        guard features.count == nodeCount * featureCount, features.allSatisfy(\.isFinite) else {
            throw PredictorError.invalidParameter("a cell graph of \(nodeCount) nodes needs \(nodeCount)×\(featureCount) finite features")
        }
        self.nodeCount = nodeCount
        self.featureCount = featureCount
        self.adjacency = adjacency
        self.features = features
    }

    /// A graph from an edge list and one label per node, one-hot encoded over `labelCount`.
    public init(edges: [(from: Int, to: Int)], labels: [Int], labelCount: Int) throws {
        let n = labels.count
        var adjacency = [UInt8](repeating: 0, count: n * n)
        for (from, to) in edges {
            guard (0..<n).contains(from), (0..<n).contains(to), from != to else {
                throw PredictorError.invalidParameter("edge \(from)→\(to) is outside a graph of \(n) nodes")
            }
            adjacency[from * n + to] = 1
        }
        var features = [Double](repeating: 0, count: n * labelCount)
        for (v, label) in labels.enumerated() {
            guard (0..<labelCount).contains(label) else {
                throw PredictorError.invalidParameter("node label \(label) is outside 0..<\(labelCount)")
            }
            features[v * labelCount + label] = 1
        }
        try self.init(nodeCount: n, adjacency: adjacency, features: features, featureCount: labelCount)
    }

    public func hasEdge(_ from: Int, _ to: Int) -> Bool { adjacency[from * nodeCount + to] != 0 }

    /// The nodes with an edge into `v`, ascending.
    public func predecessors(of v: Int) -> [Int] { (0..<nodeCount).filter { hasEdge($0, v) } }

    public var edgeCount: Int { adjacency.reduce(0) { $0 + Int($1) } }
}
