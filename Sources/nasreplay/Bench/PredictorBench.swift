import Benchmarks
import Experiments
import Foundation
import NASCore
import Predictors
import Optimizers
import SearchSpaces

/// The predictor-assisted floors of DESIGN.md: the DyNAS-T predictor grid on the LINAS
/// bench's data size, one whole LINAS trial on the 45-gene OFA-MobileNetV3 space, and one
/// fit of NAS-EA-FA's GCN surrogate on NATS-TSS cells.
struct PredictorBench {
    let catalog: DatasetCatalog
    let repetitions: Int

    /// The full DyNAS-T 1.6.0 grid (100 ridge α + 100 SVR C, 5 folds each) on 250 real
    /// `ofa-mbv3-dynast` sub-networks (one-hot, 135 features) with their ImageNet top-1.
    func rows() throws -> [[String]] {
        let table = try catalog.load("ofa-mbv3-dynast")
        let bench = try SampleTableBenchmark(table: table, space: OFAMobileNetV3Space(), offTable: .reject)
        let top1 = try table.metric("accuracy_top1").values
        let n = 250
        let genes = Array(bench.rowGenes.prefix(n))
        let features = genes.map { bench.space.features(of: GeneVector(genes: $0)) }
        let x = try Matrix(rows: features)
        let y = top1.prefix(n).map(Double.init)

        var grid = DynastPredictor()
        let gridTime = try medianSeconds(repetitions: repetitions) { try grid.fit(x, y) }
        var serial = DynastPredictor(configuration: .init(parallel: false))
        let serialTime = try medianSeconds(repetitions: max(1, repetitions / 2)) { try serial.fit(x, y) }
        var warm = DynastPredictor(configuration: .init(warmStartsAcrossC: true))
        let warmTime = try medianSeconds(repetitions: repetitions) { try warm.fit(x, y) }
        let linas = try linasTrialSeconds()
        let linasWarm = try linasTrialSeconds(predictor: "dynast-warm-c")
        // The baseline: the SMO passes as built for any x86-64 (two lanes per instruction),
        // in the same run; the same bits, only slower.
        let widest = SIMDVariant.current
        SIMDVariant.use(.baseline)
        defer { SIMDVariant.use(nil) }
        let linasBaseline = try linasTrialSeconds()
        let cells = try natsCells(250)
        let gcnBaseline = try gcnFitSeconds(cells)
        SIMDVariant.use(nil)
        let gcn = try gcnFitSeconds(cells)
        return [
            ["DyNAS-T predictor grid, 250 × \(x.columns) (2 × 100 candidates × 5 folds), all cores", formatSeconds(gridTime), "< 0.5 s"],
            ["the same grid, one thread", formatSeconds(serialTime), "reported"],
            ["the same grid, inexact variant warm-start-c (each fold's C grid warm-started), all cores", formatSeconds(warmTime), "reported"],
            ["one LINAS trial, 250 evaluations, OFA-MBv3 (45 genes), inner NSGA-II 50 × 400, DyNAS-T grid (SMO passes: \(widest))", formatSeconds(linas), "≤ 1.5 s (issue 18)"],
            ["  the same trial, SMO passes of the baseline build", formatSeconds(linasBaseline), "reported"],
            ["  ratio, \(widest) ÷ baseline", String(format: "%.2f ×", linas / linasBaseline), "reported"],
            ["  the same trial, predictor dynast-warm-c (inexact variant; another search)", formatSeconds(linasWarm), "reported"],
            ["  ratio, dynast-warm-c ÷ dynast", String(format: "%.2f ×", linasWarm / linas), "reported"],
            ["GCN surrogate fit (Dervisi: SAGE 150-75-37-18-9, 101 epochs), 250 NATS-TSS cells, one thread (dense loops: \(widest))", formatSeconds(gcn), "reported"],
            ["  the same fit, dense loops of the baseline build", formatSeconds(gcnBaseline), "reported"],
            ["  ratio, \(widest) ÷ baseline", String(format: "%.2f ×", gcn / gcnBaseline), "reported"],
        ]
    }

    /// The first `n` NATS-TSS cells' Pan graphs and their CIFAR-10 validation accuracy.
    private func natsCells(_ n: Int) throws -> (graphs: [CellGraph], targets: [Double]) {
        let table = try catalog.load("nats-tss")
        let bench = try NATSTopologyBenchmark(table: table)
        let accuracy = try table.metric("c10_valid_200ep").values
        return ((0..<n).compactMap { bench.index.cell(at: $0)?.cellGraph }, accuracy.prefix(n).map(Double.init))
    }

    /// One fit of `PredictorModel.dervisiGCN`'s network, as NAS-EA-FA's `gcn` surrogate
    /// makes after 250 evaluations.
    private func gcnFitSeconds(_ cells: (graphs: [CellGraph], targets: [Double])) throws -> Double {
        try medianSeconds(repetitions: max(1, repetitions / 2)) {
            var network = GraphConvolutionalNetwork(configuration: .dervisi())
            try network.fit(graphs: cells.graphs, targets: cells.targets)
            blackHole(network.parameters)
        }
    }

    /// One trial as `nasreplay run` would run it, on `ofa-mbv3-dynast` with the knn
    /// surrogate answering architectures outside the table.
    private func linasTrialSeconds(predictor: String = "dynast") throws -> Double {
        let text = """
        name = "bench-linas"
        trials = 1
        seed = 1
        [benchmark]
        name = "ofa-mbv3-dynast"
        objectives = ["accuracy_top1:max", "macs:min"]
        off_table = "surrogate:knn"
        [budget]
        evaluations = 250
        [[algorithm]]
        name = "linas"
        type = "linas"
        population = 50
        predictor = "\(predictor)"
        inner = { type = "nsga2", generations = 400 }
        """
        let spec = try ExperimentSpec.parse(text, file: "bench-linas.toml")
        var options = ExperimentRunner.Options()
        options.progress = false
        let runner = try ExperimentRunner(spec: spec, catalog: catalog, options: options)
        return try medianSeconds(repetitions: max(1, repetitions / 2)) { blackHole(try runner.runInMemory()) }
    }
}
