import Foundation

/// Resolves ``LegendPosition/auto`` to the plot corner that covers the least data.
///
/// ```swift
/// let corner = LegendPlacement.choose(points: samples, xLog: false, yLog: true, entries: 4, longestTitle: 12)
/// ```
///
/// gnuplot puts the key where it is told, over the data if need be, so the choice is made
/// here from the data: points are mapped to [0, 1]² over their range (in log space on log
/// axes), a box the size the key will roughly take is placed in each corner, and the
/// corner holding the least weight wins. A corner where the key would cover a point of
/// full weight (a curve, a front; context such as a table's cloud weighs less) is never
/// chosen: the key never hides data. When every corner would, or the least crowded one
/// still covers over 2 % of the weight, the key goes below the plot. Ties prefer top
/// right, then top left, bottom right, bottom left.
enum LegendPlacement {
    struct WeightedPoint {
        var x: Double
        var y: Double
        var weight: Double
    }

    static func choose(points: [WeightedPoint], xLog: Bool, yLog: Bool, entries: Int,
                       longestTitle: Int) -> LegendPosition {
        func transform(_ v: Double, _ log: Bool) -> Double? {
            guard v.isFinite else { return nil }
            if log { return v > 0 ? Foundation.log10(v) : nil }
            return v
        }
        let mapped = points.compactMap { p -> WeightedPoint? in
            guard let x = transform(p.x, xLog), let y = transform(p.y, yLog) else { return nil }
            return WeightedPoint(x: x, y: y, weight: p.weight)
        }
        guard let xs = range(mapped.map(\.x)), let ys = range(mapped.map(\.y)) else { return .topRight }
        // Rough key footprint as a fraction of the plot at the paper size (9 pt on 3.4 in).
        let width = min(0.75, 0.12 + 0.021 * Double(longestTitle))
        let height = min(0.9, 0.04 + 0.085 * Double(entries))
        let total = mapped.reduce(0) { $0 + $1.weight }
        let corners: [(LegendPosition, Bool, Bool)] = [
            (.topRight, true, true), (.topLeft, false, true), (.bottomRight, true, false), (.bottomLeft, false, false),
        ]
        var best: (LegendPosition, Double) = (.below, .infinity)
        for (position, right, top) in corners {
            var covered = 0.0
            var hidesData = false
            for p in mapped {
                let u = (p.x - xs.lowerBound) / xs.span, v = (p.y - ys.lowerBound) / ys.span
                let inX = right ? u >= 1 - width : u <= width
                let inY = top ? v >= 1 - height : v <= height
                if inX && inY {
                    covered += p.weight
                    if p.weight >= 1 { hidesData = true }
                }
            }
            if !hidesData && covered < best.1 { best = (position, covered) }
        }
        return total > 0 && best.1 / total > 0.02 ? .below : best.0
    }

    /// Points along a polyline, so a line crossing a corner between two samples counts;
    /// on a log axis they are spaced evenly in log space, as the line is drawn there.
    static func densify(x: [Double], y: [Double], perSegment: Int = 8, weight: Double = 1,
                        xLog: Bool = false, yLog: Bool = false) -> [WeightedPoint] {
        func between(_ a: Double, _ b: Double, _ t: Double, log: Bool) -> Double {
            log && a > 0 && b > 0 ? a * Foundation.pow(b / a, t) : a + t * (b - a)
        }
        var out: [WeightedPoint] = []
        for i in x.indices {
            out.append(WeightedPoint(x: x[i], y: y[i], weight: weight))
            guard i + 1 < x.count, x[i].isFinite, y[i].isFinite, x[i + 1].isFinite, y[i + 1].isFinite else { continue }
            for k in 1..<perSegment {
                let t = Double(k) / Double(perSegment)
                out.append(WeightedPoint(x: between(x[i], x[i + 1], t, log: xLog), y: between(y[i], y[i + 1], t, log: yLog), weight: weight))
            }
        }
        return out
    }

    private static func range(_ values: [Double]) -> (lowerBound: Double, span: Double)? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return (lo, hi > lo ? hi - lo : 1)
    }
}
