/// `GraphConvolutionalNetwork` behind the `Regressor` protocol: each feature row is a
/// packed cell graph (`CellGraph.packedRow(maxNodes:)`), so LINAS, the predictor
/// experiments and `nasreplay predictors fit-predict` can use it like any other model.
///
/// ```swift
/// let rows = try graphs.map { try $0.packedRow(maxNodes: 8) }     // e.g. NATS cells' `cellGraph`
/// var gcn = GCNRegressor(maxNodes: 8)
/// try gcn.fit(rows: rows, targets: accuracies)
/// let predicted = try gcn.predict(rows: rows)
/// ```
///
/// The node-feature count is read from the row width: `width = maxNodes² + maxNodes·F`.
/// - Complexity: as `GraphConvolutionalNetwork`, plus O(rows · width) to unpack.
public struct GCNRegressor: Regressor {
    public var maxNodes: Int
    public var configuration: GraphConvolutionalNetwork.Configuration
    public private(set) var network: GraphConvolutionalNetwork?
    private var fittedWidth: Int?

    public init(maxNodes: Int = 8, configuration: GraphConvolutionalNetwork.Configuration = .init()) {
        self.maxNodes = maxNodes
        self.configuration = configuration
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        let graphs = try unpack(x)
        var model = GraphConvolutionalNetwork(configuration: configuration)
        try model.fit(graphs: graphs, targets: y)
        network = model
        fittedWidth = x.columns
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        try validatePredictionWidth(x, fittedWidth: fittedWidth, model: "GCN")
        guard let network else { throw PredictorError.notFitted(model: "GCN") }
        return try network.predict(graphs: unpack(x))
    }

    private func unpack(_ x: Matrix) throws -> [CellGraph] {
        guard CellGraph.packedFeatureCount(width: x.columns, maxNodes: maxNodes) != nil else {
            throw PredictorError.invalidParameter(
                "GCN rows must be packed graphs of \(maxNodes) nodes (\(maxNodes)² adjacency values, then \(maxNodes)·F node features); got \(x.columns) columns")
        }
        return try (0..<x.rows).map { try CellGraph(packedRow: x.row($0), maxNodes: maxNodes) }
    }
}
