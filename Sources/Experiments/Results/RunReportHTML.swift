import Analysis
import Foundation
import NASCore

/// `results/<name>/index.html`: one self-contained page per run (`nasreplay report --html`).
/// It holds what summary.md says, in tables a browser shows, the verdicts in plain
/// sentences, every figure of `figures/` as inline SVG, and the provenance: the spec's text,
/// its trial hash, the seed and the code version. Nothing is loaded from elsewhere: no
/// script, no style sheet, no font, so the page opens offline and in ten years.
///
/// ```swift
/// let page = RunReportHTML(report: ComparisonReport(runs.comparison()), provenance: runs.provenance, folder: folder)
/// try page.write()        // results/<name>/index.html
/// ```
public struct RunReportHTML {
    public let report: ComparisonReport
    public let provenance: RunsFile.Provenance
    public let folder: String

    public init(report: ComparisonReport, provenance: RunsFile.Provenance, folder: String) {
        self.report = report; self.provenance = provenance; self.folder = folder
    }

    public var path: String { folder + "/index.html" }

    /// Writes the page atomically; returns its path.
    @discardableResult
    public func write() throws -> String {
        try writeAtomically(html, to: path)
        return path
    }

    /// The figures of `figures/`, in the order the run draws them (curves first), as
    /// (name, SVG text).
    var figures: [(name: String, svg: String)] {
        let dir = folder + "/figures"
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".svg") }.sorted()
        let order = ["hv", "hv-regret", "hv-final", "fronts", "best-so-far"]
        func rank(_ name: String) -> Int { order.firstIndex { name == $0 + ".svg" } ?? order.count }
        return names.sorted { (rank($0), $0) < (rank($1), $1) }.compactMap { name in
            // An SVG larger than 20 MB is not one of ours; it is left out rather than inlined.
            guard let size = FileSize.of("\(dir)/\(name)"), size < 20 << 20,
                  let text = try? String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8) else { return nil }
            return (String(name.dropLast(4)), text)
        }
    }

    public var html: String {
        let data = report.data
        var body: [String] = []
        body.append("<h1>\(escape(data.experiment))</h1>")
        body.append("<p class=\"meta\">Benchmark <code>\(escape(data.benchmark))</code>; \(data.trials) independent trials per algorithm; budget \(escape(data.budget)). "
                    + "Search objectives: \(data.objectives.map { "<code>\(escape($0.description))</code>" }.joined(separator: ", "))"
                    + (data.reported.isEmpty ? "." : "; reported for the incumbent (never seen by the search): \(data.reported.map { "<code>\(escape($0))</code>" }.joined(separator: ", ")).")
                    + "</p>")
        body.append("<p class=\"meta\">Algorithms: " + data.algorithms.map { a in
            "<b>\(escape(a.label))</b>" + (a.parameters.isEmpty ? "" : " (\(escape(a.parameters)))")
        }.joined(separator: "; ") + ".</p>")
        for (metric, table) in zip(data.metrics, report.compactTables) {
            body.append("<h2>\(escape(metric.title.replacingOccurrences(of: "`", with: "")))</h2>")
            body.append(htmlTable(metric, header: table.header))
        }
        body += verdicts()
        let figures = self.figures
        if !figures.isEmpty {
            body.append("<h2>Figures</h2>")
            for (k, figure) in figures.enumerated() {
                body.append("<figure id=\"figure-\(escape(figure.name))\">\(HTMLPage.inlinedSVG(figure.svg, prefix: "f\(k)-"))<figcaption>\(escape(figure.name)) (figures/\(escape(figure.name)).svg, with its .csv and .gp)</figcaption></figure>")
            }
        }
        body += provenanceSection()
        return HTMLPage.document(title: "\(data.experiment) · NASReplay", body: body)
    }

    /// The pairwise verdicts at the last checkpoint of each metric, in plain sentences.
    func verdicts() -> [String] {
        let data = report.data
        guard data.algorithms.count >= 2, let last = data.checkpoints.last else { return [] }
        var out = ["<h2>Verdicts at \(escape(data.stepLabel(last))) \(escape(data.stepUnit))</h2>",
                   "<p class=\"meta\">Two-sided Mann–Whitney U per pair, Holm-corrected over the pairs; A12 is the probability that the first beats the second. summary.md has every checkpoint.</p>"]
        for metric in data.metrics {
            let tests = report.pairTests(metric, at: last)
            guard !tests.isEmpty else { continue }
            out.append("<h3>\(escape(metric.title.replacingOccurrences(of: "`", with: "")))</h3><ul>")
            for t in tests { out.append("<li class=\"\(t.significant ? "ahead" : "same")\">\(escape(t.sentence))</li>") }
            out.append("</ul>")
        }
        return out
    }

    /// A metric's table: mean ± sd, and below it the median [IQR], per checkpoint.
    func htmlTable(_ metric: ComparisonData.Metric, header: [String]) -> String {
        let data = report.data
        var rows = ["<table>", "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>"]
        for a in data.algorithms {
            let cells = data.checkpoints.map { c -> String in
                let v = report.values(a, metric.curve, at: c)
                guard !v.isEmpty else { return "<td>—</td>" }
                let s = v.sorted()
                let median = ComparisonReport.format(ComparisonReport.quantile(s, 0.5))
                let iqr = "\(ComparisonReport.format(ComparisonReport.quantile(s, 0.25)))–\(ComparisonReport.format(ComparisonReport.quantile(s, 0.75)))"
                return "<td>\(escape(ComparisonReport.meanAndDeviation(v)))<br><small>\(median) [\(iqr)]</small></td>"
            }
            rows.append("<tr><td>\(escape(a.label))</td>\(cells.joined())</tr>")
        }
        rows.append("</table>")
        rows.append("<p class=\"meta\">mean ± standard deviation over trials; below, median [interquartile range].</p>")
        return rows.joined(separator: "\n")
    }

    func provenanceSection() -> [String] {
        var out = ["<h2>Provenance</h2>", "<dl>"]
        let spec = SpecLock.specFile(folder: folder)
        out.append("<dt>spec</dt><dd><code>\(escape(spec ?? "unknown (no spec.lock)"))</code></dd>")
        out.append("<dt>trial hash</dt><dd><code>\(escape(provenance.trialHash))</code></dd>")
        out.append("<dt>base seed</dt><dd><code>\(provenance.seed)</code></dd>")
        out.append("<dt>code version</dt><dd><code>\(escape(provenance.codeVersion))</code></dd>")
        out.append("<dt>results</dt><dd><code>\(escape(folder))/runs.h5</code>, <code>summary.md</code></dd>")
        if let hv = provenance.hypervolumeConvention { out.append("<dt>hypervolume</dt><dd>\(escape(hv))</dd>") }
        out.append("</dl>")
        if let spec, let data = FileManager.default.contents(atPath: spec), data.count <= SpecReader.maximumBytes {
            out.append("<pre>\(escape(String(decoding: data, as: UTF8.self)))</pre>")
        }
        return out
    }

    func escape(_ text: String) -> String { HTMLPage.escape(text) }
}
