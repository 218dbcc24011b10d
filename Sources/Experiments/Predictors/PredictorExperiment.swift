import Benchmarks
import Dispatch
import Foundation
import NASCore
import Optimizers
import Predictors
import SearchSpaces

/// The predictor-evaluation protocol of the LINAS paper (Cummings et al., "Accelerating
/// Neural Architecture Exploration Across Modalities Using Genetic Algorithms", arXiv
/// 2202.12934, §4.1): per trial, a fixed random test set and nested random training
/// subsets of growing size; every model is fitted on each subset and scored on the test set.
///
/// ```swift
/// let spec = try PredictorExperimentSpec.load("experiments/predictors-nats-tss.toml")
/// let experiment = try PredictorExperiment(spec: spec, catalog: DatasetCatalog(folder: "datasets"))
/// let result = try experiment.run()
/// try result.write(to: ResultsStore(root: "results", experiment: spec.name))
/// ```
///
/// Trial t draws its rows from its own stream, `StreamSeed.derive(seed, [name, "trial", t])`
/// (name = the spec's `splits_from`, by default its own name):
/// one shuffle of the rows whose target is finite; the first `testSize` rows are the test
/// set and the next `max(sizes)` the training pool, whose prefixes are the nested subsets.
/// A network's seed derives from the trial's seed, the model's name and the size (or is
/// the model's own `seed`). Trials run in parallel; each writes only its own slot, so the
/// results do not depend on the thread count.
/// On NATS-TSS, vector models read the cell's one-hot encoding (30 values) and graph models
/// the packed Pan graph (`NATSTopologyCell.cellGraph`, 8 nodes). On a sample table (OFA,
/// HELP, HAT, users' tables) vector models read `features(of:)` of the space the table is
/// bound to (`SpaceBindings`, as `nasreplay run` binds it), and graph models are refused.
/// - Complexity: trials × sizes × models fits.
public struct PredictorExperiment: Sendable {
    public let spec: PredictorExperimentSpec
    let targets: [Double]
    let eligibleRows: [Int]
    let vectorFeatures: Matrix
    /// Packed cell graphs for graph models; nil for sample tables.
    let graphFeatures: Matrix?

    public init(spec: PredictorExperimentSpec, catalog: DatasetCatalog) throws {
        let table = try catalog.load(spec.benchmark)
        let values = try table.metric(spec.target).values.map(Double.init)
        // The same binding `nasreplay run` uses, so the features are the ones the optimizers'
        // predictors see on this table.
        let binding = try SpaceBindings.bind(table)
        try self.init(spec: spec, rowFeatures: try binding.rowFeatures(), rowGraphs: try binding.rowCellGraphs(), targets: values)
    }

    /// An experiment over given cells and targets (tests and other tables).
    public init(spec: PredictorExperimentSpec, cells: [NATSTopologyCell], targets: [Double]) throws {
        try self.init(spec: spec, rowFeatures: cells.map(\.oneHot), rowGraphs: cells.map(\.panGraph), targets: targets)
    }

    /// An experiment over rows given as feature vectors and, where the space has them, cell
    /// graphs; graph models are refused on rows without graphs (sample tables).
    public init(spec: PredictorExperimentSpec, rowFeatures: [[Double]], rowGraphs: [LabelledDAG]? = nil, targets: [Double]) throws {
        let graphModels = spec.models.filter { $0.input == .graph }
        guard let rowGraphs else {
            if let graphModel = graphModels.first {
                throw RunError("\(spec.file): model '\(graphModel.name)' reads NATS cell graphs; \(spec.benchmark) is a sample table with gene features only", status: .badInput)
            }
            try self.init(spec: spec, vectorFeatures: Matrix(rows: rowFeatures), graphFeatures: nil, targets: targets)
            return
        }
        let maxNodes = spec.models.compactMap(\.parameters.maxNodes).max() ?? 8
        for model in graphModels where (model.parameters.maxNodes ?? 8) != maxNodes {
            throw RunError("\(spec.file): all gcn models must use the same max_nodes", status: .badInput)
        }
        try self.init(spec: spec, vectorFeatures: Matrix(rows: rowFeatures),
                      graphFeatures: Matrix(rows: rowGraphs.map { try CellGraph($0).packedRow(maxNodes: maxNodes) }),
                      targets: targets)
    }

    private init(spec: PredictorExperimentSpec, vectorFeatures: Matrix, graphFeatures: Matrix?, targets: [Double]) throws {
        guard vectorFeatures.rows == targets.count else {
            throw RunError("\(spec.benchmark): \(vectorFeatures.rows) feature rows but \(targets.count) values of \(spec.target)", status: .badInput)
        }
        self.spec = spec
        self.targets = targets
        // Rows without a finite target (e.g. a metric not measured for every architecture)
        // cannot be scored, so they are left out of both the test set and the training pool.
        eligibleRows = targets.indices.filter { targets[$0].isFinite }
        let needed = spec.testSize + (spec.sizes.last ?? 0)
        guard eligibleRows.count >= needed else {
            throw RunError("\(spec.file): test_size + largest size = \(needed) rows, but \(spec.target) has only \(eligibleRows.count) finite rows", status: .badInput)
        }
        self.vectorFeatures = vectorFeatures
        self.graphFeatures = graphFeatures
    }

    /// The seed of trial `t`'s row split.
    public func trialSeed(_ trial: Int) -> UInt64 {
        StreamSeed.derive(base: spec.seed, labels: [spec.splitStream, "trial", String(trial)])
    }

    /// Runs every trial; `progress` is called (from any thread) after each trial finishes.
    public func run(threads: Int? = nil, progress: (@Sendable (Int) -> Void)? = nil) throws -> PredictorExperimentResult {
        let trials = spec.trials
        let slots = TrialSlots(count: trials)
        let workers = max(1, min(threads ?? ProcessInfo.processInfo.activeProcessorCount, trials))
        let next = TrialSlots.Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let trial = next.take(below: trials) {
                let outcome = Result { try runTrial(trial) }
                slots.set(trial, outcome)
                progress?(trial)
            }
        }
        var perTrial: [[PredictorExperimentResult.Score]] = []
        for trial in 0..<trials { perTrial.append(try slots.get(trial).get()) }
        return PredictorExperimentResult(spec: spec, trialSeeds: (0..<trials).map(trialSeed), scores: perTrial)
    }

    /// Scores of one trial, model-major then size: `scores[m * sizes.count + s]`.
    public func runTrial(_ trial: Int) throws -> [PredictorExperimentResult.Score] {
        let seed = trialSeed(trial)
        var rng = Xoshiro256StarStar(seed: seed)
        var rows = eligibleRows
        rng.shuffle(&rows)
        let test = Array(rows[0..<spec.testSize])
        let pool = Array(rows[spec.testSize..<(spec.testSize + (spec.sizes.last ?? 0))])
        let testTargets = test.map { targets[$0] }
        var scores: [PredictorExperimentResult.Score] = []
        for model in spec.models {
            let features = model.input == .graph ? (graphFeatures ?? vectorFeatures) : vectorFeatures
            let testX = features.selectingRows(test)
            for size in spec.sizes {
                let train = Array(pool[0..<size])
                let modelSeed = StreamSeed.derive(base: seed, labels: [model.name, String(size)])
                var regressor = try model.makeRegressor(seed: modelSeed)
                let x = features.selectingRows(train)
                let y = train.map { targets[$0] }
                let factor = spec.labelScaling == .dynast ? DynastPredictor.normalizationFactor(y) : 1
                let clock = ContinuousClock()
                let start = clock.now
                try regressor.fit(x, factor == 1 ? y : y.map { $0 / factor })
                let fitted = clock.now
                var predicted = try regressor.predict(testX)
                if factor != 1 { predicted = predicted.map { $0 * factor } }
                let predictedAt = clock.now
                scores.append(PredictorExperimentResult.Score(
                    mape: RegressionMetrics.meanAbsolutePercentageError(actual: testTargets, predicted: predicted),
                    rmse: RegressionMetrics.rootMeanSquaredError(actual: testTargets, predicted: predicted),
                    kendallTau: RegressionMetrics.kendallTau(actual: testTargets, predicted: predicted),
                    spearmanRho: RegressionMetrics.spearmanRho(actual: testTargets, predicted: predicted),
                    fitSeconds: (fitted - start).secondsValue, predictSeconds: (predictedAt - fitted).secondsValue))
            }
        }
        return scores
    }
}

/// One slot per trial, filled from worker threads.
final class TrialSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var outcomes: [Result<[PredictorExperimentResult.Score], any Error>?]

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    func set(_ trial: Int, _ outcome: Result<[PredictorExperimentResult.Score], any Error>) {
        lock.withLock { outcomes[trial] = outcome }
    }

    func get(_ trial: Int) -> Result<[PredictorExperimentResult.Score], any Error> {
        lock.withLock { outcomes[trial] } ?? .failure(RunError("trial \(trial) did not run"))
    }

    /// Hands out trial numbers in order, so workers pick up the next unfinished trial.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        func take(below limit: Int) -> Int? {
            lock.withLock {
                guard next < limit else { return nil }
                defer { next += 1 }
                return next
            }
        }
    }
}

extension Duration {
    var secondsValue: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }
}
