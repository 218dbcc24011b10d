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

    /// `set title …` for a title that may be long. gnuplot neither wraps nor shrinks a
    /// title, and one wider than the canvas is cut off at its edges, so a title over `width`
    /// characters breaks into two lines after its last ": " within `width` (titles read
    /// "what: how"), else its last ", "; a title with neither stays one line.
    ///
    /// ```swift
    /// Gnuplot.titleSetting("hat-wmt14ende-cpu-raspberrypi, lat_ms_decoder: 8 trials (mean, 95% CI band)")
    /// // set title "hat-wmt14ende-cpu-raspberrypi, lat_ms_decoder:\n8 trials (mean, 95% CI band)" noenhanced
    /// ```
    static func titleSetting(_ title: String, width: Int = 64) -> String {
        var lines = [title]
        if title.count > width {
            let limit = title.index(title.startIndex, offsetBy: width)
            let separators = [": ", ", "]
            if let cut = separators.lazy.compactMap({ title[..<limit].range(of: $0, options: .backwards) }).first {
                lines = [String(title[..<cut.lowerBound]) + title[cut].dropLast(), String(title[cut.upperBound...])]
            }
        }
        // In a double-quoted gnuplot string `\n` is a line break.
        let body = lines.map { quoted($0).dropFirst().dropLast() }.joined(separator: "\\n")
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
        case .below: return ["set key outside below center horizontal samplen 2 spacing 1.1"]
        case .hidden: return ["unset key"]
        }
    }

    static func requireFinite(_ values: [Double], figure: String, what: String, allowNaN: Bool = false) throws {
        if values.contains(where: { $0.isInfinite || (!allowNaN && $0.isNaN) }) {
            throw FigureError.invalidData(figure: figure, reason: "\(what) has \(allowNaN ? "an infinite" : "a NaN or infinite") value")
        }
    }
}
