import ArgumentParser
import Analysis
import Benchmarks
import Experiments
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write summary.md for a finished run: tables, evaluations-to-threshold, pairwise tests.",
        discussion: """
        Reads results/<name>/runs.h5. Tables give mean ± std and median [IQR] per algorithm at \
        each checkpoint; pairs are compared with two-sided Mann–Whitney U, Vargha–Delaney A12 \
        and Holm-corrected p-values.
        With --across, FOLDER… are runs on different benchmarks: the algorithms they share are \
        ranked per run, compared with the Friedman test, Nemenyi and Holm-corrected Wilcoxon \
        post-hoc tests, and drawn as Demšar's critical-difference diagram (into --out).
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "The results folder, e.g. results/nats-tss-single (with --across: two or more).") var folders: [String]
    @Flag(help: "Rank the algorithms the runs share across the FOLDERs (one per benchmark): Friedman, Nemenyi, Wilcoxon (Holm), critical-difference diagram.") var across = false
    @Option(help: "With --across: the folder for summary.md, the diagram and index.html.") var out = "results/across"
    @Option(help: "Comma-separated evaluation counts to tabulate, or simulated seconds for a run with a seconds budget (default: the spec's checkpoints).") var checkpoints: String?
    @Option(help: "Write only the evaluations-to-threshold table (LINAS paper, Table 3 form) of the first metric to this Markdown file; summary.md is left as it is.") var thresholds: String?
    // Named with `name:` rather than CodingKeys: ArgumentParser finds options by their
    // property names, so a CodingKeys rename made every `report` call fail.
    @Flag(name: .customLong("print"), help: "Print the report instead of only writing it.") var printReport = false
    @Flag(help: "Print the report as JSON (summary.md is still written); the fields are in docs/JSON.md.") var json = false
    @Flag(help: "Also draw the figures and write results/<name>/index.html: one self-contained page with the tables, the verdicts, every figure (inline SVG) and the spec.") var html = false

    func run() throws {
        if across { return try runAcross() }
        guard folders.count == 1 else {
            throw InputError("report takes one results folder (\(folders.count) given); to compare runs on several benchmarks, add --across")
        }
        let folder = folders[0]
        let store = ResultsStore(folder: folder)
        guard store.hasRunsFile else {
            throw InputError("\(store.runsFile): not found; run the experiment first (`nasreplay run SPEC`)")
        }
        var override: [Int]?
        if let checkpoints {
            override = try checkpoints.split(separator: ",").map { text in
                guard let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 0 else { throw InputError("--checkpoints: '\(text)' is not a positive whole number") }
                return n
            }
        }
        let runs = try store.readRuns()
        let data = runs.comparison(checkpoints: override)
        let report = ComparisonReport(data)
        if let thresholds {
            let table = report.thresholdsMarkdown
            try table.write(toFile: thresholds, atomically: true, encoding: .utf8)
            if printReport { print(table) }
            print("wrote \(thresholds)")
            return
        }
        let markdown = report.markdown
        let path = store.summaryFile
        try markdown.write(toFile: path, atomically: true, encoding: .utf8)
        if html {
            do {
                _ = try RunFigures(folder: folder, catalog: DatasetCatalog(folder: locations.datasetsFolder)).drawAll(runs)
            } catch {
                FileHandle.standardError.write(Data("report: the figures could not be drawn (\(error)); index.html has the tables without them\n".utf8))
            }
            let page = try RunReportHTML(report: report, provenance: runs.provenance, folder: folder).write()
            if !json { print("wrote \(page)") }
        }
        if json {
            printJSON(report.jsonObject)
            return
        }
        if printReport { print(markdown) }
        print("wrote \(path)")
    }

    /// `report --across`: writes `out/summary.md`, `out/figures/critical-difference.*` and
    /// `out/index.html`, and prints the summary (or its JSON).
    func runAcross() throws {
        let data = try folders.map { folder -> ComparisonData in
            let store = ResultsStore(folder: folder)
            guard store.hasRunsFile else { throw InputError("\(store.runsFile): not found; run the experiment first (`nasreplay run SPEC`)") }
            return try store.readRuns().comparison()
        }
        let comparison = try AcrossRunsComparison(runs: data)
        try FileManager.default.createDirectory(atPath: out + "/figures", withIntermediateDirectories: true)
        let markdown = comparison.markdown
        try markdown.write(toFile: out + "/summary.md", atomically: true, encoding: .utf8)
        var svg: String?
        do {
            let files = try CriticalDifferenceFigure(comparison).write(name: "critical-difference", in: out + "/figures")
            svg = try? String(contentsOfFile: files.svg, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("report: the critical-difference diagram could not be drawn (\(error))\n".utf8))
        }
        try AcrossReportHTML(comparison: comparison, svg: svg).write(to: out + "/index.html")
        if json {
            printJSON(comparison.jsonObject)
        } else {
            print(markdown)
            print("wrote \(out)/summary.md, \(out)/figures/critical-difference.png (and .pdf, .svg) and \(out)/index.html")
        }
    }
}
