/// The non-dominated set of 2-D points inside a reference box, kept sorted by x (so y is
/// strictly decreasing), together with the area it dominates.
///
/// Inserting a point returns its exclusive area and drops the points it dominates. It is the
/// sweep structure of the 3-D algorithm (Beume et al. 2009) and the whole state of the 2-D
/// incremental hypervolume.
///
/// Storage is a pair of sorted arrays with binary search: O(log n) comparisons per insert
/// plus an O(n) `memmove` in the worst case. Each point is removed at most once, so the
/// exclusive-area walk is amortised O(1). A balanced tree would make the move O(log n) too,
/// but for the archive sizes of NAS runs (≤ a few thousand points) contiguous arrays win.
struct ParetoStaircase: Sendable {
    let referenceX: Double
    let referenceY: Double
    private(set) var xs: [Double] = []
    private(set) var ys: [Double] = []
    private(set) var area: Double = 0

    init(referenceX: Double, referenceY: Double) {
        self.referenceX = referenceX
        self.referenceY = referenceY
    }

    var count: Int { xs.count }

    /// Adds `(px, py)` and returns the area it dominates that the staircase did not.
    ///
    /// Points not strictly inside the reference box add nothing and are not stored.
    ///
    /// - Complexity: O(log n + k) comparisons for k removed points, plus an array move.
    @discardableResult
    mutating func insert(x px: Double, y py: Double) -> Double {
        guard px < referenceX, py < referenceY else { return 0 }
        var lo = 0, hi = xs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if xs[mid] < px { lo = mid + 1 } else { hi = mid }
        }
        let i = lo
        // ys[i-1] is the smallest y among x < px, ys[i] (if xs[i] == px) among x <= px.
        if i > 0, ys[i - 1] <= py { return 0 }
        if i < xs.count, xs[i] == px, ys[i] <= py { return 0 }

        // Walk the points p dominates; between consecutive ones the uncovered strip of p's
        // rectangle is [x, next x) × [py, height of the staircase there).
        var gain = 0.0
        var xCursor = px
        var ceiling = i > 0 ? ys[i - 1] : referenceY
        var j = i
        while j < xs.count, ys[j] >= py {
            gain += (xs[j] - xCursor) * (ceiling - py)
            xCursor = xs[j]
            ceiling = ys[j]
            j += 1
        }
        let xEnd = j < xs.count ? xs[j] : referenceX
        gain += (xEnd - xCursor) * (ceiling - py)

        if j == i + 1 {
            xs[i] = px; ys[i] = py
        } else {
            xs.replaceSubrange(i..<j, with: CollectionOfOne(px))
            ys.replaceSubrange(i..<j, with: CollectionOfOne(py))
        }
        area += gain
        return gain
    }

    /// Debug check: x strictly increasing, y strictly decreasing, all inside the box.
    func _checkInvariants() -> Bool {
        for k in xs.indices {
            if !(xs[k] < referenceX && ys[k] < referenceY) { return false }
            if k > 0, !(xs[k - 1] < xs[k] && ys[k - 1] > ys[k]) { return false }
        }
        return true
    }
}
