import Foundation
import Testing

/// `nasreplay report --html` writes a page a browser renders: opened in headless Chromium
/// (Debian's `chromium`, which `make test` and CI install), it logs no console error, its
/// DOM holds every figure of `figures/` as an inline SVG plus the tables and the spec, and
/// its screenshot is a real rendering, not a blank page.
@Suite struct HTMLReportBrowserTests {
    static var chromium: String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        for dir in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        return nil
    }

    /// Runs headless Chromium on `url` with `arguments`; (stdout, stderr), killed after 120 s.
    func browse(_ url: String, _ arguments: [String]) throws -> (String, String) {
        let browser = try #require(Self.chromium, "headless Chromium is needed (apt-get install chromium; `make test` installs it)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: browser)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                       "--user-data-dir=\(ExperimentFixtures.temporaryFolder())"] + arguments + [url]
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let watchdog = DispatchWorkItem { if p.isRunning { p.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: watchdog)
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        watchdog.cancel()
        return (String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test func theReportPageRendersItsFiguresWithoutConsoleErrors() throws {
        let folder = try PaperTargetCLITests.multiObjectiveRun()
        let report = try ExperimentFixtures.nasreplay(["report", folder, "--html", "--datasets", ExperimentFixtures.datasets])
        try #require(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("wrote \(folder)/index.html"))
        let figures = try FileManager.default.contentsOfDirectory(atPath: folder + "/figures").filter { $0.hasSuffix(".svg") }
        #expect(figures.count >= 5, "\(figures)")
        let page = try String(contentsOfFile: folder + "/index.html", encoding: .utf8)
        // Self-contained: nothing fetched from elsewhere.
        #expect(!page.contains("<script") && !page.contains("src=\"http") && !page.contains("<link"))
        let url = URL(fileURLWithPath: folder + "/index.html").absoluteString

        let (dom, log) = try browse(url, ["--dump-dom"])
        let consoleErrors = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
        #expect(consoleErrors.isEmpty, "\(consoleErrors)")
        // Every figure is there, as a rendered SVG element with its plot inside.
        #expect(dom.components(separatedBy: "<figure").count - 1 == figures.count)
        #expect(dom.components(separatedBy: "<svg").count - 1 == figures.count)
        #expect(dom.contains("gnuplot_plot_1"))
        #expect(dom.contains("<table>") && dom.contains("random") && dom.contains("nsga2"))
        #expect(dom.contains("trial hash") && dom.contains("name = \"paper-targets\""), "the spec's text is on the page")

        let shot = ExperimentFixtures.temporaryFolder() + "/page.png"
        _ = try browse(url, ["--window-size=1000,4000", "--screenshot=\(shot)"])
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // A blank 1000 × 4000 page compresses to a few kB; tables, text and five figures do not.
        #expect(png.count > 150_000, "\(png.count) bytes")
    }
}
