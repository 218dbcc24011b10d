extension CellGraph {
    /// The graph as one fixed-width feature row, so graph models fit the `Regressor`
    /// protocol and plain CSV files: the `maxNodes × maxNodes` adjacency (row-major,
    /// 1 for an edge i → j), then `maxNodes × featureCount` node features. Nodes past
    /// `nodeCount` are padding: all-zero adjacency and features.
    ///
    /// ```swift
    /// let row = try graph.packedRow(maxNodes: 8)                 // 8·8 + 8·6 = 112 values
    /// let back = try CellGraph(packedRow: row, maxNodes: 8)     // the same graph
    /// ```
    ///
    /// A node is present when its feature row is nonzero, which one-hot labels guarantee.
    /// - Throws: `PredictorError.invalidParameter` when the graph has more than `maxNodes` nodes.
    public func packedRow(maxNodes: Int) throws -> [Double] {
        guard nodeCount <= maxNodes else {
            throw PredictorError.invalidParameter("graph has \(nodeCount) nodes, more than the packed maximum \(maxNodes)")
        }
        var row = [Double](repeating: 0, count: Self.packedWidth(maxNodes: maxNodes, featureCount: featureCount))
        for i in 0..<nodeCount {
            for j in 0..<nodeCount where hasEdge(i, j) { row[i * maxNodes + j] = 1 }
            for f in 0..<featureCount { row[maxNodes * maxNodes + i * featureCount + f] = features[i * featureCount + f] }
        }
        return row
    }

    public static func packedWidth(maxNodes: Int, featureCount: Int) -> Int {
        maxNodes * maxNodes + maxNodes * featureCount
    }

    /// The number of node features a packed row of `width` values holds for `maxNodes`,
    /// or nil when the width does not fit that layout.
    public static func packedFeatureCount(width: Int, maxNodes: Int) -> Int? {
        guard maxNodes >= 1, width > maxNodes * maxNodes, (width - maxNodes * maxNodes) % maxNodes == 0 else { return nil }
        return (width - maxNodes * maxNodes) / maxNodes
    }

    /// Reads a packed row back; present nodes are those with a nonzero feature row.
    /// - Throws: `PredictorError.invalidParameter` for a width that does not fit, a
    ///   non-0/1 adjacency entry, or a row with no node.
    public init<C: RandomAccessCollection>(packedRow row: C, maxNodes: Int) throws where C.Element == Double, C.Index == Int {
        guard let featureCount = Self.packedFeatureCount(width: row.count, maxNodes: maxNodes) else {
            throw PredictorError.invalidParameter("a packed graph row for \(maxNodes) nodes has \(maxNodes)² + \(maxNodes)·F values; got \(row.count)")
        }
        let start = row.startIndex
        let featureStart = start + maxNodes * maxNodes
        let present = (0..<maxNodes).filter { v in
            (0..<featureCount).contains { row[featureStart + v * featureCount + $0] != 0 }
        }
        guard !present.isEmpty else { throw PredictorError.invalidParameter("packed graph row has no node (all features are zero)") }
        let n = present.count
        var adjacency = [UInt8](repeating: 0, count: n * n)
        var features = [Double](repeating: 0, count: n * featureCount)
        for (a, i) in present.enumerated() {
            for (b, j) in present.enumerated() {
                let value = row[start + i * maxNodes + j]
                guard value == 0 || value == 1 else {
                    throw PredictorError.invalidParameter("packed adjacency entry (\(i), \(j)) is \(value); expected 0 or 1")
                }
                adjacency[a * n + b] = value == 1 ? 1 : 0
            }
            for f in 0..<featureCount { features[a * featureCount + f] = row[featureStart + i * featureCount + f] }
        }
        try self.init(nodeCount: n, adjacency: adjacency, features: features, featureCount: featureCount)
    }
}
