import Foundation
import NASCore

/// The files of one written figure.
public struct FigureFiles: Sendable, Equatable {
    public var csv: String
    public var script: String
    public var pdf: String
    public var png: String
    public var svg: String
    /// The three drawings, in the order pdf, png, svg.
    public var outputs: [String] { [pdf, png, svg] }
}

/// Writes a figure as `<dir>/<name>.csv` and `<dir>/<name>.gp`, then runs gnuplot in
/// `<dir>` to draw `<name>.pdf`, `<name>.png` and `<name>.svg`.
///
/// ```swift
/// let renderer = GnuplotRenderer()
/// let files = try renderer.write(figure, name: "hv_regret", in: "results/demo/figures")
/// // later, after restyling hv_regret.gp by hand:  cd results/demo/figures && gnuplot hv_regret.gp
/// ```
///
/// The script is self-contained and refers to the csv by its bare name, so running
/// `gnuplot <name>.gp` inside the folder redraws all three files. The csv and script are
/// written atomically (temporary file, then rename), so a crash never leaves a half
/// script that a later `gnuplot` run would choke on. When gnuplot is not installed the
/// csv and script are still written and the error says how to install it.
public struct GnuplotRenderer: Sendable {
    /// The program to run, looked up on PATH through `/usr/bin/env`.
    public var executable: String

    public init(executable: String = "gnuplot") {
        self.executable = executable
    }

    /// Whether `executable` is on PATH.
    public var isAvailable: Bool { locate() != nil }

    @discardableResult
    public func write(_ figure: some GnuplotFigure, name: String, in directory: String,
                      render: Bool = true) throws -> FigureFiles {
        try Self.checkName(name)
        let composed = try figure.compose()
        let files = Self.files(name: name, in: directory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FigureError.writeFailed(path: directory, reason: error.localizedDescription)
        }
        try Self.atomicWrite(Self.csvText(composed), to: files.csv)
        try Self.atomicWrite(Self.script(composed, name: name, style: figure.style), to: files.script)
        if render { try self.render(script: files.script) }
        return files
    }

    /// Runs gnuplot on an existing script, in the script's folder.
    public func render(script: String) throws {
        let url = URL(fileURLWithPath: script)
        let directory = url.deletingLastPathComponent().path
        let name = url.deletingPathExtension().lastPathComponent
        let files = Self.files(name: name, in: directory)
        guard locate() != nil else { throw FigureError.gnuplotMissing(csv: files.csv, script: files.script) }
        // Stale drawings from an earlier run would hide a failure to redraw.
        for output in files.outputs { try? FileManager.default.removeItem(atPath: output) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable, url.lastPathComponent]
        process.currentDirectoryURL = URL(fileURLWithPath: directory, isDirectory: true)
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw FigureError.gnuplotFailed(script: script, status: -1, message: error.localizedDescription)
        }
        // Drain before waiting: a chatty gnuplot could otherwise fill the pipe and block.
        let messages = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw FigureError.gnuplotMissing(csv: files.csv, script: files.script) }
        if process.terminationStatus != 0 {
            // gnuplot opens an output before plotting; an empty file left behind looks like a drawing.
            for output in files.outputs where FileSize.of(output) == 0 {
                try? FileManager.default.removeItem(atPath: output)
            }
            throw FigureError.gnuplotFailed(script: script, status: process.terminationStatus, message: Self.oneLine(messages))
        }
        for output in files.outputs {
            if (FileSize.of(output) ?? 0) == 0 {
                throw FigureError.gnuplotFailed(script: script, status: 0, message: "\(output) was not drawn. \(Self.oneLine(messages))")
            }
        }
    }

    // MARK: - Pieces

    static func files(name: String, in directory: String) -> FigureFiles {
        let base = (directory as NSString).appendingPathComponent(name)
        return FigureFiles(csv: base + ".csv", script: base + ".gp", pdf: base + ".pdf", png: base + ".png", svg: base + ".svg")
    }

    static func checkName(_ name: String) throws {
        // The name lands inside gnuplot strings and file names, so keep it plain.
        let allowed = name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) && $0.isASCII || "._-".unicodeScalars.contains($0) }
        if name.isEmpty || !allowed || name.hasPrefix(".") { throw FigureError.invalidName(name) }
    }

    static func csvText(_ figure: ComposedFigure) -> String {
        ([figure.header] + figure.rows).map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func script(_ figure: ComposedFigure, name: String, style: FigureStyle) -> String {
        var lines: [String] = [
            "# \(name).gp: written by NASReplay. Running `gnuplot \(name).gp` in this folder",
            "# redraws \(name).pdf, \(name).png and \(name).svg from \(name).csv; edit freely.",
            "",
            "data = '\(name).csv'",
            "set datafile separator comma",
            "",
            "# ---- Style: Okabe-Ito colours (colour-blind safe), one linetype per series.",
        ]
        for i in 0..<max(style.palette.count, 1) {
            let colour = style.palette.isEmpty ? "#000000" : style.palette[i]
            let point = style.pointTypes.isEmpty ? 7 : style.pointTypes[i % style.pointTypes.count]
            lines.append("set linetype \(i + 1) lc rgb \(Gnuplot.quoted(colour)) lw \(Gnuplot.number(style.lineWidth)) dt solid pt \(point) ps 0.6")
        }
        lines += [
            "set linetype cycle \(max(style.palette.count, 1))",
            "set border 3 lw 0.8 lc rgb \"#404040\"",
            "set tics nomirror out scale 0.5 textcolor rgb \"#202020\"",
            "set grid back lw 0.6 lc rgb \"#e3e3e3\" dt solid",
            "set key noautotitle",
            "",
            "# ---- This figure.",
        ]
        lines += figure.settings
        let pdf = "set terminal pdfcairo enhanced color size \(Gnuplot.number(style.pdfSize.width))in,\(Gnuplot.number(style.pdfSize.height))in font \(Gnuplot.quoted("\(style.fontName),\(Gnuplot.number(style.pdfFontSize))")) linewidth 1 pointscale 0.6 rounded"
        let png = "set terminal pngcairo enhanced color size \(style.pngSize.width),\(style.pngSize.height) font \(Gnuplot.quoted("\(style.fontName),\(Gnuplot.number(style.pngFontSize))")) linewidth 2.2 pointscale 2 rounded background rgb \"#ffffff\""
        let svg = "set terminal svg enhanced size \(style.svgSize.width),\(style.svgSize.height) dynamic font \(Gnuplot.quoted("\(style.fontName),\(Gnuplot.number(style.svgFontSize))")) linewidth 1.2 rounded background rgb \"#ffffff\""
        lines += [
            "",
            "# ---- Draw once per output format.",
            "do for [fmt in \"pdf png svg\"] {",
            "    if (fmt eq \"pdf\") { \(pdf) }",
            "    if (fmt eq \"png\") { \(png) }",
            "    if (fmt eq \"svg\") { \(svg) }",
            "    set output '\(name).'.fmt",
        ]
        lines += figure.plot.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }
        lines += ["    unset output", "}", ""]
        return lines.joined(separator: "\n")
    }

    static func atomicWrite(_ text: String, to path: String) throws {
        do {
            // `.atomic` writes a temporary file in the same folder and renames it over `path`.
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw FigureError.writeFailed(path: path, reason: error.localizedDescription)
        }
    }

    static func oneLine(_ text: String) -> String {
        let parts = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && $0 != "^" }
        let joined = parts.joined(separator: " | ")
        return joined.count > 400 ? String(joined.prefix(400)) + "…" : joined
    }

    private func locate() -> String? {
        if executable.contains("/") { return FileManager.default.isExecutableFile(atPath: executable) ? executable : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(executable)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

extension GnuplotFigure {
    /// Shorthand for `GnuplotRenderer().write(self, name:in:render:)`.
    @discardableResult
    public func write(name: String, in directory: String, render: Bool = true) throws -> FigureFiles {
        try GnuplotRenderer().write(self, name: name, in: directory, render: render)
    }
}
