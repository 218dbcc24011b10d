/// The look shared by every figure: palette, markers, sizes of the three outputs.
///
/// ```swift
/// var style = FigureStyle.paper
/// style.pdfSize = (width: 7.0, height: 2.6)       // a full-width figure
/// let figure = CurveFigure(series: curves, xAxis: .init(label: "evaluations"), style: style)
/// ```
///
/// The defaults aim at a single paper column: a 3.4 in × 2.4 in PDF with 9 pt text, a
/// 1000 × 700 PNG whose text stays legible when shrunk onto a slide, and an SVG for the web.
/// Colours are the Okabe–Ito palette, which stays distinguishable under the common forms of
/// colour blindness; its yellow comes last because it nearly vanishes on white.
public struct FigureStyle: Sendable, Equatable {
    /// Series colours, in order, as `#rrggbb`. Series beyond the end wrap around.
    public var palette: [String]
    /// gnuplot point types paired with the palette, so series differ in shape as well as
    /// colour (filled circle, square, triangles, diamond, then open shapes).
    public var pointTypes: [Int]
    public var fontName: String
    /// PDF size in inches and font size in points.
    public var pdfSize: (width: Double, height: Double)
    public var pdfFontSize: Double
    /// PNG size in pixels and font size in points.
    public var pngSize: (width: Int, height: Int)
    public var pngFontSize: Double
    /// SVG size in pixels and font size in points.
    public var svgSize: (width: Int, height: Int)
    public var svgFontSize: Double
    /// Width of data lines at PDF scale, in gnuplot line-width units; the PNG and SVG
    /// terminals scale it so lines look equally heavy relative to the text.
    public var lineWidth: Double
    /// Opacity of confidence/IQR bands, 0…1.
    public var bandOpacity: Double

    public static let okabeIto = ["#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                  "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// The default: one paper column.
    public static let paper = FigureStyle(
        palette: okabeIto, pointTypes: [7, 5, 9, 11, 13, 6, 4, 8], fontName: "DejaVu Sans",
        pdfSize: (3.4, 2.4), pdfFontSize: 9, pngSize: (1000, 700), pngFontSize: 20,
        svgSize: (680, 480), svgFontSize: 12, lineWidth: 1.5, bandOpacity: 0.2)

    public init(palette: [String], pointTypes: [Int], fontName: String,
                pdfSize: (width: Double, height: Double), pdfFontSize: Double,
                pngSize: (width: Int, height: Int), pngFontSize: Double,
                svgSize: (width: Int, height: Int), svgFontSize: Double,
                lineWidth: Double, bandOpacity: Double) {
        self.palette = palette
        self.pointTypes = pointTypes
        self.fontName = fontName
        self.pdfSize = pdfSize
        self.pdfFontSize = pdfFontSize
        self.pngSize = pngSize
        self.pngFontSize = pngFontSize
        self.svgSize = svgSize
        self.svgFontSize = svgFontSize
        self.lineWidth = lineWidth
        self.bandOpacity = bandOpacity
    }

    public static func == (a: FigureStyle, b: FigureStyle) -> Bool {
        a.palette == b.palette && a.pointTypes == b.pointTypes && a.fontName == b.fontName
            && a.pdfSize == b.pdfSize && a.pdfFontSize == b.pdfFontSize && a.pngSize == b.pngSize
            && a.pngFontSize == b.pngFontSize && a.svgSize == b.svgSize && a.svgFontSize == b.svgFontSize
            && a.lineWidth == b.lineWidth && a.bandOpacity == b.bandOpacity
    }
}
