import NASCore

/// A named set of two-objective points, e.g. the front one algorithm found.
public struct NamedPoints: Sendable, Equatable {
    public var name: String
    /// Each point is `[x, y]`.
    public var points: [[Double]]

    public init(name: String, points: [[Double]]) {
        self.name = name
        self.points = points
    }
}

/// Two objectives at a glance: every architecture of the table as a light-grey cloud, the
/// true Pareto front in black, and the fronts the algorithms found on top.
///
/// ```swift
/// let figure = ParetoFigure(
///     background: table.map { [$0.error, $0.latency] },
///     trueFront: trueFront,
///     fronts: [NamedPoints(name: "NSGA-II", points: found)],
///     xAxis: FigureAxis(label: "validation error (%)"), yAxis: FigureAxis(label: "latency (ms)"))
/// try GnuplotRenderer().write(figure, name: "pareto_cifar10", in: dir)
/// ```
///
/// The csv is long: `group,set,x,y`, group 0 the cloud, 1 the true front (sorted by x), 2…
/// the found fronts in order, and last, when the objectives' directions are given, the true
/// front's staircase. The script selects rows by `group`, so a user can drop or add sets by
/// editing the csv alone.
///
/// With `directions`, the true front's line is the staircase it is: between two
/// neighbours it runs through the corner that is the worse of both in each objective (the
/// boundary of what the front dominates), never along the straight segment, which would
/// claim trade-offs no architecture offers.
public struct ParetoFigure: GnuplotFigure {
    public var background: [[Double]]
    public var trueFront: [[Double]]
    public var fronts: [NamedPoints]
    public var xAxis: FigureAxis
    public var yAxis: FigureAxis
    public var title: String?
    public var legend: LegendPosition
    public var backgroundName: String
    public var trueFrontName: String
    /// Whether each axis is maximised or minimised; nil draws the front as points joined
    /// by straight segments (for sets that are not a Pareto front).
    public var directions: (x: Direction, y: Direction)?
    public var style: FigureStyle

    public init(background: [[Double]], trueFront: [[Double]], fronts: [NamedPoints],
                xAxis: FigureAxis = FigureAxis(), yAxis: FigureAxis = FigureAxis(), title: String? = nil,
                legend: LegendPosition = .auto, backgroundName: String = "all architectures",
                trueFrontName: String = "true front", directions: (x: Direction, y: Direction)? = nil,
                style: FigureStyle = .paper) {
        self.background = background
        self.trueFront = trueFront
        self.fronts = fronts
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.title = title
        self.legend = legend
        self.backgroundName = backgroundName
        self.trueFrontName = trueFrontName
        self.directions = directions
        self.style = style
    }

    /// The true front's staircase: each point, then the corner to the next one that is the
    /// worse of the two in each objective. Points in ascending x.
    static func staircase(_ sorted: [[Double]], x: Direction, y: Direction) -> [[Double]] {
        guard let first = sorted.first else { return [] }
        var out = [first]
        for (p, q) in zip(sorted, sorted.dropFirst()) {
            let cornerX = x == .max ? Swift.min(p[0], q[0]) : Swift.max(p[0], q[0])
            let cornerY = y == .max ? Swift.min(p[1], q[1]) : Swift.max(p[1], q[1])
            out.append([cornerX, cornerY])
            out.append(q)
        }
        return out
    }

    public func compose() throws -> ComposedFigure {
        try validate(NamedPoints(name: backgroundName, points: background))
        try validate(NamedPoints(name: trueFrontName, points: trueFront))
        for front in fronts { try validate(front) }
        let sortedFront = trueFront.sorted { ($0[0], $0[1]) < ($1[0], $1[1]) }
        let stairs = directions.map { Self.staircase(sortedFront, x: $0.x, y: $0.y) }
        let sets = [NamedPoints(name: backgroundName, points: background),
                    NamedPoints(name: trueFrontName, points: sortedFront)] + fronts
            + (stairs.map { [NamedPoints(name: trueFrontName + " (staircase)", points: $0)] } ?? [])
        var rows: [[String]] = []
        for (group, set) in sets.enumerated() {
            let name = Gnuplot.text(set.name)
            for p in set.points { rows.append(["\(group)", name, Gnuplot.cell(p[0]), Gnuplot.cell(p[1])]) }
        }

        var settings: [String] = []
        if let title { settings.append(Gnuplot.titleSetting(title)) }
        let all = sets.flatMap(\.points)
        settings += Gnuplot.axisSettings(xAxis, "x", data: all.map { $0[0] })
        settings += Gnuplot.axisSettings(yAxis, "y", data: all.map { $0[1] })
        settings += Gnuplot.keySettings(resolvedLegend(sets))
        settings.append("cloud = \"#c4c4c4\"")
        settings.append("truefront = \"#000000\"")

        func select(_ group: Int) -> String { "data skip 1 using ($1 == \(group) ? $3 : NaN):4" }
        var clauses: [String] = []
        if !background.isEmpty {
            clauses.append("\(select(0)) with points pt 7 ps 0.25 lc rgb cloud title \(Gnuplot.quoted(backgroundName)) noenhanced")
        }
        if !trueFront.isEmpty, stairs != nil {
            clauses.append("\(select(sets.count - 1)) with lines lw 1 lc rgb truefront title \(Gnuplot.quoted(trueFrontName)) noenhanced")
            clauses.append("\(select(1)) with points pt 7 ps 0.45 lc rgb truefront notitle")
        } else if !trueFront.isEmpty {
            clauses.append("\(select(1)) with linespoints lw 1 pt 7 ps 0.45 lc rgb truefront title \(Gnuplot.quoted(trueFrontName)) noenhanced")
        }
        for (i, front) in fronts.enumerated() {
            // Open markers over a filled black front keep both visible where they coincide.
            clauses.append("\(select(i + 2)) with points lt \(i + 1) pt \(openPointType(i)) ps 0.9 title \(Gnuplot.quoted(front.name)) noenhanced")
        }
        guard !clauses.isEmpty else { throw FigureError.invalidData(figure: "pareto", reason: "no points to draw") }
        return ComposedFigure(header: ["group", "set", "x", "y"], rows: rows, settings: settings,
                              plot: "plot \\\n    " + clauses.joined(separator: ", \\\n    "))
    }

    /// Open circle, square, triangles, diamond, pentagon; cycling.
    private func openPointType(_ i: Int) -> Int { [6, 4, 8, 10, 12, 14][i % 6] }

    private func validate(_ set: NamedPoints) throws {
        for (k, p) in set.points.enumerated() {
            guard p.count == 2, p.allSatisfy(\.isFinite) else {
                throw FigureError.invalidData(figure: "pareto", reason: "\"\(set.name)\" point \(k + 1) must be two finite numbers, got \(p)")
            }
            if (xAxis.logScale && p[0] <= 0) || (yAxis.logScale && p[1] <= 0) {
                throw FigureError.invalidData(figure: "pareto", reason: "\"\(set.name)\" point \(k + 1) is ≤ 0 on a log axis")
            }
        }
    }

    private func resolvedLegend(_ sets: [NamedPoints]) -> LegendPosition {
        guard legend == .auto else { return legend }
        var points: [LegendPlacement.WeightedPoint] = []
        // The cloud is context: covering a little of it is acceptable, covering a front is not.
        let cloudWeight = background.isEmpty ? 0 : min(1, 0.05 * Double(max(1, trueFront.count)) / Double(background.count))
        points += background.map { .init(x: $0[0], y: $0[1], weight: cloudWeight) }
        // The line as drawn: the staircase when there is one.
        let front = (directions == nil ? sets[1] : sets[sets.count - 1]).points
        points += LegendPlacement.densify(x: front.map { $0[0] }, y: front.map { $0[1] }, xLog: xAxis.logScale, yLog: yAxis.logScale)
        for f in fronts { points += f.points.map { .init(x: $0[0], y: $0[1], weight: 1) } }
        let entries = sets.filter { !$0.points.isEmpty }.count - (directions == nil ? 0 : 1)
        return LegendPlacement.choose(points: points, xLog: xAxis.logScale, yLog: yAxis.logScale,
                                      entries: entries, longestTitle: sets.map(\.name.count).max() ?? 0)
    }
}
