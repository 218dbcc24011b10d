import Foundation

/// A figure that ``GnuplotRenderer`` can write as `<name>.csv` + `<name>.gp` and draw.
///
/// ```swift
/// let files = try GnuplotRenderer().write(figure, name: "hv_regret", in: "results/demo/figures")
/// print(files.png)                      // results/demo/figures/hv_regret.png
/// ```
///
/// A figure only says what its data is and how to plot it; the renderer adds the shared
/// style, the three output terminals, the files and the gnuplot run. The plot command
/// reads the csv through the gnuplot variable `data`, so the script stays valid if the
/// folder is moved or the csv is edited by hand.
public protocol GnuplotFigure: Sendable {
    var style: FigureStyle { get }
    func compose() throws -> ComposedFigure
}

/// What a figure hands the renderer.
public struct ComposedFigure: Sendable, Equatable {
    /// The csv: a header row, then data rows (cells already formatted; "" = missing).
    public var header: [String]
    public var rows: [[String]]
    /// `set …` lines specific to this figure (axes, key, title), run once before drawing.
    public var settings: [String]
    /// The `plot …` command, possibly spread over lines ending in `\`.
    public var plot: String

    public init(header: [String], rows: [[String]], settings: [String], plot: String) {
        self.header = header
        self.rows = rows
        self.settings = settings
        self.plot = plot
    }
}

/// Text helpers shared by the figure kinds.
enum Gnuplot {
    /// A gnuplot double-quoted string literal.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r": out += " "
            default: out.append(c)
            }
        }
        return out + "\""
    }

    /// `set title`, wrapped at spaces into lines of at most `width` characters (a long word
    /// stays whole), breaking after a word that ends in ':' or ';' where one is far enough
    /// along: titles name the benchmark, objectives, budget and trials, and one line of
    /// that is wider than a paper column.
    static func titleSetting(_ title: String, width: Int = 60) -> String {
        var lines: [[Substring]] = []
        var line: [Substring] = []
        func length(_ words: [Substring]) -> Int { words.reduce(-1) { $0 + 1 + $1.count } }
        for word in title.split(separator: " ") {
            guard !line.isEmpty, length(line + [word]) > width else { line.append(word); continue }
            if let i = line.lastIndex(where: { $0.hasSuffix(":") || $0.hasSuffix(";") }), i < line.count - 1,
               length(Array(line[...i])) >= width / 3 {
                lines.append(Array(line[...i]))
                line = Array(line[(i + 1)...]) + [word]
            } else {
                lines.append(line)
                line = [word]
            }
        }
        lines.append(line)
        // In a double-quoted gnuplot string `\n` is a line break.
        let body = lines.map { quoted($0.joined(separator: " ")).dropFirst().dropLast() }.joined(separator: "\\n")
        return "set title \"\(body)\" noenhanced"
    }

    /// A number in a script; gnuplot reads Swift's shortest round-trip form (`1e-05`, `0.1`).
    static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A csv cell. NaN is written `NaN`: gnuplot treats it as undefined and breaks the
    /// line there, and pandas reads it as NaN. An empty cell, by contrast, is skipped by
    /// gnuplot (the line joins across it), which is what padding at the end of a column needs.
    static func cell(_ v: Double) -> String { v.isNaN ? "NaN" : "\(v)" }

    /// A csv text cell. gnuplot's csv reader does not honour quotes, so separators and
    /// quotes inside names become spaces rather than being escaped.
    static func text(_ s: String) -> String {
        String(s.map { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" ? " " : $0 })
    }

    /// `set xlabel …`, `set logscale x`, `set xrange …` for one axis.
    static func axisSettings(_ axis: FigureAxis, _ name: String, data: [Double] = []) -> [String] {
        var lines: [String] = []
        if !axis.label.isEmpty { lines.append("set \(name)label \(quoted(axis.label)) noenhanced") }
        if axis.logScale {
            lines.append("set logscale \(name) 10")
            // 10^{n} labels read better than 1e-05 and need the enhanced-text terminals.
            lines.append("set format \(name) \"10^{%L}\"")
        }
        if let r = axis.range {
            lines.append("set \(name)range [\(number(r.lowerBound)):\(number(r.upperBound))]")
        } else if let minimum = axis.minimum {
            lines.append("set \(name)range [\(number(minimum)):*]")
        } else if axis.logScale, let lo = data.filter({ $0 > 0 && $0.isFinite }).min(), let hi = data.filter(\.isFinite).max(), hi > lo {
            // gnuplot would widen a log axis to whole decades, which can leave most of it
            // empty (50…1600 drawn over 10…10000); 4 % of the span in log space instead.
            let pad = pow(hi / lo, 0.04)
            lines.append("set \(name)range [\(number(lo / pad)):\(number(hi * pad))]")
        }
        return lines
    }

    static func keySettings(_ position: LegendPosition) -> [String] {
        let common = "opaque samplen 2 spacing 1.1 width -1"
        switch position {
        case .topRight, .auto: return ["set key inside top right \(common)"]
        case .topLeft: return ["set key inside top left Left reverse \(common)"]
        case .bottomRight: return ["set key inside bottom right \(common)"]
        case .bottomLeft: return ["set key inside bottom left Left reverse \(common)"]
        case .outsideRight: return ["set key outside right top vertical Left reverse samplen 2 spacing 1.1"]
        case .below: return ["set key outside below center horizontal Left reverse samplen 2 spacing 1.1 width 1"]
        case .hidden: return ["unset key"]
        }
    }

    static func requireFinite(_ values: [Double], figure: String, what: String, allowNaN: Bool = false) throws {
        if values.contains(where: { $0.isInfinite || (!allowNaN && $0.isNaN) }) {
            throw FigureError.invalidData(figure: figure, reason: "\(what) has \(allowNaN ? "an infinite" : "a NaN or infinite") value")
        }
    }
}
