/// Sizes of the groups of equal values in a sample, the ingredient of every tie
/// correction (scipy `_rankdata(..., return_ties=True)`).
///
/// ```swift
/// TieGroups.sizes([1, 2, 2, 3, 3, 3])   // [2, 3]; singletons are left out
/// TieGroups.cubicTerm([1, 2, 2])        // Σ (t³ − t) = 6
/// ```
enum TieGroups {
    /// Sizes (> 1) of runs of equal values.
    ///
    /// - Complexity: O(n log n)
    static func sizes(_ values: [Double]) -> [Int] {
        let sorted = values.sorted()
        var result: [Int] = []
        var start = 0
        while start < sorted.count {
            var end = start
            while end + 1 < sorted.count && sorted[end + 1] == sorted[start] { end += 1 }
            if end > start { result.append(end - start + 1) }
            start = end + 1
        }
        return result
    }

    /// Σ (t³ − t) over tie groups, as a Double (the counts can exceed Int for huge samples).
    static func cubicTerm(_ values: [Double]) -> Double {
        sizes(values).reduce(0) { sum, t in
            let t = Double(t)
            return sum + (t * t * t - t)
        }
    }
}
