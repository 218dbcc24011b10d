import Analysis

/// The page of `nasreplay report --across`: the runs' values and ranks, the tests, and the
/// critical-difference diagram inline (`HTMLPage`).
public struct AcrossReportHTML {
    public let comparison: AcrossRunsComparison
    /// The diagram's SVG file text, when it could be drawn.
    public let svg: String?

    public init(comparison: AcrossRunsComparison, svg: String?) {
        self.comparison = comparison; self.svg = svg
    }

    public var html: String {
        let c = comparison
        let e = HTMLPage.escape, f = ComparisonReport.format
        var body = ["<h1>Across \(c.runs.count) runs</h1>",
                    "<p class=\"meta\">Algorithms every run has: \(c.algorithms.map { "<b>\(e($0))</b>" }.joined(separator: ", ")). Each run is one block: its first metric's mean over trials at its last checkpoint; rank 1 = best (Demšar 2006).</p>"]
        if let svg { body.append("<figure>\(HTMLPage.inlinedSVG(svg, prefix: "cd-"))<figcaption>critical-difference diagram (figures/critical-difference.svg)</figcaption></figure>") }
        body.append("<h2>Values and ranks</h2><table><tr><th>run</th><th>metric @ checkpoint</th>" + c.algorithms.map { "<th>\(e($0))</th>" }.joined() + "</tr>")
        for (r, data) in c.runs.enumerated() {
            let cells = c.algorithms.indices.map { "<td>\(f(c.values[r][$0]))<br><small>rank \(f(c.ranks[r][$0]))</small></td>" }.joined()
            body.append("<tr><td>\(e(data.experiment))<br><small>\(e(data.benchmark))</small></td><td>\(e(data.metrics[0].curve)) @\(e(data.stepLabel(data.checkpoints.last!)))</td>\(cells)</tr>")
        }
        body.append("<tr><td><b>mean rank</b></td><td></td>" + c.meanRanks.map { "<td><b>\(f($0))</b></td>" }.joined() + "</tr></table>")
        body.append("<h2>Tests</h2><pre>\(e(c.markdown))</pre>")
        return HTMLPage.document(title: "Across \(c.runs.count) runs · NASReplay", body: body)
    }

    public func write(to path: String) throws {
        try writeAtomically(html, to: path)
    }
}
