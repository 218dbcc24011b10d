import NASCore

/// Maps raw objective vectors into NASReplay's hypervolume space: every objective minimised
/// and min-max scaled by the table's bounds, so the reference point is (1, …, 1).
///
/// ```swift
/// // accuracy in [40, 95] (maximised), latency in [2, 30] ms (minimised)
/// let norm = try ObjectiveNormalizer(directions: [.max, .min],
///                                    lower: [40, 2], upper: [95, 30])
/// norm.normalize([95, 2])     // [0, 0], the ideal corner
/// norm.reference              // [1, 1]
/// ```
///
/// DESIGN.md, "Hypervolume conventions": a minimised objective maps to
/// `(v − lower) / (upper − lower)`, a maximised one to `(upper − v) / (upper − lower)`, with
/// the bounds taken over the benchmark's whole table. An objective that is constant over the
/// table (`upper == lower`) maps to 0, so it neither adds nor removes volume. Values outside
/// the bounds are not clipped: a point worse than the table's worst lands on or beyond the
/// reference and adds nothing, as it should.
public struct ObjectiveNormalizer: Sendable, Hashable {
    public let directions: [Direction]
    /// Table minimum of each raw objective.
    public let lower: [Double]
    /// Table maximum of each raw objective.
    public let upper: [Double]

    /// - Throws: `IndicatorError` if the counts differ, a bound is not finite, or
    ///   `lower > upper`.
    public init(directions: [Direction], lower: [Double], upper: [Double]) throws {
        guard !directions.isEmpty, directions.count == lower.count, lower.count == upper.count else {
            throw IndicatorError("objective bounds: \(directions.count) direction(s) but \(lower.count) lower and \(upper.count) upper bound(s)")
        }
        for j in directions.indices {
            guard lower[j].isFinite, upper[j].isFinite else {
                throw IndicatorError("objective bounds: objective \(j) has a non-finite bound [\(lower[j]), \(upper[j])]")
            }
            guard lower[j] <= upper[j] else {
                throw IndicatorError("objective bounds: objective \(j) has lower \(lower[j]) > upper \(upper[j])")
            }
        }
        self.directions = directions
        self.lower = lower
        self.upper = upper
    }

    /// Bounds taken from the rows of a table (each row one raw objective vector).
    ///
    /// - Throws: `IndicatorError` if the table is empty, ragged or holds non-finite values.
    /// - Complexity: O(n M)
    public init(directions: [Direction], table rows: [[Double]]) throws {
        guard !rows.isEmpty else { throw IndicatorError("objective bounds: the table has no rows") }
        let m = directions.count
        var lo = [Double](repeating: .infinity, count: m)
        var hi = [Double](repeating: -.infinity, count: m)
        for (i, row) in rows.enumerated() {
            guard row.count == m else {
                throw IndicatorError("objective bounds: table row \(i) has \(row.count) objective(s), expected \(m)")
            }
            for j in 0..<m {
                guard row[j].isFinite else {
                    throw IndicatorError("objective bounds: table row \(i), objective \(j) is \(row[j])")
                }
                lo[j] = min(lo[j], row[j]); hi[j] = max(hi[j], row[j])
            }
        }
        try self.init(directions: directions, lower: lo, upper: hi)
    }

    /// The number of objectives.
    public var dimension: Int { directions.count }

    /// The reference point in normalised space, (1, …, 1).
    public var reference: [Double] { [Double](repeating: 1, count: directions.count) }

    /// One raw objective vector in normalised, minimised space.
    ///
    /// - Precondition: `point.count == dimension`
    /// - Complexity: O(M)
    public func normalize(_ point: [Double]) -> [Double] {
        normalize(point[...])
    }

    /// `normalize` of a row of a flat [points × objectives] array, without copying it out.
    public func normalize(_ point: ArraySlice<Double>) -> [Double] {
        precondition(point.count == directions.count, "point has \(point.count) objectives, normalizer has \(directions.count)")
        let base = point.startIndex
        var out = [Double](repeating: 0, count: point.count)
        for j in 0..<point.count { out[j] = normalized(point[base + j], objective: j) }
        return out
    }

    /// Every row of a flat [points × objectives] array, normalised into one flat array.
    public func normalize(flat points: [Double]) -> [Double] {
        let m = directions.count
        precondition(points.count % m == 0, "\(points.count) values are not whole points of \(m) objectives")
        return points.indices.map { normalized(points[$0], objective: $0 % m) }
    }

    /// One raw value of objective `j`, minimised and scaled; 0 when the bounds are equal.
    @inline(__always)
    func normalized(_ value: Double, objective j: Int) -> Double {
        let span = upper[j] - lower[j]
        guard span > 0 else { return 0 }
        // Not `direction.minimised` then scaled: (upper − v) / span is the form
        // DESIGN.md states, and the two round differently.
        switch directions[j] {
        case .min: return (value - lower[j]) / span
        case .max: return (upper[j] - value) / span
        }
    }

    /// Every row normalised.
    public func normalize(_ points: [[Double]]) -> [[Double]] { points.map { normalize($0) } }
}
