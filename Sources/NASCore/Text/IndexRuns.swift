/// Sorted indices written with runs of three or more as ranges, for messages and tables.
///
/// ```swift
/// IndexRuns.text([0, 1, 2, 3, 7, 9, 10])   // "0–3, 7, 9, 10"
/// ```
public enum IndexRuns {
    /// - Precondition: `sorted` is in increasing order.
    /// - Complexity: O(n)
    public static func text(_ sorted: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < sorted.count {
            var j = i
            while j + 1 < sorted.count && sorted[j + 1] == sorted[j] + 1 { j += 1 }
            parts.append(j - i >= 2 ? "\(sorted[i])–\(sorted[j])" : (i...j).map { String(sorted[$0]) }.joined(separator: ", "))
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }
}
