import NASCore

/// A graph convolutional network that regresses one value per cell graph: graph
/// convolutions with ReLU, a mean or max readout, and a dense head, trained with Adam on
/// the mean squared error; forward and backward by hand.
///
/// ```swift
/// var gcn = GraphConvolutionalNetwork(configuration: .init(seed: 3))
/// try gcn.fit(graphs: cells.map(\.cellGraph), targets: accuracies)     // NATS cells' Pan graphs
/// let predicted = try gcn.predict(graphs: candidates)
/// ```
///
/// Layers: `GraphConvolution` (Kipf & Welling 2017, or GraphSAGE-mean, Hamilton et al.
/// 2017); `GraphReadout`; a `DenseStack` head ending in one linear output. Targets are
/// standardised on the training set and predictions scaled back, so the last layer is
/// linear (Dervisi's head ends in a ReLU, which clips standardised targets below the mean).
/// `Configuration.dervisi` gives the widths of docs/ALGORITHMS.md (SAGE 150 → 75 → 37 →
/// 18 → 9, max readout, 9 → 4 → 1, Adam 1e-3, batch 64, 101 epochs) with the mean
/// aggregator in place of the LSTM one. Adam: Kingma & Ba 2015. All randomness (He-normal
/// initialisation, batch order) comes from one seeded `Xoshiro256StarStar`.
/// - Complexity: O(epochs · Σ nodes · Σ widths² ) to fit, linear in the number of graphs.
public struct GraphConvolutionalNetwork: Sendable {
    /// The defaults (SAGE-mean 32 → 32 → 32, mean readout, head 64 → 1, Adam 1e-3, batch
    /// 32, 50 epochs) reach Kendall τ ≈ 0.80 on NATS-TSS c10_valid_200ep with 1,000
    /// training cells, fitted in ≈ 0.2 s (release, one core, the AVX-512 build of the dense
    /// loops; `make fig3`'s `predictors-nats-tss-others`); widths 64 and 100 epochs gain
    /// ≈ 0.03 for 6× the time (measured with the earlier Swift loops).
    public struct Configuration: Sendable, Equatable {
        public var layer: GraphConvolution
        /// Output width of each graph-convolution layer.
        public var widths: [Int]
        public var readout: GraphReadout
        /// Hidden widths of the dense head (its output width 1 is implied).
        public var head: [Int]
        public var learningRate: Double
        public var epochs: Int
        public var batchSize: Int
        public var seed: UInt64

        public init(layer: GraphConvolution = .sageMean, widths: [Int] = [32, 32, 32], readout: GraphReadout = .mean,
                    head: [Int] = [64], learningRate: Double = 1e-3, epochs: Int = 50, batchSize: Int = 32,
                    seed: UInt64 = 0) {
            self.layer = layer; self.widths = widths; self.readout = readout; self.head = head
            self.learningRate = learningRate; self.epochs = epochs; self.batchSize = batchSize; self.seed = seed
        }

        /// Dervisi's GCN surrogate (docs/ALGORITHMS.md, NAS-EA-FA) with a mean aggregator and a linear output.
        public static func dervisi(seed: UInt64 = 42) -> Configuration {
            Configuration(layer: .sageMean, widths: [150, 75, 37, 18, 9], readout: .max, head: [4],
                          learningRate: 1e-3, epochs: 101, batchSize: 64, seed: seed)
        }

        func validate() throws {
            guard !widths.isEmpty, widths.allSatisfy({ $0 > 0 }), head.allSatisfy({ $0 > 0 }) else {
                throw PredictorError.invalidParameter("GCN layer widths must be positive and at least one layer is needed, got \(widths) and head \(head)")
            }
            guard learningRate > 0, learningRate.isFinite else {
                throw PredictorError.invalidParameter("GCN learning rate must be positive, got \(learningRate)")
            }
            guard epochs >= 1 else { throw PredictorError.invalidParameter("GCN epochs must be at least 1, got \(epochs)") }
            guard batchSize >= 1 else { throw PredictorError.invalidParameter("GCN batch size must be at least 1, got \(batchSize)") }
        }
    }

    public var configuration: Configuration
    public private(set) var parameters: [Float] = []
    public private(set) var featureCount: Int?
    public private(set) var targetScaling: Standardization?
    /// Mean training loss (standardised units) of each epoch.
    public private(set) var lossHistory: [Double] = []

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(graphs: [CellGraph], targets: [Double]) throws {
        try configuration.validate()
        guard !graphs.isEmpty else { throw PredictorError.emptyTrainingSet }
        guard graphs.count == targets.count else { throw PredictorError.targetCountMismatch(rows: graphs.count, targets: targets.count) }
        if let bad = targets.firstIndex(where: { !$0.isFinite }) { throw PredictorError.nonFiniteTarget(index: bad, value: targets[bad]) }
        let width = graphs[0].featureCount
        if let other = graphs.first(where: { $0.featureCount != width }) {
            throw PredictorError.featureWidthMismatch(expected: width, given: other.featureCount)
        }
        let scaling = Standardization(fittingColumn: targets)
        let labels = targets.map { Float(scaling.transform($0)) }
        let set = GraphSet(graphs, convolution: configuration.layer)
        let architecture = GCNArchitecture(configuration, featureCount: width)
        let batch = min(configuration.batchSize, graphs.count)
        let pass = GCNPass(architecture, graphCapacity: batch, nodeCapacity: batch * set.maxNodes, training: true)
        let p = pass.parameters
        var rng = Xoshiro256StarStar(seed: configuration.seed)
        architecture.initialize(p, using: &rng)
        var adam = AdamOptimizer(learningRate: configuration.learningRate)
        var order = Array(0..<graphs.count)
        var members = GraphSet.Batch()
        var history: [Double] = []
        for _ in 0..<configuration.epochs {
            rng.shuffle(&order)
            var epochLoss = 0.0
            var start = 0
            while start < order.count {
                let rows = min(batch, order.count - start)
                let slice = order[start..<(start + rows)]
                set.assemble(slice, into: pass.nodeActivations[0], batch: &members)
                let output = pass.forward(members)
                for (i, g) in slice.enumerated() {
                    let error = output[i] - labels[g]
                    epochLoss += Double(error * error)
                    pass.outputGradient[i] = 2 * error / Float(rows)
                }
                pass.gradients.update(repeating: 0, count: architecture.parameterCount)
                pass.backward(members)
                adam.step(parameters: p, gradients: pass.gradients, firstMoment: pass.firstMoment,
                          secondMoment: pass.secondMoment, count: architecture.parameterCount)
                start += rows
            }
            history.append(epochLoss / Double(graphs.count))
        }
        parameters = pass.scratch.array(from: 0, count: architecture.parameterCount)
        featureCount = width
        targetScaling = scaling
        lossHistory = history
    }

    public func predict(graphs: [CellGraph]) throws -> [Double] {
        guard let width = featureCount, let scaling = targetScaling else { throw PredictorError.notFitted(model: "GCN") }
        if let other = graphs.first(where: { $0.featureCount != width }) {
            throw PredictorError.featureWidthMismatch(expected: width, given: other.featureCount)
        }
        guard !graphs.isEmpty else { return [] }
        let set = GraphSet(graphs, convolution: configuration.layer)
        let architecture = GCNArchitecture(configuration, featureCount: width)
        let chunk = min(graphs.count, 256)
        let pass = GCNPass(architecture, graphCapacity: chunk, nodeCapacity: chunk * set.maxNodes, training: false)
        pass.scratch.load(parameters, at: 0)
        var members = GraphSet.Batch()
        var predictions = [Double](repeating: 0, count: graphs.count)
        var start = 0
        while start < graphs.count {
            let rows = min(chunk, graphs.count - start)
            set.assemble(Array(start..<(start + rows))[...], into: pass.nodeActivations[0], batch: &members)
            let output = pass.forward(members)
            for i in 0..<rows { predictions[start + i] = scaling.inverse(Double(output[i])) }
            start += rows
        }
        return predictions
    }
}
