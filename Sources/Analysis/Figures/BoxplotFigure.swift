/// A named sample, e.g. one algorithm's final values over its trials.
public struct NamedValues: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// One box per category, e.g. the final normalised hypervolume of each algorithm.
///
/// ```swift
/// let figure = BoxplotFigure(
///     groups: [NamedValues(name: "RS", values: rsFinal), NamedValues(name: "GA", values: gaFinal)],
///     yAxis: FigureAxis(label: "final normalised HV"))
/// try GnuplotRenderer().write(figure, name: "final_hv", in: dir)
/// ```
///
/// The csv is wide, one column per category in order (as `pandas.DataFrame.boxplot`
/// expects); shorter columns end in empty cells. gnuplot draws the box from its own
/// quartiles, whiskers to the furthest value within 1.5 IQR of the box (matplotlib's
/// default too) and the values beyond as points.
public struct BoxplotFigure: GnuplotFigure {
    public var groups: [NamedValues]
    public var xLabel: String
    public var yAxis: FigureAxis
    public var title: String?
    public var style: FigureStyle

    public init(groups: [NamedValues], xLabel: String = "", yAxis: FigureAxis = FigureAxis(),
                title: String? = nil, style: FigureStyle = .paper) {
        self.groups = groups
        self.xLabel = xLabel
        self.yAxis = yAxis
        self.title = title
        self.style = style
    }

    public func compose() throws -> ComposedFigure {
        guard !groups.isEmpty else { throw FigureError.invalidData(figure: "boxplot", reason: "no categories to draw") }
        for g in groups {
            guard !g.values.isEmpty else { throw FigureError.invalidData(figure: "boxplot", reason: "category \"\(g.name)\" has no values") }
            try Gnuplot.requireFinite(g.values, figure: "boxplot", what: "category \"\(g.name)\"")
            if yAxis.logScale, g.values.contains(where: { $0 <= 0 }) {
                throw FigureError.invalidData(figure: "boxplot", reason: "category \"\(g.name)\" has values ≤ 0, which a log axis cannot show")
            }
        }
        let rowCount = groups.map(\.values.count).max() ?? 0
        let rows = (0..<rowCount).map { r in groups.map { r < $0.values.count ? Gnuplot.cell($0.values[r]) : "" } }

        var settings: [String] = []
        if let title { settings.append(Gnuplot.titleSetting(title)) }
        if !xLabel.isEmpty { settings.append("set xlabel \(Gnuplot.quoted(xLabel)) noenhanced") }
        settings += Gnuplot.axisSettings(yAxis, "y", data: groups.flatMap(\.values))
        settings.append("unset key")
        settings.append("set style boxplot outliers pointtype 7 range 1.5")
        settings.append("set boxwidth 0.55")
        settings.append("set pointsize 0.4")
        settings.append("set xrange [0.4:\(Gnuplot.number(Double(groups.count) + 0.6))]")
        settings.append("set grid noxtics")
        let tics = groups.enumerated().map { "\(Gnuplot.quoted($0.element.name)) \($0.offset + 1)" }.joined(separator: ", ")
        // Names side by side overlap when one is wider than its slot: about 40 characters
        // of tick text fit across a paper column, shared by the categories. Slanting them
        // keeps every name legible ("aging nas-ea-fa-v2nsga2" was six names in a row).
        let slot = 40.0 / Double(groups.count)
        let slant = groups.contains { Double($0.name.count) > slot - 1 } ? " rotate by 30 right" : ""
        settings.append("set xtics (\(tics)) scale 0 noenhanced\(slant)")

        let clauses = groups.indices.map { i in
            "data skip 1 using (\(i + 1)):\(i + 1) with boxplot lt \(i + 1) fs transparent solid 0.3 border lt \(i + 1)"
        }
        return ComposedFigure(header: groups.map { Gnuplot.text($0.name) }, rows: rows, settings: settings,
                              plot: "plot \\\n    " + clauses.joined(separator: ", \\\n    "))
    }
}
