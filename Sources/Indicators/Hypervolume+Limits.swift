extension Hypervolume {
    /// The most mutually non-dominated points the exact hypervolume takes in `dimension`
    /// objectives; nil for three or fewer, whose sweeps are O(n log n).
    ///
    /// ```swift
    /// Hypervolume.exactPointLimit(dimension: 10)    // 40
    /// ```
    ///
    /// WFG's running time grows exponentially with the dimension (a hypervolume is #P-hard
    /// in it). Each limit keeps one computation near a second on this project's machine for
    /// points on the unit sphere, all mutually non-dominated (measured with
    /// `nasreplay indicators hv`: 3,200 points in 4-D 1.0 s, 800 in 6-D 1.0 s, 100 in 8-D
    /// 0.8 s, 50 in 10-D 1.3 s, while 100 in 10-D ran past 20 s). docs/LIMITS.md lists them.
    public static func exactPointLimit(dimension d: Int) -> Int? {
        switch d {
        case ...3: return nil
        case 4: return 3_000
        case 5: return 2_000
        case 6: return 800
        case 7: return 250
        case 8: return 100
        case 9: return 60
        case 10: return 40
        case 11: return 35
        case 12: return 30
        case 13...15: return 25
        default: return 20
        }
    }

    /// `compute(points, reference:)` for user-sized input: in four or more objectives the
    /// dominated points are dropped first and the rest must be within
    /// ``exactPointLimit(dimension:)``.
    ///
    /// ```swift
    /// let hv = try Hypervolume.checkedCompute(points, reference: ref, subject: "front.csv")
    /// ```
    ///
    /// - Throws: `IndicatorError` naming `subject`, the dimension and the limit.
    /// - Complexity: O(n log n · d + n · limit · d) for the check, then `compute`'s.
    public static func checkedCompute(_ points: [[Double]], reference: [Double], subject: String) throws(IndicatorError) -> Double {
        let d = reference.count
        guard let limit = exactPointLimit(dimension: d) else { return compute(points, reference: reference) }
        let inside = points.filter { $0.count == d && isStrictlyInside($0, reference) }
        if inside.count <= limit { return compute(points, reference: reference) }
        guard let front = NonDominatedSorting.firstFront(inside, stoppingAbove: limit) else {
            throw IndicatorError("\(subject): more than \(limit) non-dominated points in \(d) objectives; the exact hypervolume takes at most \(limit) in \(d)-D (docs/LIMITS.md): use fewer points or objectives")
        }
        return compute(front.map { inside[$0] }, reference: reference)
    }
}
