import ArgumentParser
import Benchmarks
import Experiments
import Foundation

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a finished run's figures with gnuplot (PDF, PNG, SVG, plus .csv and .gp).",
        discussion: """
        Multi-objective runs: normalised-HV curves (mean, 95% CI), HV regret on a log axis \
        (median, IQR), final-HV boxplots and Pareto fronts over the table's cloud.
        Single-objective runs: best-so-far and incumbent curves and final boxplots.
        Predictor evaluations (`nasreplay predictors evaluate`): MAPE and Kendall τ against \
        training-set size, mean with 95% CI band per model.
        Each figure's .gp regenerates it: `cd results/NAME/figures && gnuplot hv.gp`.
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "The results folder, e.g. results/nats-tss-multi.") var folder: String
    @Option(name: .customLong("fronts-at"), help: "Multi-objective runs: also draw the fronts found after N evaluations (fronts-at-N).") var frontsAt: Int?

    func run() throws {
        let store = ResultsStore(folder: folder)
        guard store.hasRunsFile else {
            throw InputError("\(store.runsFile): not found; run the experiment first (`nasreplay run SPEC`)")
        }
        if let frontsAt, frontsAt < 1 { throw InputError("--fronts-at must be positive, got \(frontsAt)") }
        let files: [String]
        switch try StoredRuns.read(store.runsFile) {
        case .predictorEvaluation(let evaluation):
            files = try PredictorFigures(folder: folder).drawAll(evaluation)
        case .search(let runs):
            let figures = RunFigures(folder: folder, catalog: DatasetCatalog(folder: locations.datasetsFolder), frontsAt: frontsAt)
            files = try figures.drawAll(runs)
        }
        for f in files where f.hasSuffix(".png") { print("wrote \(f) (and .pdf, .svg, .csv, .gp)") }
    }
}
