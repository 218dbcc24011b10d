import NASCore
import Testing
@testable import Analysis

/// Figures that tell the truth (issue 20, item 5): a Pareto front drawn as its staircase,
/// a legend that never covers a curve or a front, one colour per algorithm in every
/// figure, titles wrapped to the column. Checked on the composed script and csv, as a
/// reader of the `.gp` and `.csv` would see them.
@Suite struct FigureTruthTests {
    @Test("the true front's line runs through the corner worse in both objectives, for every direction pair",
          arguments: [(Direction.max, Direction.min, [1.0, 3.0]), (.min, .min, [2.0, 3.0]), (.max, .max, [1.0, 1.0]), (.min, .max, [2.0, 1.0])])
    func frontsAreStaircases(x: Direction, y: Direction, corner: [Double]) throws {
        // Two neighbours, (1, 1) and (2, 3), sorted by x.
        let stairs = ParetoFigure.staircase([[1, 1], [2, 3]], x: x, y: y)
        #expect(stairs == [[1, 1], corner, [2, 3]])
    }

    @Test func aParetoFigureWithDirectionsDrawsTheStaircaseAsItsLine() throws {
        let truth = [[70.0, 2.0], [80.0, 5.0], [90.0, 20.0]]
        let figure = ParetoFigure(background: [[60, 50], [75, 30]], trueFront: truth, fronts: [NamedPoints(name: "nsga2", points: [[80, 6]])],
                                  directions: (.max, .min))
        let composed = try figure.compose()
        // The staircase is the last group: 70,2 → 70,5 → 80,5 → 80,20 → 90,20.
        let stairs = composed.rows.filter { $0[0] == "3" }.map { [Double($0[2])!, Double($0[3])!] }
        #expect(stairs == [[70, 2], [70, 5], [80, 5], [80, 20], [90, 20]])
        #expect(composed.plot.contains("($1 == 3 ? $3 : NaN):4 with lines lw 1 lc rgb truefront title \"true front\""))
        #expect(composed.plot.contains("($1 == 1 ? $3 : NaN):4 with points pt 7 ps 0.45 lc rgb truefront notitle"))
        #expect(!composed.plot.contains("linespoints"), "no straight segments between front points")
    }

    @Test("the key goes below the plot when every corner would cover a front point")
    func theLegendNeverCoversAFront() throws {
        // Front points in all four corners: no corner is free.
        let corners = [[0.0, 0.0], [0.0, 10.0], [10.0, 0.0], [10.0, 10.0], [5, 5]]
        let figure = ParetoFigure(background: [], trueFront: [], fronts: [NamedPoints(name: "a", points: corners)])
        #expect(try figure.compose().settings.contains { $0.hasPrefix("set key outside below") })
        // A front along the diagonal leaves the top-left corner free (x max, y min: the
        // worse corner of a rising front is empty).
        let diagonal = (0...20).map { [Double($0), Double($0)] }
        let free = ParetoFigure(background: [], trueFront: [], fronts: [NamedPoints(name: "a", points: diagonal)])
        #expect(try free.compose().settings.contains { $0.hasPrefix("set key inside top left") })
    }

    @Test func aCurveIsNeverUnderTheKey() throws {
        // Rising curves through the top right and the bottom left: the key takes the top
        // left, where no curve passes, never a corner a curve crosses.
        let x = (1...100).map(Double.init)
        let series = [CurveSeries(name: "a", x: x, y: x.map { $0 / 100 }), CurveSeries(name: "b", x: x, y: x.map { $0 / 120 })]
        let settings = try CurveFigure(series: series).compose().settings
        let key = try #require(settings.first { $0.hasPrefix("set key") })
        #expect(key.hasPrefix("set key inside top left") || key.hasPrefix("set key outside"), "\(key)")
    }

    @Test("each algorithm keeps its colour whatever else a figure shows")
    func coloursAreStableAcrossFigures() {
        let demo = SeriesColours.palette(for: ["random", "ga", "aging", "nas-ea-fa-v2", "nsga2", "linas"])
        let fig5 = SeriesColours.palette(for: ["linas", "nsga2"])
        #expect(demo[5] == fig5[0] && demo[5] == "#0072B2", "LINAS is the same blue")
        #expect(demo[4] == fig5[1], "NSGA-II the same vermillion")
        #expect(Set(demo).count == demo.count, "no two series of one figure share a colour")
        // Labels outside the fixed set keep a colour by their name, not their position.
        let a = SeriesColours.palette(for: ["linas-ctaea", "moead"]), b = SeriesColours.palette(for: ["moead", "random", "linas-ctaea"])
        #expect(a[0] == b[2] && a[1] == b[0])
        let many = SeriesColours.palette(for: ["nsga3", "unsga3", "age-moea", "ctaea", "moead", "linas-nsga2", "linas-ga"])
        #expect(Set(many).count == many.count)
    }
}
