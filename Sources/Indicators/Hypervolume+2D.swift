extension Hypervolume {
    /// Two-objective hypervolume by one sweep in increasing f1: each point that lowers the
    /// best f2 seen so far adds the rectangle between it, the previous best f2 and ref.f1.
    ///
    /// Ties in f1 are ordered by f2, so the first of them carries the volume and the rest are
    /// (weakly) dominated.
    ///
    /// - Complexity: O(n log n)
    static func sweep2D(_ flat: [Double], count n: Int, reference r: [Double]) -> Double {
        var pts = [(Double, Double)]()
        pts.reserveCapacity(n)
        for i in 0..<n { pts.append((flat[2 * i], flat[2 * i + 1])) }
        pts.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        var volume = 0.0
        var bestY = r[1]
        for (x, y) in pts where y < bestY {
            volume += (r[0] - x) * (bestY - y)
            bestY = y
        }
        return volume
    }
}
