import Foundation

/// One named line of a ``CurveFigure``, optionally with a band around it.
///
/// ```swift
/// let ga = CurveSeries(name: "GA", x: evaluations, summary: try SeriesSummary.meanWithConfidenceInterval(regret))
/// let plain = CurveSeries(name: "MAPE", x: [100, 200, 400], y: [0.31, 0.22, 0.15])
/// ```
public struct CurveSeries: Sendable, Equatable {
    public var name: String
    public var x: [Double]
    public var centre: [Double]
    /// Lower and upper edges of the band, or `nil` for a plain line.
    public var lower: [Double]?
    public var upper: [Double]?

    public init(name: String, x: [Double], y: [Double]) {
        self.name = name
        self.x = x
        self.centre = y
    }

    public init(name: String, x: [Double], centre: [Double], lower: [Double], upper: [Double]) {
        self.name = name
        self.x = x
        self.centre = centre
        self.lower = lower
        self.upper = upper
    }

    public init(name: String, x: [Double], summary: BandSummary) {
        self.init(name: name, x: x, centre: summary.centre, lower: summary.lower, upper: summary.upper)
    }

    var hasBand: Bool { lower != nil && upper != nil }
}

/// Lines over evaluations or simulated time, each with an optional band: anytime
/// performance curves ("mean with 95 % CI", "median with IQR") and plain multi-line plots
/// such as predictor MAPE or Kendall τ against training-set size.
///
/// ```swift
/// let figure = CurveFigure(
///     series: [CurveSeries(name: "RS", x: grid, summary: rs), CurveSeries(name: "GA", x: grid, summary: ga)],
///     xAxis: FigureAxis(label: "evaluations"),
///     yAxis: FigureAxis(label: "HV regret", logScale: true))
/// try GnuplotRenderer().write(figure, name: "hv_regret", in: dir)
/// ```
///
/// The csv has one row per step. If every series has the same x it is the first column
/// `x`, followed by `<name>`, `<name> lower`, `<name> upper` per series; otherwise each
/// series brings its own `<name> x` column, and shorter series leave trailing cells empty.
/// NaN values are written `NaN` and leave a gap in the line or band.
///
/// On a log y axis, values ≤ 0 (a regret of exactly 0 once the optimum is found, or the
/// lower edge of a wide interval) cannot be drawn, so they are pinned to a floor: the
/// lower end of `yAxis.range` if given, else the decade below the smallest positive value.
/// The script names the floor `logfloor`, so it is easy to change.
public struct CurveFigure: GnuplotFigure {
    public var series: [CurveSeries]
    public var xAxis: FigureAxis
    public var yAxis: FigureAxis
    public var title: String?
    public var legend: LegendPosition
    /// Draw a marker at (some of) the points: useful for short series such as a sweep
    /// over training sizes, noise on long anytime curves.
    public var markers: Bool
    public var style: FigureStyle

    public init(series: [CurveSeries], xAxis: FigureAxis = FigureAxis(), yAxis: FigureAxis = FigureAxis(),
                title: String? = nil, legend: LegendPosition = .auto, markers: Bool = false,
                style: FigureStyle = .paper) {
        self.series = series
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.title = title
        self.legend = legend
        self.markers = markers
        self.style = style
    }

    public func compose() throws -> ComposedFigure {
        try validate()
        let sharedX = series.dropFirst().allSatisfy { $0.x == series[0].x }
        var header: [String] = []
        var columns: [[String]] = []
        // gnuplot column numbers per series: x, centre, lower, upper.
        var layout: [(x: Int, centre: Int, band: (Int, Int)?)] = []
        if sharedX {
            header.append("x")
            columns.append(series[0].x.map(Gnuplot.cell))
        }
        for s in series {
            let name = Gnuplot.text(s.name)
            var xColumn = 1
            if !sharedX {
                header.append("\(name) x")
                columns.append(s.x.map(Gnuplot.cell))
                xColumn = columns.count
            }
            header.append(name)
            columns.append(s.centre.map(Gnuplot.cell))
            let centre = columns.count
            var band: (Int, Int)?
            if let lower = s.lower, let upper = s.upper {
                header.append("\(name) lower")
                columns.append(lower.map(Gnuplot.cell))
                header.append("\(name) upper")
                columns.append(upper.map(Gnuplot.cell))
                band = (columns.count - 1, columns.count)
            }
            layout.append((xColumn, centre, band))
        }
        let rowCount = columns.map(\.count).max() ?? 0
        let rows = (0..<rowCount).map { r in columns.map { r < $0.count ? $0[r] : "" } }

        var settings: [String] = []
        if let title { settings.append(Gnuplot.titleSetting(title)) }
        settings += Gnuplot.axisSettings(xAxis, "x", data: series.flatMap(\.x))
        settings += Gnuplot.axisSettings(yAxis, "y")
        var y: (Int) -> String = { "\($0)" }
        if yAxis.logScale {
            let floor = yAxis.range?.lowerBound ?? logFloor()
            settings.append("# Values <= 0 cannot sit on a log axis; they are drawn at logfloor instead.")
            settings.append("logfloor = \(Gnuplot.number(floor))")
            settings.append("pin(v) = v != v ? NaN : (v > logfloor ? v : logfloor)   # NaN stays a gap")
            if yAxis.range == nil { settings.append("set yrange [logfloor:*]") }
            y = { "(pin($\($0)))" }
        }
        settings += Gnuplot.keySettings(resolvedLegend())
        if markers {
            // Markers at the ends would be cut in half by the border of a tight autoscale.
            settings.append("set offsets graph 0.03, graph 0.03, graph 0.03, graph 0.03")
        }

        var clauses: [String] = []
        for (i, l) in layout.enumerated() {
            guard let (lo, hi) = l.band else { continue }
            clauses.append("data skip 1 using \(l.x):\(y(lo)):\(y(hi)) with filledcurves lt \(i + 1) fs transparent solid bandopacity noborder notitle")
        }
        for (i, l) in layout.enumerated() {
            let title = "title \(Gnuplot.quoted(series[i].name)) noenhanced"
            if markers {
                let every = max(1, series[i].x.count / 10)
                clauses.append("data skip 1 using \(l.x):\(y(l.centre)) with linespoints lt \(i + 1) pointinterval \(every) \(title)")
            } else {
                clauses.append("data skip 1 using \(l.x):\(y(l.centre)) with lines lt \(i + 1) \(title)")
            }
        }
        if layout.contains(where: { $0.band != nil }) {
            settings.append("bandopacity = \(Gnuplot.number(style.bandOpacity))")
        }
        return ComposedFigure(header: header, rows: rows, settings: settings,
                              plot: "plot \\\n    " + clauses.joined(separator: ", \\\n    "))
    }

    private func validate() throws {
        let figure = "curves"
        guard !series.isEmpty else { throw FigureError.invalidData(figure: figure, reason: "no series to draw") }
        for s in series {
            let what = "series \"\(s.name)\""
            guard !s.x.isEmpty else { throw FigureError.invalidData(figure: figure, reason: "\(what) is empty") }
            var lengths = [s.x.count, s.centre.count]
            if s.lower != nil || s.upper != nil {
                guard let lower = s.lower, let upper = s.upper else {
                    throw FigureError.invalidData(figure: figure, reason: "\(what) has only one edge of its band")
                }
                lengths += [lower.count, upper.count]
                try Gnuplot.requireFinite(lower, figure: figure, what: what, allowNaN: true)
                try Gnuplot.requireFinite(upper, figure: figure, what: what, allowNaN: true)
            }
            if Set(lengths).count > 1 {
                throw FigureError.invalidData(figure: figure, reason: "\(what) has x, centre and band of different lengths \(lengths)")
            }
            try Gnuplot.requireFinite(s.x, figure: figure, what: "\(what) x")
            try Gnuplot.requireFinite(s.centre, figure: figure, what: what, allowNaN: true)
            if xAxis.logScale, s.x.contains(where: { $0 <= 0 }) {
                throw FigureError.invalidData(figure: figure, reason: "\(what) has x ≤ 0, which a log x axis cannot show")
            }
        }
        if yAxis.logScale, yAxis.range == nil, !allY.contains(where: { $0 > 0 }) {
            throw FigureError.invalidData(figure: figure, reason: "a log y axis needs some positive values")
        }
    }

    private var allY: [Double] {
        series.flatMap { $0.centre + ($0.lower ?? []) + ($0.upper ?? []) }.filter { !$0.isNaN }
    }

    /// The decade at or below the smallest positive value.
    private func logFloor() -> Double {
        let smallest = allY.filter { $0 > 0 }.min() ?? 1
        return pow(10, (log10(smallest)).rounded(.down))
    }

    private func resolvedLegend() -> LegendPosition {
        guard legend == .auto else { return legend }
        var points: [LegendPlacement.WeightedPoint] = []
        for s in series {
            points += LegendPlacement.densify(x: s.x, y: s.centre, xLog: xAxis.logScale, yLog: yAxis.logScale)
            if let lower = s.lower, let upper = s.upper {
                points += LegendPlacement.densify(x: s.x, y: lower, weight: 0.5, xLog: xAxis.logScale, yLog: yAxis.logScale)
                points += LegendPlacement.densify(x: s.x, y: upper, weight: 0.5, xLog: xAxis.logScale, yLog: yAxis.logScale)
            }
        }
        if yAxis.logScale {
            let floor = yAxis.range?.lowerBound ?? logFloor()
            points = points.map { LegendPlacement.WeightedPoint(x: $0.x, y: max($0.y, floor), weight: $0.weight) }
        }
        return LegendPlacement.choose(points: points, xLog: xAxis.logScale, yLog: yAxis.logScale,
                                      entries: series.count, longestTitle: series.map(\.name.count).max() ?? 0)
    }
}
