import Analysis
import Foundation

/// The figures of a predictor evaluation (`nasreplay predictors evaluate`): MAPE and
/// Kendall τ against training-set size, one line per model with its 95 % CI band over
/// trials, as in the LINAS paper's Fig. 3 (Cummings et al. 2022, arXiv 2202.12934).
///
/// ```swift
/// let files = try PredictorFigures(folder: "results/predictors-nats-tss").drawAll()
/// ```
///
/// Reads the `runs.h5` that ``PredictorExperimentResult`` writes; each figure goes to
/// `figures/` as PDF, PNG and SVG with its .csv and .gp, like ``RunFigures``.
public struct PredictorFigures {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// Draws `predictor-mape` and `predictor-kendall-tau` from the folder's runs.h5; returns
    /// the files written.
    public func drawAll() throws -> [String] {
        try drawAll(PredictorRunsFile.read(ResultsStore(folder: folder).runsFile))
    }

    /// Draws `predictor-mape` and `predictor-kendall-tau` from an evaluation already read;
    /// returns the files written.
    public func drawAll(_ file: PredictorRunsFile) throws -> [String] {
        let p = file.provenance
        let x = p.sizes.map(Double.init)
        // Half a step of margin past the largest size: gnuplot's own autoscale ends on the
        // next round tic (1100 for sizes up to 1000), whose label then runs into the last one.
        let xRange = x.count > 1 ? 0...(x[x.count - 1] + (x[x.count - 1] - x[x.count - 2]) / 2) : nil
        let out = folder + "/figures"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let panels: [(scores: KeyPath<PredictorRunsFile.Scores, [[Double]]>, name: String, label: String, scale: Double, minimum: Double?)] = [
            (\.mape, "predictor-mape", "MAPE (%)", 100, 0),
            (\.kendallTau, "predictor-kendall-tau", "Kendall τ", 1, nil),
        ]
        var written: [String] = []
        for panel in panels {
            var series: [CurveSeries] = []
            for model in file.models {
                let rows = model.scores[keyPath: panel.scores].map { $0.map { $0 * panel.scale } }
                series.append(CurveSeries(name: model.label, x: x, summary: try Self.meanBand(rows)))
            }
            guard !series.isEmpty else { continue }
            let figure = CurveFigure(series: series, xAxis: FigureAxis(label: "training set size", range: xRange), yAxis: FigureAxis(label: panel.label, minimum: panel.minimum),
                                     title: "\(p.benchmark), \(p.target): \(p.trials) trials (mean, 95% CI band)", markers: true)
            written += try figure.write(name: panel.name, in: out).outputs
        }
        return written
    }

    /// Mean and 95 % t-interval per size over the trials whose score is finite: a model can
    /// score NaN (Kendall τ of constant predictions), and dropping that trial at that size
    /// is more honest than failing the whole figure.
    static func meanBand(_ rows: [[Double]]) throws -> BandSummary {
        let steps = rows.first?.count ?? 0
        var band = BandSummary(centre: [], lower: [], upper: [])
        for s in 0..<steps {
            let column = rows.map { $0[s] }.filter(\.isFinite)
            switch column.count {
            case 0: band.centre.append(.nan); band.lower.append(.nan); band.upper.append(.nan)
            case 1: band.centre.append(column[0]); band.lower.append(.nan); band.upper.append(.nan)
            default:
                let ci = try ConfidenceIntervals.tInterval(column)
                band.centre.append(ci.mean); band.lower.append(ci.lower); band.upper.append(ci.upper)
            }
        }
        return band
    }
}
