/// Demšar's critical-difference diagram (JMLR 7 (2006), Fig. 1): the mean ranks of the
/// algorithms on an axis, best (rank 1) on the left, each algorithm's name joined to its
/// rank, a bar joining each group whose ranks differ by less than the critical difference
/// (no significant difference), and the critical difference itself above the axis.
///
/// ```swift
/// try CriticalDifferenceFigure(across).write(name: "critical-difference", in: "results/across")
/// ```
///
/// The csv holds `algorithm,mean_rank`; the lines and names are set from it in the script.
public struct CriticalDifferenceFigure: GnuplotFigure {
    public var algorithms: [String]
    public var meanRanks: [Double]
    public var criticalDifference: Double
    /// Groups not significantly different, as ranges of positions in rank order.
    public var cliques: [ClosedRange<Int>]
    public var title: String?
    public var style: FigureStyle

    public init(_ across: AcrossRunsComparison, title: String? = nil, style: FigureStyle = .paper) {
        algorithms = across.algorithms
        meanRanks = across.meanRanks
        criticalDifference = across.criticalDifference
        cliques = across.cliques
        self.title = title ?? "mean ranks over \(across.runs.count) runs (1 = best); bars: no significant difference (Nemenyi, α = \(across.significance))"
        var style = style
        style.palette = SeriesColours.palette(for: across.algorithms)
        self.style = style
    }

    public func compose() throws -> ComposedFigure {
        let k = algorithms.count
        guard k >= 2, meanRanks.count == k, meanRanks.allSatisfy(\.isFinite) else {
            throw FigureError.invalidData(figure: "critical difference", reason: "needs at least two algorithms with finite mean ranks")
        }
        let order = algorithms.indices.sorted { (meanRanks[$0], $0) < (meanRanks[$1], $1) }
        var settings: [String] = []
        if let title { settings.append(Gnuplot.titleSetting(title)) }
        // x: ranks 1…k; y: 0 is the axis, names hang below it.
        let levels = (k + 1) / 2
        let bottom = -Double(levels) - 2
        settings += [
            "unset key", "unset ytics", "unset grid", "set border 0",
            "set xrange [0.5:\(Gnuplot.number(Double(k) + 0.5))]",
            "set yrange [\(Gnuplot.number(bottom)):1.6]",
            "set xtics axis nomirror 1,1,\(k) out scale 0.6",
            "set xzeroaxis lt -1 lw 1.2",
            "set lmargin 14", "set rmargin 14",
        ]
        // Each name: a line down from its rank, then across to the side it is written on.
        for (position, a) in order.enumerated() {
            let left = position < levels
            let level = left ? position : k - 1 - position
            let y = -Double(level) - 1.4
            let x = meanRanks[a]
            let end = left ? 0.5 : Double(k) + 0.5
            settings.append("set arrow from \(Gnuplot.number(x)),0 to \(Gnuplot.number(x)),\(Gnuplot.number(y)) nohead lt \(a + 1) lw 1.2")
            settings.append("set arrow from \(Gnuplot.number(x)),\(Gnuplot.number(y)) to \(Gnuplot.number(end)),\(Gnuplot.number(y)) nohead lt \(a + 1) lw 1.2")
            let format = String(format: "%.2f", x)
            settings.append("set label \(Gnuplot.quoted("\(algorithms[a]) (\(format))")) at \(Gnuplot.number(end)),\(Gnuplot.number(y)) \(left ? "right offset -0.5,0" : "left offset 0.5,0") noenhanced")
        }
        // The cliques: thick bars below the tick labels, staggered so they do not overlap.
        for (n, clique) in cliques.enumerated() {
            let y = -0.55 - 0.15 * Double(n)
            let from = meanRanks[order[clique.lowerBound]] - 0.05, to = meanRanks[order[clique.upperBound]] + 0.05
            settings.append("set arrow from \(Gnuplot.number(from)),\(Gnuplot.number(y)) to \(Gnuplot.number(to)),\(Gnuplot.number(y)) nohead lw 4 lc rgb \"#404040\"")
        }
        // The critical difference above the axis, from rank 1.
        if criticalDifference.isFinite {
            settings.append("set arrow from 1,1.0 to \(Gnuplot.number(1 + criticalDifference)),1.0 heads size 0.05,90 lw 1.2 lc rgb \"#000000\"")
            settings.append("set label \(Gnuplot.quoted(String(format: "CD = %.2f", criticalDifference))) at \(Gnuplot.number(1 + criticalDifference / 2)),1.3 center")
        }
        let rows = order.map { [Gnuplot.text(algorithms[$0]), Gnuplot.cell(meanRanks[$0])] }
        return ComposedFigure(header: ["algorithm", "mean_rank"], rows: rows, settings: settings,
                              plot: "plot data skip 1 using 2:(0) with points pt 7 ps 0.8 lc rgb \"#000000\" notitle")
    }
}
