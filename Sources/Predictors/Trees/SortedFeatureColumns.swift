/// Every feature column sorted once, in descending value order, as xgboost's exact method
/// keeps its sorted column blocks (`SortedCSCPage`) for all trees and nodes of one fit.
///
/// ```swift
/// let columns = SortedFeatureColumns(features: xFloat, rows: n, columns: d)
/// let f = 3
/// for i in columns.start[f]..<columns.end[f] { columns.row[i]; columns.value[i] }
/// columns.lastRunStart[f]   // where the run of the column's smallest value begins
/// ```
///
/// Entries of all columns share two flat arrays, `row` and `value`, so a scan reads both
/// sequentially. Missing (NaN) values are left out. Equal values keep row order (Swift's
/// sort is stable), which fixes the order in which a scan adds gradients.
///
/// `lastRunStart` serves the split scan's shortcut: past the last change of value a scan
/// only offers each node one more candidate, whose statistics are already known, so the
/// run of the smallest value need not be read. On 0/1 encodings that run is every row
/// with a 0.
/// - Complexity: O(d · n log n) to build; O(d · n) memory.
struct SortedFeatureColumns: Sendable {
    /// Row index of each entry.
    let row: [Int32]
    /// Feature value of each entry.
    let value: [Float]
    /// First entry of column f.
    let start: [Int]
    /// One past the last entry of column f.
    let end: [Int]
    /// First entry of column f's trailing run of equal (smallest) values; `end[f]` when
    /// the column is empty.
    let lastRunStart: [Int]
    /// Whether column f has a value in every row (no NaN), so a node's row count is also
    /// its count of entries in the column.
    let isComplete: [Bool]

    init(features: [Float], rows: Int, columns: Int) {
        var row = [Int32](), value = [Float]()
        row.reserveCapacity(rows * columns)
        value.reserveCapacity(rows * columns)
        var start = [Int](), end = [Int](), lastRunStart = [Int](), isComplete = [Bool]()
        var column = [Float](repeating: 0, count: rows)
        for f in 0..<columns {
            for r in 0..<rows { column[r] = features[r * columns + f] }
            let order = (0..<rows).filter { !column[$0].isNaN }.sorted { column[$0] > column[$1] }
            start.append(row.count)
            for r in order {
                row.append(Int32(r))
                value.append(column[r])
            }
            end.append(row.count)
            var runStart = row.count
            if runStart > start[f] {
                let smallest = value[runStart - 1]
                while runStart > start[f] && value[runStart - 1] == smallest { runStart -= 1 }
            }
            lastRunStart.append(runStart)
            isComplete.append(order.count == rows)
        }
        self.row = row
        self.value = value
        self.start = start
        self.end = end
        self.lastRunStart = lastRunStart
        self.isComplete = isComplete
    }
}
