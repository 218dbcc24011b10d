/// The second dimension of a 2-D metric column: several values per row, one per repeat
/// (training seed) or one per epoch of a training curve.
///
/// ```swift
/// let runs = MetricSeries(axis: .repeat, width: 3, values: [0.91, 0.92, 0.93])   // one row
/// runs.value(row: 0, at: 2)            // 0.93
/// runs.rowSummaries(rows: 1)           // [0.92]: the mean over repeats
/// ```
///
/// On disk it is a float32 [rows, width] dataset whose `axis` attribute names the second
/// dimension (datasets/FORMAT.md), or a float64 one where the source's values are doubles
/// that float32 would round (NATS-Bench's official curves): `exact` then holds them as
/// stored, and `values` their float32 rounding, which searches read. A 2-D dataset without the attribute is read as repeats,
/// because that is what DESIGN.md promises 2-D metric columns are ("per seed as a 2-D
/// dataset") and what NAS-Bench-101 imports written before the attribute existed hold.
public struct MetricSeries: Sendable, Equatable {
    public enum Axis: String, Sendable, CaseIterable {
        /// Independent training runs of the same architecture (NAS-Bench-101's 3 seeds).
        case `repeat`
        /// Epochs 0…width−1 of one training schedule (NATS-Bench's per-epoch curves).
        case epoch
    }

    public var axis: Axis
    /// Values per row: the number of repeats, or of epochs in the schedule.
    public var width: Int
    /// Row-major [rows, width]; NaN where a repeat or an epoch has no value.
    public var values: [Float]
    /// The same values as doubles, when the table stores them as float64; nil otherwise.
    public var exact: [Double]?

    public init(axis: Axis, width: Int, values: [Float]) {
        self.axis = axis; self.width = width; self.values = values; self.exact = nil
    }

    /// A series kept in double precision: `values` is its float32 rounding.
    public init(axis: Axis, width: Int, exact: [Double]) {
        self.axis = axis; self.width = width; self.values = exact.map { Float($0) }; self.exact = exact
    }

    /// The value at (row, k) as precisely as the table stores it.
    public func exactValue(row: Int, at k: Int) -> Double {
        exact?[row * width + k] ?? Double(values[row * width + k])
    }

    @inline(__always)
    public func value(row: Int, at k: Int) -> Float { values[row * width + k] }

    /// The values of one row.
    public func row(_ r: Int) -> ArraySlice<Float> { values[(r * width)..<(r * width + width)] }

    /// One value per row for code that reads a plain column (`TableEvaluator`, `datasets
    /// info`): the mean over the repeats that have a value, or the last epoch's value, which
    /// is what NATS-Bench's API returns when no epoch is asked for.
    ///
    /// - Complexity: O(rows × width)
    public func rowSummaries(rows: Int) -> [Float] {
        switch axis {
        case .repeat: return (0..<rows).map { NB101Repeats.mean(row($0)) }
        case .epoch: return (0..<rows).map { values[$0 * width + width - 1] }
        }
    }

    /// How `datasets info` describes the second dimension: `3 repeats`, `200 epochs`.
    public var label: String { "\(width) \(axis == .repeat ? "repeats" : "epochs")" }
}
