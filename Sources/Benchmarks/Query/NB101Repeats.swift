
/// The per-repeat columns of a NAS-Bench-101 table imported from the tfrecord: every
/// `[rows, 3]` float32 dataset under `/metrics`, kept whole so queries can pick a repeat.
///
/// ```swift
/// let bench = try NB101Benchmark.load("datasets/nb101.h5")
/// let repeats = bench.repeats!                         // nil for nb101-sample
/// repeats.value("final_validation_accuracy@108ep", row: 0, repeat: 2)
/// ```
///
/// The sample table (`nb101-sample`) has one value per metric and no repeats: the repeat
/// rules (`NB101QueryRules`) apply to imported tables only.
public struct NB101Repeats: Sendable {
    /// Repeats per row (3 for NAS-Bench-101).
    public let count: Int
    /// The training budgets present, ascending (e.g. [108] or [4, 12, 36, 108]).
    public let epochs: [Int]
    private let columns: [String: [Float]]

    public init(count: Int, epochs: [Int], columns: [String: [Float]]) {
        self.count = count; self.epochs = epochs; self.columns = columns
    }

    /// The repeat series of a loaded table (`MetricSeries.Axis.repeat`); nil when it has
    /// none, as `nb101-sample` has none. Every series must have the same repeat count.
    public init?(table: BenchmarkTable) throws(BenchmarkError) {
        var columns: [String: [Float]] = [:]
        var count = 0
        for column in table.metrics {
            guard let series = column.series, series.axis == .repeat else { continue }
            guard count == 0 || count == series.width else {
                throw BenchmarkError(subject: table.name, message: "/metrics/\(column.info.dataset)/\(column.info.id) has \(series.width) repeats, other columns \(count); re-import the table")
            }
            count = series.width
            columns[column.info.id] = series.values
        }
        guard count > 0 else { return nil }
        let epochs: [Int]
        if case .ints(let e)? = table.provenance["epochs"] { epochs = e.map { Int($0) } } else { epochs = [] }
        self.init(count: count, epochs: epochs, columns: columns)
    }

    public var ids: [String] { columns.keys.sorted() }

    public func has(_ id: String) -> Bool { columns[id] != nil }

    /// The row-major [rows, count] values of a column.
    public func column(_ id: String) -> [Float]? { columns[id] }

    @inline(__always)
    public func value(_ id: String, row: Int, repeat r: Int) -> Float? {
        columns[id].map { $0[row * count + r] }
    }

    /// The mean over the repeats that have a value (NaN when none has).
    public static func mean(_ values: ArraySlice<Float>) -> Float {
        var sum: Float = 0, n = 0
        for v in values where !v.isNaN { sum += v; n += 1 }
        return n == 0 ? .nan : sum / Float(n)
    }
}
