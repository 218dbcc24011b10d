import Analysis
import Benchmarks
import Foundation
import Indicators
import NASCore

/// The standard figures of a run, drawn from runs.h5 (and the benchmark table, for the
/// Pareto cloud) into `results/<name>/figures/`, each as PDF, PNG and SVG with its .csv and
/// the .gp that drew it.
public struct RunFigures {
    public let folder: String
    public let catalog: DatasetCatalog
    /// Also draw the fronts as they stood after this many evaluations (the LINAS paper's
    /// Fig. 5 shows them at 250 of a 500-evaluation run), as `fronts-at-N`.
    public var frontsAt: Int?
    /// Axis labels by metric id, from the table (`MetricInfo.axisLabel`); ids where the table
    /// cannot be loaded.
    private var axisLabels: [String: String] = [:]
    /// Ids of the table's metrics in percent (bounded by 0 and 100).
    private var percentMetrics: Set<String> = []
    /// Labels of the run's algorithms that search its first objective alone.
    private var firstObjectiveOnly: [String] = []

    public init(folder: String, catalog: DatasetCatalog, frontsAt: Int? = nil) {
        self.folder = folder; self.catalog = catalog; self.frontsAt = frontsAt
    }

    /// A metric's words for an axis, e.g. "CIFAR-10 test accuracy, 200 ep (%)".
    func label(_ id: String) -> String { axisLabels[id] ?? id }

    /// The style of a figure of these algorithms: each keeps its colour in every figure.
    static func style(for labels: [String]) -> FigureStyle {
        var style = FigureStyle.paper
        style.palette = SeriesColours.palette(for: labels)
        style.pointTypes = labels.indices.map { FigureStyle.paper.pointTypes[$0 % FigureStyle.paper.pointTypes.count] }
        return style
    }

    /// What every curve figure's title says: the benchmark, the objectives with their
    /// directions, the budget and the trial count.
    /// In a run of several objectives, names the algorithms that search the first alone
    /// (`AlgorithmSupport.searchesFirstObjectiveOnly`): their points are judged on objectives
    /// they never saw.
    func context(_ data: ComparisonData, band: String? = nil) -> String {
        let objectives = data.objectives.map { "\($0.metric) \($0.direction == .max ? "↑" : "↓")" }.joined(separator: ", ")
        var text = "\(data.benchmark): \(objectives); \(data.budget), \(data.trials) trials" + (band.map { " (\($0))" } ?? "")
        if data.objectives.count >= 2, !firstObjectiveOnly.isEmpty {
            let ignored = data.objectives.dropFirst().map(\.metric).joined(separator: " and ")
            text += "; \(firstObjectiveOnly.joined(separator: ", ")) ignore \(ignored)"
        }
        return text
    }

    /// Draws every figure that fits the run; returns the files written.
    ///
    /// A simulated-seconds run's curves are against simulated training time (`RunsFile.comparison`
    /// puts them on a time grid). An evaluation-budget run whose every evaluation was charged a
    /// finite cost also gets the time view of its curves, as `<figure>-time`, up to when its
    /// quickest trial ended.
    public func drawAll() throws -> [String] {
        try drawAll(ResultsStore(folder: folder).readRuns())
    }

    /// As `drawAll()`, from a runs file already read.
    public func drawAll(_ runs: RunsFile) throws -> [String] {
        var figures = self
        // Only what the columns are (a large table's curves are not read).
        if let table = try? catalog.load(runs.provenance.benchmark, series: .only { _, _ in false }) {
            let infos = (table.metrics + table.costs).map(\.info) + table.unloaded.map(\.info)
            figures.axisLabels = Dictionary(infos.map { ($0.id, $0.axisLabel) }, uniquingKeysWith: { a, _ in a })
            figures.percentMetrics = Set(infos.filter { $0.unit == "%" }.map(\.id))
        }
        figures.firstObjectiveOnly = runs.configurations.filter { c in
            AlgorithmRegistry.builtIn.type(named: c.setup.type)?.support.searchesFirstObjectiveOnly == true
        }.map(\.setup.label)
        return try figures.draw(runs)
    }

    private func draw(_ runs: RunsFile) throws -> [String] {
        let data = runs.comparison()
        let out = folder + "/figures"
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var written = try drawCurvesAndFronts(data, runs: runs, in: out)
        if data.timeGrid == nil, data.hasSimulatedTime,
           let horizon = SimulatedTimeGrid.horizon(finalCumulativeCosts: data.algorithms.flatMap { $0.cumulativeCost.compactMap(\.last) }, budget: nil) {
            let timed = data.onTimeGrid(SimulatedTimeGrid(horizon: horizon), checkpointSeconds: [])
            written += try drawTimeCurves(timed, in: out)
        }
        return written
    }

    /// The time view of an evaluation-budget run: its anytime curves, suffixed `-time`.
    private func drawTimeCurves(_ data: ComparisonData, in out: String) throws -> [String] {
        var written: [String] = []
        if data.objectives.count >= 2 {
            written += try curve(data, curve: "normalized_hv", name: "hv-time", yLabel: "normalised hypervolume", log: false, median: false, in: out)
        } else if let objective = data.objectives.first {
            written += try curve(data, curve: "best_signal", name: "best-so-far-time", yLabel: label(objective.metric), log: false, median: false, what: "the best \(objective.metric) so far", in: out)
        }
        for metric in data.reported {
            written += try curve(data, curve: "incumbent_\(metric)", name: "incumbent-\(metric)-time", yLabel: label(metric), log: false, median: false, what: "the incumbent's \(metric)", in: out)
        }
        return written
    }

    private func drawCurvesAndFronts(_ data: ComparisonData, runs: RunsFile, in out: String) throws -> [String] {
        var written: [String] = []
        let multi = data.objectives.count >= 2
        if multi {
            written += try curve(data, curve: "normalized_hv", name: "hv", yLabel: "normalised hypervolume", log: false, median: false, in: out)
            written += try curve(data, curve: "hv_regret", name: "hv-regret", yLabel: "HV regret (1 − normalised HV)", log: true, median: true, in: out)
            written += try box(data, curve: "normalized_hv", name: "hv-final", yLabel: "final normalised hypervolume", in: out)
            written += try fronts(data, runs: runs, in: out)
            if let n = frontsAt {
                guard data.timeGrid == nil else {
                    throw RunError("\(folder): --fronts-at counts evaluations, and this run has a simulated-seconds budget; leave it out")
                }
                written += try fronts(data, runs: runs, after: n, in: out)
            }
            // A mixed run (single-objective algorithms see the first objective) is also
            // judged by its incumbent, so the single-objective view is drawn too.
            for metric in data.reported {
                written += try curve(data, curve: "incumbent_\(metric)", name: "incumbent-\(metric)", yLabel: label(metric), log: false, median: false, what: "the incumbent's \(metric)", in: out)
            }
        } else {
            for metric in data.reported {
                written += try curve(data, curve: "incumbent_\(metric)", name: "incumbent-\(metric)", yLabel: label(metric), log: false, median: false, what: "the incumbent's \(metric)", in: out)
                written += try box(data, curve: "incumbent_\(metric)", name: "incumbent-\(metric)-final", yLabel: label(metric), what: "the incumbent's \(metric) at the end", in: out)
            }
            if let objective = data.objectives.first {
                written += try curve(data, curve: "best_signal", name: "best-so-far", yLabel: label(objective.metric), log: false, median: false, what: "the best \(objective.metric) so far", in: out)
            }
        }
        return written
    }

    /// - Parameter what: what the curve shows, for the title when the y label (the metric in
    ///   words) does not say it: "the incumbent's c10_test_200ep".
    private func curve(_ data: ComparisonData, curve: String, name: String, yLabel: String, log: Bool, median: Bool,
                       what: String? = nil, in out: String) throws -> [String] {
        let length = data.algorithms.compactMap { $0.curves[curve]?.first?.count }.max() ?? 0
        let x = Self.xAxis(data, steps: length)
        var series: [CurveSeries] = []
        for a in data.algorithms {
            guard let rows = a.curves[curve], let length = rows.first?.count, length > 0 else { continue }
            // An incumbent's metric is NaN until a trial has an incumbent with a finite
            // fitness (NASWT is NaN for some cells): those first steps are a gap.
            var summary = median ? try SeriesSummary.medianWithInterquartileRange(rows, missing: .gap)
                                 : try SeriesSummary.meanWithConfidenceInterval(rows, missing: .gap)
            if let bounds = bounds(of: curve) { summary = Self.clipped(summary, to: bounds) }
            series.append(CurveSeries(name: a.label, x: x.values.prefix(length).map { $0 }, summary: summary))
        }
        guard !series.isEmpty else { return [] }
        var band = median ? "median, IQR band" : "mean, 95% CI band"
        if let bounds = bounds(of: curve), !median {
            band += " clipped to [\(Self.integerText(bounds.lowerBound)),\(Self.integerText(bounds.upperBound))]"
        }
        if let what { band = what + "; " + band }
        let yRange = log ? nil : Self.searchPhaseRange(series)
        let figure = CurveFigure(series: series, xAxis: FigureAxis(label: x.label),
                                 yAxis: FigureAxis(label: yLabel, logScale: log, range: yRange),
                                 title: context(data, band: band), style: Self.style(for: series.map(\.name)))
        return try figure.write(name: name, in: out).outputs
    }

    /// The values a curve can take, where it is bounded: normalised HV in [0, 1], a
    /// percentage in [0, 100]. A t-interval over few trials reaches past them; no trial can.
    func bounds(of curve: String) -> ClosedRange<Double>? {
        if curve.hasPrefix("normalized_hv") { return 0...1 }
        let metric = curve.hasPrefix("incumbent_") ? String(curve.dropFirst("incumbent_".count)) : nil
        return metric.flatMap { percentMetrics.contains($0) ? 0...100 : nil }
    }

    static func integerText(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : "\(v)" }

    /// A band kept within `bounds`: a t-interval of a bounded metric (normalised HV is at
    /// most 1) can reach past them when the trials sit near a bound, which no trial can.
    static func clipped(_ summary: BandSummary, to bounds: ClosedRange<Double>) -> BandSummary {
        func clip(_ v: Double) -> Double { v.isNaN ? v : Swift.min(Swift.max(v, bounds.lowerBound), bounds.upperBound) }
        return BandSummary(centre: summary.centre, lower: summary.lower.map(clip), upper: summary.upper.map(clip))
    }

    /// The x values of curve steps and their label: evaluations 1…n, or the time grid, in
    /// hours once it passes two hours (NAS-Bench-101 searches run for days of training).
    static func xAxis(_ data: ComparisonData, steps: Int) -> (values: [Double], label: String) {
        guard let grid = data.timeGrid else { return ((0..<steps).map { Double($0 + 1) }, "evaluations") }
        if let last = grid.last, last >= 7_200 { return (grid.map { $0 / 3_600 }, "simulated training time (h)") }
        return (grid, "simulated training time (s)")
    }

    /// The y-range of the curves after the first 5 % of the budget, padded by 5 %.
    /// Best-so-far curves start far below where they end, and an axis fitted to the first
    /// few evaluations flattens the part where the algorithms differ; the early curve
    /// leaves the frame at the bottom instead.
    static func searchPhaseRange(_ series: [CurveSeries]) -> ClosedRange<Double>? {
        var low = Double.infinity, high = -Double.infinity
        for s in series {
            let start = s.centre.count / 20
            for i in start..<s.centre.count {
                for v in [s.lower?[i], s.upper?[i], s.centre[i]].compactMap({ $0 }) where v.isFinite {
                    low = min(low, v); high = max(high, v)
                }
            }
        }
        guard low.isFinite, high.isFinite else { return nil }
        let pad = high > low ? 0.05 * (high - low) : max(abs(high) * 0.01, 1e-9)
        return (low - pad)...(high + pad)
    }

    private func box(_ data: ComparisonData, curve: String, name: String, yLabel: String, what: String = "final values",
                     in out: String) throws -> [String] {
        let groups = data.algorithms.compactMap { a -> NamedValues? in
            guard let rows = a.curves[curve] else { return nil }
            return NamedValues(name: a.label, values: rows.compactMap { $0.last(where: { !$0.isNaN }) })
        }
        guard !groups.isEmpty else { return [] }
        return try BoxplotFigure(groups: groups, yAxis: FigureAxis(label: yLabel), title: "\(context(data)): \(what)",
                                 style: Self.style(for: groups.map(\.name)))
            .write(name: name, in: out).outputs
    }

    /// What both front figures draw on: the two objectives, the table's true front, the
    /// objective columns and the finite rows as a background cloud.
    private func frontContext(_ data: ComparisonData) throws
        -> (objectives: [Objective], front: TableParetoFront, x: [Float], y: [Float], cloud: [[Double]])? {
        guard data.objectives.count == 2 else { return nil }
        let objectives = data.objectives
        let named = Set(objectives.map(\.metric))
        let table = try catalog.load(data.benchmark, series: .only { id, _ in named.contains(id) })
        let front = try TableParetoFront.cached(table: table, objectives: objectives)
        let x = try table.metric(objectives[0].metric).values, y = try table.metric(objectives[1].metric).values
        let cloud = (0..<table.rows).filter { x[$0].isFinite && y[$0].isFinite }.map { [Double(x[$0]), Double(y[$0])] }
        return (objectives, front, x, y, cloud)
    }

    /// The whole table as a cloud, the true front, and for each algorithm the front found by
    /// its median trial (by final normalised HV), in the objectives' natural units.
    private func fronts(_ data: ComparisonData, runs: RunsFile, in out: String) throws -> [String] {
        guard let (objectives, front, x, y, cloud) = try frontContext(data) else { return [] }
        var found: [NamedPoints] = []
        for a in data.algorithms {
            guard let finals = a.curves["normalized_hv"]?.map({ $0.last(where: { !$0.isNaN }) ?? 0 }), !finals.isEmpty,
                  let fronts = runs.configuration(a.label)?.fronts else { continue }
            let (trials, rows) = (fronts.trial, fronts.row)
            let order = finals.indices.sorted { finals[$0] < finals[$1] }
            let medianTrial = Int32(order[order.count / 2])
            let points = zip(trials, rows).filter { $0.0 == medianTrial && $0.1 >= 0 }.map { [Double(x[Int($0.1)]), Double(y[Int($0.1)])] }
            found.append(NamedPoints(name: a.label, points: points.sorted { $0[0] < $1[0] }))
        }
        let truth = front.rows.map { [Double(x[$0]), Double(y[$0])] }.sorted { $0[0] < $1[0] }
        let figure = frontFigure(data, objectives: objectives, cloud: cloud, truth: truth, found: found,
                                 title: "\(context(data)): fronts of each median trial")
        return try figure.write(name: "fronts", in: out).outputs
    }

    /// As `fronts(_:in:)`, but each algorithm's front is the non-dominated set of what its
    /// median trial (by normalised HV at `n`) had evaluated by evaluation `n`. Points are the
    /// logged objective values, so off-table answers appear as the values the search saw.
    private func fronts(_ data: ComparisonData, runs: RunsFile, after n: Int, in out: String) throws -> [String] {
        guard let (objectives, front, x, y, cloud) = try frontContext(data) else { return [] }
        var found: [NamedPoints] = []
        for a in data.algorithms {
            guard let hv = a.curves["normalized_hv"], !hv.isEmpty, hv.allSatisfy({ $0.count >= n }),
                  let log = runs.configuration(a.label)?.log, log.objectives.count == 2 * log.trial.count else { continue }
            let (trials, steps, values) = (log.trial, log.step, log.objectives)
            let atN = hv.map { $0[n - 1].isNaN ? 0 : $0[n - 1] }
            let order = atN.indices.sorted { atN[$0] < atN[$1] }
            let medianTrial = Int32(order[order.count / 2])
            var seen = Set<[Double]>()
            let points = trials.indices.filter { trials[$0] == medianTrial && steps[$0] <= n }
                .map { [values[2 * $0], values[2 * $0 + 1]] }
                .filter { $0.allSatisfy(\.isFinite) && seen.insert($0).inserted }
            let minimised = points.map { [objectives[0].minimised($0[0]), objectives[1].minimised($0[1])] }
            let members = NonDominatedSorting.fronts(minimised).first ?? []
            found.append(NamedPoints(name: a.label, points: members.map { points[$0] }.sorted { $0[0] < $1[0] }))
        }
        guard !found.isEmpty else {
            throw RunError("\(folder): no algorithm ran \(n) evaluations in every trial; pick a smaller --fronts-at")
        }
        let truth = front.rows.map { [Double(x[$0]), Double(y[$0])] }.sorted { $0[0] < $1[0] }
        let figure = frontFigure(data, objectives: objectives, cloud: cloud, truth: truth, found: found,
                                 title: "\(context(data)): fronts after \(n) evaluations, median trial")
        return try figure.write(name: "fronts-at-\(n)", in: out).outputs
    }

    /// A fronts figure: the table's cloud, its true front as a staircase, each algorithm's
    /// front in its colour, the axes in words with units (latency on a log axis).
    private func frontFigure(_ data: ComparisonData, objectives: [Objective], cloud: [[Double]], truth: [[Double]],
                             found: [NamedPoints], title: String) -> ParetoFigure {
        let labels = found.map(\.name)
        return ParetoFigure(background: cloud, trueFront: truth, fronts: found,
                            xAxis: FigureAxis(label: label(objectives[0].metric)),
                            yAxis: FigureAxis(label: label(objectives[1].metric), logScale: true),
                            title: title, directions: (objectives[0].direction, objectives[1].direction),
                            style: Self.style(for: labels))
    }
}
