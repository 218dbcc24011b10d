/// A configuration's curve, one row per trial: a [trials × steps] matrix stored flat, as
/// runs.h5 stores it, each row NaN-padded past its trial's end to the longest trial.
///
/// ```swift
/// let best = runs.configuration("aging")!.curves.bestSignal
/// best.count          // trials
/// best[3].last        // trial 3's best-so-far after its last step (a row is an array)
/// best.values         // the matrix, row-major, as written to curves/best_signal
/// ```
///
/// Flat because a run writes it and reads it flat: rows of their own were one more copy of
/// every curve on the way into runs.h5 and out of it (issue 18).
public struct CurveMatrix: RandomAccessCollection, Sendable, Equatable {
    /// Row-major, `count × width` values.
    public let values: [Double]
    /// Steps per row: the longest trial's.
    public let width: Int

    /// `values` as `rows` rows of `width`.
    public init(values: [Double], rows: Int, width: Int) {
        precondition(rows >= 0 && width >= 0 && values.count == rows * width, "\(values.count) values are not \(rows) rows of \(width)")
        self.values = values
        self.width = width
        rowCount = rows
    }

    /// The rows, each NaN-padded to the longest.
    public init(rows: [[Double]]) {
        let width = rows.map(\.count).max() ?? 0
        var values: [Double] = []
        values.reserveCapacity(rows.count * width)
        for row in rows {
            values += row
            values.append(contentsOf: repeatElement(.nan, count: width - row.count))
        }
        self.values = values
        self.width = width
        rowCount = rows.count
    }

    /// Rows: not `values.count / width` when the rows are empty.
    private let rowCount: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }

    /// Row `trial`, as an array of `width` values.
    public subscript(trial: Int) -> [Double] {
        Array(values[(trial * width)..<(trial * width + width)])
    }
}
