/// The columns that take exactly two values in every row (0/1 encodings, the common case of
/// NAS features), and for each row the list of those columns where it has the larger value.
///
/// ```swift
/// let index = TwoValuedFeatureRows(sortedColumns)
/// index.isTwoValued[f]; index.high[f]; index.low[f]
/// for k in index.rowStart[r]..<index.rowStart[r + 1] { index.highFeatures[k] }   // ascending f
/// ```
///
/// On such a column the descending scan of `ExactGreedyTreeBuilder.findSplits` offers a
/// node exactly one candidate, between `high` and `low`, whose right-hand statistics are the
/// sums over the node's high rows in column order. A column qualifies only when its high
/// rows are in ascending row order (always, since the sort is stable), so summing them row
/// by row, as the split scan does from this index, adds the same numbers in the same order.
/// Row order lets one pass over the rows fill every column's sums with no loop-carried
/// dependency between consecutive additions.
/// - Complexity: O(d · n) to build; O(n + number of high entries) memory.
struct TwoValuedFeatureRows: Sendable {
    let isTwoValued: [Bool]
    let high: [Float]
    let low: [Float]
    /// Row r's high features are `highFeatures[rowStart[r]..<rowStart[r + 1]]`.
    let rowStart: [Int]
    let highFeatures: [Int32]
    /// Whether no column qualifies.
    let isEmpty: Bool

    /// - Parameter sorted: the fit's sorted columns; nil gives an index with no column.
    init(_ sorted: SortedFeatureColumns?, rows: Int, columns: Int) {
        var isTwoValued = [Bool](repeating: false, count: columns)
        var high = [Float](repeating: 0, count: columns)
        var low = [Float](repeating: 0, count: columns)
        var countPerRow = [Int](repeating: 0, count: rows)
        for f in 0..<columns {
            guard let sorted, sorted.isComplete[f] else { continue }
            let first = sorted.start[f], runStart = sorted.lastRunStart[f]
            guard first < runStart else { continue }   // constant: no candidate at all
            var qualifies = true
            for i in first..<runStart {
                if sorted.value[i] != sorted.value[first] || (i > first && sorted.row[i] <= sorted.row[i - 1]) {
                    qualifies = false
                    break
                }
            }
            guard qualifies else { continue }
            isTwoValued[f] = true
            high[f] = sorted.value[first]
            low[f] = sorted.value[runStart]
            for i in first..<runStart { countPerRow[Int(sorted.row[i])] += 1 }
        }
        var rowStart = [Int](repeating: 0, count: rows + 1)
        for r in 0..<rows { rowStart[r + 1] = rowStart[r] + countPerRow[r] }
        var next = Array(rowStart.dropLast())
        var highFeatures = [Int32](repeating: 0, count: rowStart[rows])
        for f in 0..<columns where isTwoValued[f] {
            guard let sorted else { break }
            for i in sorted.start[f]..<sorted.lastRunStart[f] {
                let r = Int(sorted.row[i])
                highFeatures[next[r]] = Int32(f)
                next[r] += 1
            }
        }
        self.isTwoValued = isTwoValued
        self.isEmpty = !isTwoValued.contains(true)
        self.high = high
        self.low = low
        self.rowStart = rowStart
        self.highFeatures = highFeatures
    }
}
