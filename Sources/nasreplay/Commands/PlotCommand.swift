import ArgumentParser
import Benchmarks
import Experiments
import Foundation

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a finished run's figures with gnuplot (PDF, PNG, SVG, plus .csv and .gp).",
        discussion: """
        Multi-objective runs: normalised-HV curves (mean, 95% CI), HV regret on a log axis
        (median, IQR), final-HV boxplots and Pareto fronts over the table's cloud.
        Single-objective runs: best-so-far and incumbent curves and final boxplots.
        Each figure's .gp regenerates it: `cd results/NAME/figures && gnuplot hv.gp`.
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "The results folder, e.g. results/nats-tss-multi.") var folder: String

    func run() throws {
        guard FileManager.default.fileExists(atPath: folder + "/runs.h5") else {
            throw InputError("\(folder)/runs.h5: not found; run the experiment first (`nasreplay run SPEC`)")
        }
        let files = try asRun { try RunFigures(folder: folder, catalog: DatasetCatalog(folder: locations.datasetsFolder)).drawAll() }
        for f in files where f.hasSuffix(".png") { print("wrote \(f) (and .pdf, .svg, .csv, .gp)") }
    }
}
