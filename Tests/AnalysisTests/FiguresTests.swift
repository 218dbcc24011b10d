import Foundation
import Testing
@testable import Analysis

/// A fresh folder per test. Set NASREPLAY_FIGURE_DIR to keep the drawings somewhere to look at.
private func figureDirectory(_ test: String) -> String {
    if let keep = ProcessInfo.processInfo.environment["NASREPLAY_FIGURE_DIR"] {
        return (keep as NSString).appendingPathComponent(test)
    }
    return (NSTemporaryDirectory() as NSString).appendingPathComponent("nasreplay-figures-\(test)-\(UUID().uuidString)")
}

private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

private func size(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
}

private func modified(_ path: String) -> Date? {
    (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
}

/// Deterministic pseudo-random numbers for example data (no dependence on other modules).
private struct Lcg {
    var state: UInt64
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}

/// Example data shaped like the real figures.
enum FigureExamples {
    static func regretCurves() throws -> CurveFigure {
        let grid = (1...100).map { Double($0 * 10) }
        var rng = Lcg(state: 7)
        func trials(rate: Double) -> [[Double]] {
            (0..<20).map { _ in
                let speed = rate * (0.6 + 0.8 * rng.next())
                return grid.map { max(0, 0.5 * exp(-speed * $0 / 1000) - 0.002 + 0.004 * rng.next()) + 1e-4 }
            }
        }
        let series = try [("random search", 1.5), ("regularised evolution", 3.0), ("NSGA-II", 5.0)].map { name, rate in
            CurveSeries(name: name, x: grid, summary: try SeriesSummary.meanWithConfidenceInterval(trials(rate: rate)))
        }
        return CurveFigure(series: series, xAxis: FigureAxis(label: "evaluations"),
                           yAxis: FigureAxis(label: "HV regret (1 − normalised HV)", logScale: true))
    }

    static func pareto() -> ParetoFigure {
        var rng = Lcg(state: 11)
        let cloud: [[Double]] = (0..<3000).map { _ in
            let cost = 0.02 + rng.next() * rng.next() * 1.5
            let error = 5.5 + 30 * exp(-3 * cost) * rng.next() + 4 * rng.next() * rng.next()
            return [cost, error]
        }
        let front = cloud.filter { p in !cloud.contains { q in q[0] <= p[0] && q[1] <= p[1] && q != p } }
        let found1 = front.enumerated().filter { $0.offset % 2 == 0 }.map { [$0.element[0], $0.element[1] + 0.3] }
        let found2 = front.enumerated().filter { $0.offset % 3 == 1 }.map { [$0.element[0] * 1.05, $0.element[1] + 0.8] }
        return ParetoFigure(background: cloud, trueFront: front,
                            fronts: [NamedPoints(name: "NSGA-II", points: found1), NamedPoints(name: "random search", points: found2)],
                            xAxis: FigureAxis(label: "latency (ms)"), yAxis: FigureAxis(label: "validation error (%)"))
    }

    static func boxplot() -> BoxplotFigure {
        var rng = Lcg(state: 3)
        let groups = [("RS", 0.90, 0.03), ("RE", 0.95, 0.015), ("NSGA-II", 0.96, 0.01), ("LS", 0.93, 0.03)].map { name, centre, spread in
            NamedValues(name: name, values: (0..<(name == "LS" ? 15 : 25)).map { _ in centre + spread * (rng.next() + rng.next() - 1) })
        }
        return BoxplotFigure(groups: groups, xLabel: "algorithm", yAxis: FigureAxis(label: "final normalised HV"))
    }

    static func lines() -> CurveFigure {
        let sizes: [Double] = [50, 100, 200, 400, 800, 1600]
        let series = [("MLP", 0.30), ("GIN", 0.22), ("XGBoost", 0.26)].map { name, base in
            CurveSeries(name: name, x: sizes, y: sizes.map { base * pow(50 / $0, 0.35) })
        }
        return CurveFigure(series: series, xAxis: FigureAxis(label: "training architectures", logScale: true),
                           yAxis: FigureAxis(label: "MAPE"), markers: true)
    }
}

@Suite("Figures: csv, gnuplot script and drawings")
struct FiguresTests {
    @Test("curves with bands: shared-x csv, log floor, script names csv and outputs, drawn and redrawn")
    func curves() throws {
        let dir = figureDirectory("curves")
        let figure = try FigureExamples.regretCurves()
        let files = try writeAndCheck(figure, name: "hv_regret", in: dir)
        let csv = try read(files.csv).split(separator: "\n")
        #expect(csv[0] == "x,random search,random search lower,random search upper,regularised evolution,regularised evolution lower,regularised evolution upper,NSGA-II,NSGA-II lower,NSGA-II upper")
        #expect(csv.count == 101)
        #expect(csv[1].hasPrefix("10.0,"))
        let script = try read(files.script)
        #expect(script.contains("logfloor = "))
        #expect(script.contains("set logscale y"))
        #expect(script.contains("with filledcurves"))
        #expect(script.contains("title \"NSGA-II\" noenhanced"))
        try expectRedraws(files)
    }

    @Test("plain lines with markers and per-series x; NaN is written NaN, padding is empty")
    func linesPerSeriesX() throws {
        let dir = figureDirectory("lines")
        let figure = CurveFigure(series: [
            CurveSeries(name: "kendall, tau", x: [1, 2, 3], y: [0.1, .nan, 0.3]),
            CurveSeries(name: "MAPE", x: [1, 2], y: [0.5, 0.4]),
        ], xAxis: FigureAxis(label: "size"), yAxis: FigureAxis(label: "value"), legend: .below, markers: true)
        let composed = try figure.compose()
        #expect(composed.header == ["kendall  tau x", "kendall  tau", "MAPE x", "MAPE"])
        #expect(composed.rows == [["1.0", "0.1", "1.0", "0.5"], ["2.0", "NaN", "2.0", "0.4"], ["3.0", "0.3", "", ""]])
        #expect(composed.plot.contains("using 1:2 with linespoints lt 1"))
        #expect(composed.plot.contains("using 3:4 with linespoints lt 2"))
        _ = try writeAndCheck(figure, name: "lines", in: dir)
        // One trial: no interval (NaN band), and a regret of 0 pinned to the log floor.
        let single = try SeriesSummary.meanWithConfidenceInterval([[0.5, 0.05, 0]])
        let lonely = CurveFigure(series: [CurveSeries(name: "GA", x: [1, 2, 3], summary: single)],
                                 yAxis: FigureAxis(label: "regret", logScale: true))
        let lonelyCsv = try lonely.compose()
        #expect(lonelyCsv.rows[2] == ["3.0", "0.0", "NaN", "NaN"])
        #expect(lonelyCsv.settings.contains("logfloor = 0.01"))
        _ = try writeAndCheck(lonely, name: "single_trial", in: dir)
        _ = try writeAndCheck(FigureExamples.lines(), name: "predictor_mape", in: dir)
    }

    @Test("pareto scatter: long csv by group, true front sorted, fronts with their own markers")
    func pareto() throws {
        let dir = figureDirectory("pareto")
        let small = ParetoFigure(background: [[3, 3], [1, 4], [2, 2]], trueFront: [[2, 2], [1, 4]],
                                 fronts: [NamedPoints(name: "GA", points: [[2, 2.5]])],
                                 xAxis: FigureAxis(label: "cost"), yAxis: FigureAxis(label: "error"))
        let composed = try small.compose()
        #expect(composed.header == ["group", "set", "x", "y"])
        #expect(composed.rows.map { $0.joined(separator: ",") } == [
            "0,all architectures,3.0,3.0", "0,all architectures,1.0,4.0", "0,all architectures,2.0,2.0",
            "1,true front,1.0,4.0", "1,true front,2.0,2.0", "2,GA,2.0,2.5",
        ])
        _ = try writeAndCheck(small, name: "pareto_small", in: dir)
        let files = try writeAndCheck(FigureExamples.pareto(), name: "pareto", in: dir)
        try expectRedraws(files)
    }

    @Test("boxplot: one column per category, ragged columns end empty, tics name the categories")
    func boxplot() throws {
        let dir = figureDirectory("boxplot")
        let small = BoxplotFigure(groups: [NamedValues(name: "RS", values: [1, 2, 3]), NamedValues(name: "GA", values: [4, 5])])
        let composed = try small.compose()
        #expect(composed.header == ["RS", "GA"])
        #expect(composed.rows == [["1.0", "4.0"], ["2.0", "5.0"], ["3.0", ""]])
        #expect(composed.settings.contains("set xtics (\"RS\" 1, \"GA\" 2) scale 0 noenhanced"))
        let files = try writeAndCheck(FigureExamples.boxplot(), name: "final_hv", in: dir)
        try expectRedraws(files)
    }

    @Test("without gnuplot the csv and script are kept and the error names the fix")
    func missingGnuplot() throws {
        let dir = figureDirectory("missing")
        defer { cleanUp(dir) }
        let renderer = GnuplotRenderer(executable: "gnuplot-not-installed-\(UUID().uuidString.prefix(8))")
        #expect(!renderer.isAvailable)
        do {
            try renderer.write(FigureExamples.lines(), name: "mape", in: dir)
            Issue.record("expected gnuplotMissing")
        } catch let error as FigureError {
            guard case .gnuplotMissing = error else { Issue.record("wrong error \(error)"); return }
            #expect(error.description.contains("apt-get install gnuplot-nox"))
            #expect(error.description.contains("make setup"))
            #expect(!error.description.contains("\n"))
        }
        #expect(size((dir as NSString).appendingPathComponent("mape.csv")) > 0)
        #expect(size((dir as NSString).appendingPathComponent("mape.gp")) > 0)
        #expect(!FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("mape.png")))
    }

    @Test("bad names and bad data fail with one line before anything is written")
    func invalidInput() {
        func message(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch { return "\(error)" }
        }
        let dir = figureDirectory("invalid")
        #expect(message { try FigureExamples.lines().write(name: "../escape", in: dir, render: false) }.contains("figure name"))
        #expect(message { try FigureExamples.lines().write(name: "", in: dir, render: false) }.contains("figure name"))
        let ragged = CurveFigure(series: [CurveSeries(name: "a", x: [1, 2], y: [1])])
        #expect(message { _ = try ragged.compose() }.contains("different lengths"))
        let logZero = CurveFigure(series: [CurveSeries(name: "a", x: [1, 2], y: [0, 0])], yAxis: FigureAxis(logScale: true))
        #expect(message { _ = try logZero.compose() }.contains("positive"))
        let badPoint = ParetoFigure(background: [[1, 2, 3]], trueFront: [], fronts: [])
        #expect(message { _ = try badPoint.compose() }.contains("two finite numbers"))
        let emptyBox = BoxplotFigure(groups: [NamedValues(name: "RS", values: [])])
        #expect(message { _ = try emptyBox.compose() }.contains("no values"))
        #expect(!FileManager.default.fileExists(atPath: dir))
    }

    @Test("a long title wraps at spaces, after a ':' where one is far enough along; a short one stays whole")
    func longTitles() {
        #expect(Gnuplot.titleSetting("hat-wmt14ende-cpu-raspberrypi, lat_ms_decoder: 8 trials (mean, 95% CI band)")
                == #"set title "hat-wmt14ende-cpu-raspberrypi, lat_ms_decoder:\n8 trials (mean, 95% CI band)" noenhanced"#)
        #expect(Gnuplot.titleSetting("nats-tss: 30 trials (mean, 95% CI band)")
                == #"set title "nats-tss: 30 trials (mean, 95% CI band)" noenhanced"#)
        // No ": " within the width: the last ", ". Quotes stay escaped on either line.
        #expect(Gnuplot.titleSetting(#"a "b", c"#, width: 7) == #"set title "a \"b\",\nc" noenhanced"#)
        #expect(Gnuplot.titleSetting("abcdefgh", width: 4) == #"set title "abcdefgh" noenhanced"#)
        // A run's title, on three lines of at most 60 characters.
        let title = "nats-tss: c10_valid_200ep ↑, lat_ms_raspi4 ↓; 300 evaluations, 30 trials: fronts of each median trial"
        let lines = Gnuplot.titleSetting(title).dropFirst(#"set title ""#.count).dropLast(#"" noenhanced"#.count).components(separatedBy: "\\n")
        #expect(lines == ["nats-tss: c10_valid_200ep ↑, lat_ms_raspi4 ↓;", "300 evaluations, 30 trials: fronts of each median trial"])
        #expect(lines.allSatisfy { $0.count <= 60 })
    }

    @Test("an axis minimum fixes the lower end only; a fixed range wins over it")
    func axisMinimum() throws {
        let series = [CurveSeries(name: "a", x: [1, 2], y: [0.5, 3])]
        let floored = try CurveFigure(series: series, yAxis: FigureAxis(label: "MAPE (%)", minimum: 0)).compose()
        #expect(floored.settings.contains("set yrange [0:*]"))
        let fixed = try CurveFigure(series: series, yAxis: FigureAxis(range: 1...4, minimum: 0)).compose()
        #expect(fixed.settings.contains("set yrange [1:4]"))
        #expect(!fixed.settings.contains("set yrange [0:*]"))
    }

    @Test("a broken script reports gnuplot's complaint on one line")
    func gnuplotError() throws {
        let dir = figureDirectory("broken")
        defer { cleanUp(dir) }
        guard GnuplotRenderer().isAvailable else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = (dir as NSString).appendingPathComponent("bad.gp")
        try "plot 'nonexistent.csv' using 1:2\n".write(toFile: script, atomically: true, encoding: .utf8)
        do {
            try GnuplotRenderer().render(script: script)
            Issue.record("expected gnuplotFailed")
        } catch let error as FigureError {
            guard case .gnuplotFailed = error else { Issue.record("wrong error \(error)"); return }
            #expect(!error.description.contains("\n"))
        }
    }

    // MARK: - Helpers

    private func writeAndCheck(_ figure: some GnuplotFigure, name: String, in dir: String) throws -> FigureFiles {
        let available = GnuplotRenderer().isAvailable
        let files = try GnuplotRenderer().write(figure, name: name, in: dir, render: available)
        let csv = try read(files.csv)
        let composed = try figure.compose()
        #expect(csv.hasPrefix(composed.header.joined(separator: ",") + "\n"))
        #expect(csv.split(separator: "\n").count == composed.rows.count + 1)
        let script = try read(files.script)
        #expect(script.contains("data = '\(name).csv'"))
        #expect(script.contains("do for [fmt in \"pdf png svg\"]"))
        #expect(script.contains("set output '\(name).'.fmt"))
        #expect(script.contains("pdfcairo") && script.contains("pngcairo") && script.contains("set terminal svg"))
        if available {
            for output in files.outputs { #expect(size(output) > 0, "\(output) drawn") }
            let png = try Data(contentsOf: URL(fileURLWithPath: files.png))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "PNG signature")
            let pdf = try Data(contentsOf: URL(fileURLWithPath: files.pdf))
            #expect(pdf.starts(with: Array("%PDF".utf8)))
            #expect(try read(files.svg).contains("<svg"))
        }
        return files
    }

    /// Running `gnuplot name.gp` by hand in the folder rewrites all three drawings.
    private func expectRedraws(_ files: FigureFiles) throws {
        guard GnuplotRenderer().isAvailable else { return }
        for output in files.outputs { try FileManager.default.removeItem(atPath: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["gnuplot", (files.script as NSString).lastPathComponent]
        process.currentDirectoryURL = URL(fileURLWithPath: (files.script as NSString).deletingLastPathComponent)
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        for output in files.outputs { #expect(size(output) > 0, "\(output) redrawn") }
        if ProcessInfo.processInfo.environment["NASREPLAY_FIGURE_DIR"] == nil {
            cleanUp((files.script as NSString).deletingLastPathComponent)
        }
    }

    private func cleanUp(_ dir: String) {
        if ProcessInfo.processInfo.environment["NASREPLAY_FIGURE_DIR"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    }
}

@Suite("SeriesSummary: per-step bands")
struct SeriesSummaryTests {
    // [trial][step]: 4 trials, 3 steps.
    static let matrix: [[Double]] = [[1, 2, 0.5], [2, 4, 0.25], [4, 1, 0.125], [3, 8, 3]]

    @Test("mean with 95 % t-interval matches numpy/scipy")
    func meanCI() throws {
        // python3: m.mean(0) ± scipy.stats.t.ppf(0.975, 3) * m.std(0, ddof=1) / sqrt(4)
        let band = try SeriesSummary.meanWithConfidenceInterval(Self.matrix)
        let expected = (centre: [2.5, 3.75, 0.96875],
                        lower: [0.4457397432394794, -1.1759430482302937, -1.2002645523038975],
                        upper: [4.554260256760521, 8.675943048230295, 3.1377645523038975])
        for s in 0..<3 {
            expectClose(band.centre[s], expected.centre[s], relative: 1e-14, "mean step \(s)")
            expectClose(band.lower[s], expected.lower[s], relative: 1e-12, "lower step \(s)")
            expectClose(band.upper[s], expected.upper[s], relative: 1e-12, "upper step \(s)")
        }
        // python3: same with t.ppf(0.95, 3) for a 90 % interval
        let ninety = try SeriesSummary.meanWithConfidenceInterval(Self.matrix, level: 0.9)
        expectClose(ninety.lower[0], 0.980910434906509, relative: 1e-12, "90 % lower")
        expectClose(ninety.lower[2], -0.6351983615073866, relative: 1e-12, "90 % lower")
    }

    @Test("median and IQR match np.median and np.quantile(linear)")
    func medianIQR() throws {
        // python3: np.median(m, 0), np.quantile(m, 0.25, axis=0), np.quantile(m, 0.75, axis=0)
        let band = try SeriesSummary.medianWithInterquartileRange(Self.matrix)
        #expect(band.centre == [2.5, 3.0, 0.375])
        #expect(band.lower == [1.75, 1.75, 0.21875])
        #expect(band.upper == [3.25, 5.0, 1.125])
        // python3: np.quantile([0.3, 0.1, 0.7, 0.2, 0.9], [0, 0.1, 0.25, 0.5, 0.9, 1])
        let sorted = [0.1, 0.2, 0.3, 0.7, 0.9]
        let qs = [0, 0.1, 0.25, 0.5, 0.9, 1].map { SeriesSummary.quantile(sorted: sorted, $0) }
        #expect(qs == [0.1, 0.14, 0.2, 0.3, 0.8200000000000001, 0.9])
    }

    @Test("one trial: centre only, band NaN; ragged or non-finite input is refused")
    func edges() throws {
        let single = try SeriesSummary.meanWithConfidenceInterval([[1, 2]])
        #expect(single.centre == [1, 2] && single.lower.allSatisfy(\.isNaN) && single.upper.allSatisfy(\.isNaN))
        let iqr = try SeriesSummary.medianWithInterquartileRange([[5]])
        #expect(iqr == BandSummary(centre: [5], lower: [5], upper: [5]))
        #expect(throws: StatisticsError.self) { try SeriesSummary.meanWithConfidenceInterval([[1, 2], [1]]) }
        #expect(throws: StatisticsError.self) { try SeriesSummary.medianWithInterquartileRange([[1, .nan]]) }
        #expect(throws: StatisticsError.self) { try SeriesSummary.meanWithConfidenceInterval([]) }
        #expect(throws: StatisticsError.self) { try SeriesSummary.meanWithConfidenceInterval(Self.matrix, level: 1) }
    }

    @Test("missing: .gap leaves out every step where any trial has no value, and only those")
    func gapsWhereATrialHasNoValueYet() throws {
        // Trial 2 has no incumbent at step 1 (NaN fitness), trial 1 none at step 3.
        let curves: [[Double]] = [[1, 2, .nan, 4], [.nan, 4, 5, 6]]
        let mean = try SeriesSummary.meanWithConfidenceInterval(curves, missing: .gap)
        #expect(mean.centre[0].isNaN && mean.centre[2].isNaN && mean.lower[0].isNaN && mean.upper[2].isNaN)
        #expect(mean.centre[1] == 3 && mean.centre[3] == 5)
        let median = try SeriesSummary.medianWithInterquartileRange(curves, missing: .gap)
        #expect(median.centre[0].isNaN && median.centre[2].isNaN && median.centre[1] == 3)
        #expect(throws: StatisticsError.self) { try SeriesSummary.meanWithConfidenceInterval(curves) }
    }
}
