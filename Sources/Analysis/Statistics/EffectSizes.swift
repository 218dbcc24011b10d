/// Rank-based effect sizes for two independent samples.
///
/// ```swift
/// let e = try EffectSizes.varghaDelaney(accuraciesA, accuraciesB)
/// print(e.a12, e.cliffsDelta)    // 0.5 = no effect; > 0.5: A tends to be larger
/// ```
///
/// - A12 = (#{x_i > y_j} + ½ #{x_i = y_j}) / (n m), Vargha & Delaney, "A critique and
///   improvement of the CL common language effect size statistics of McGraw and Wong",
///   J. Educ. Behav. Stat. 25 (2000) 101–132. A12 = U₁/(nm) of the Mann–Whitney test.
/// - Cliff's δ = (#{x_i > y_j} − #{x_i < y_j}) / (n m) = 2·A12 − 1, Cliff, Psychological
///   Bulletin 114 (1993) 494–509.
///
/// - Complexity: O((n + m) log m): each x is located in the sorted y by binary search.
public enum EffectSizes {
    public struct VarghaDelaney: Sendable, Equatable {
        public var a12: Double
        public var cliffsDelta: Double
        public var countGreater: Int
        public var countEqual: Int
        public var countLess: Int
    }

    public static func varghaDelaney(_ x: [Double], _ y: [Double]) throws -> VarghaDelaney {
        let name = "A12"
        try SampleValidation.requireFinite([x, y], test: name)
        try SampleValidation.requireMinimumLength([x, y], 1, test: name)
        let sorted = y.sorted()
        var greater = 0, equal = 0
        for value in x {
            let below = countBelow(value, in: sorted)
            let atOrBelow = KolmogorovSmirnov.countAtMost(value, in: sorted)
            greater += below
            equal += atOrBelow - below
        }
        let pairs = x.count * y.count
        let less = pairs - greater - equal
        return VarghaDelaney(a12: (Double(greater) + 0.5 * Double(equal)) / Double(pairs),
                             cliffsDelta: Double(greater - less) / Double(pairs),
                             countGreater: greater, countEqual: equal, countLess: less)
    }

    /// Number of elements < value in a sorted array (numpy `searchsorted(side='left')`).
    static func countBelow(_ value: Double, in sorted: [Double]) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
