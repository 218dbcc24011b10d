import Benchmarks
import Experiments
import NASCore
import Optimizers
import Predictors
import SearchSpaces
import Testing

/// The neural predictors rank NATS-TSS cells well (Kendall τ > 0.5 on c10_valid_200ep,
/// held-out cells). Debug builds run a smaller setting (600 training cells for the MLP;
/// 400 and a smaller, shorter-trained network for the GCN) so each test stays under ~20 s; a release build
/// (`swift test -c release`) also runs the full one: 1,000 training cells, default models.
@Suite struct PredictorExperimentAccuracyTests {
    struct Split: Sendable {
        var trainCells: [NATSTopologyCell], trainTargets: [Double]
        var testCells: [NATSTopologyCell], testTargets: [Double]
    }

    /// A seeded random split of the table: `train` cells, then 500 disjoint test cells.
    static func split(train: Int, seed: UInt64 = 2022) throws -> Split {
        let table = try ExperimentFixtures.catalog.load("nats-tss")
        let benchmark = try NATSTopologyBenchmark(table: table)
        let values = try table.metric("c10_valid_200ep").values
        var rows = Array(0..<table.rows)
        var rng = Xoshiro256StarStar(seed: seed)
        rng.shuffle(&rows)
        func cells(_ r: ArraySlice<Int>) -> [NATSTopologyCell] { r.compactMap { benchmark.index.cell(at: $0) } }
        let trainRows = rows[0..<train], testRows = rows[train..<(train + 500)]
        return Split(trainCells: cells(trainRows), trainTargets: trainRows.map { Double(values[$0]) },
                     testCells: cells(testRows), testTargets: testRows.map { Double(values[$0]) })
    }

    static func mlpTau(_ split: Split, _ mlp: MLPRegressor) throws -> Double {
        var model = mlp
        try model.fit(rows: split.trainCells.map(\.oneHot), targets: split.trainTargets)
        let predicted = try model.predict(rows: split.testCells.map(\.oneHot))
        return RegressionMetrics.kendallTau(actual: split.testTargets, predicted: predicted)
    }

    static func gcnTau(_ split: Split, _ configuration: GraphConvolutionalNetwork.Configuration) throws -> Double {
        var model = GraphConvolutionalNetwork(configuration: configuration)
        try model.fit(graphs: split.trainCells.map(\.cellGraph), targets: split.trainTargets)
        let predicted = try model.predict(graphs: split.testCells.map(\.cellGraph))
        return RegressionMetrics.kendallTau(actual: split.testTargets, predicted: predicted)
    }

    @Test("MLP on one-hot cells: τ > 0.5 (600 training cells, default 64×64, 100 epochs)")
    func mlpRanksHeldOutCells() throws {
        let tau = try Self.mlpTau(Self.split(train: 600), MLPRegressor(seed: 1))
        #expect(tau > 0.5, "Kendall τ = \(tau)")
    }

    @Test("GCN on Pan graphs: τ > 0.5 (400 training cells, SAGE 16×16, 30 epochs)")
    func gcnRanksHeldOutCells() throws {
        let tau = try Self.gcnTau(Self.split(train: 400), .init(widths: [16, 16], head: [16], epochs: 30, seed: 1))
        #expect(tau > 0.5, "Kendall τ = \(tau)")
    }

    #if !DEBUG
    @Test("Full setting: 1,000 training cells, default MLP and GCN, τ > 0.5")
    func fullSetting() throws {
        let split = try Self.split(train: 1000)
        let mlp = try Self.mlpTau(split, MLPRegressor(seed: 1))
        let gcn = try Self.gcnTau(split, .init(seed: 1))
        #expect(mlp > 0.5, "MLP Kendall τ = \(mlp)")
        #expect(gcn > 0.5, "GCN Kendall τ = \(gcn)")
    }
    #endif
}
