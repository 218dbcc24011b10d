/// Pareto dominance and non-dominated sorting for minimised objectives.
///
/// ```swift
/// let ranks = NonDominatedSorting.ranks([[0, 1], [1, 0], [1, 1], [1, 1]])   // [0, 0, 1, 1]
/// let fronts = NonDominatedSorting.fronts([[0, 1], [1, 0], [1, 1]])         // [[0, 1], [2]]
/// ```
///
/// `a` dominates `b` iff `a[j] <= b[j]` for every objective and `a != b`, so exact
/// duplicates never dominate each other and always share a rank. This is the relation of
/// pymoo 0.6.2 (`pymoo/util/dominator.py`) and of `moocore.pareto_rank`, which
/// `NonDominatedSorting().do(F, return_rank=True)` delegates to.
///
/// Two objectives use an O(n log n) sweep (Kung, Luccio & Preparata 1975, "On finding the
/// maxima of a set of vectors", JACM 22(4), as a front-by-front staircase); more objectives
/// use Deb's fast non-dominated sort (Deb et al. 2002, "A fast and elitist multiobjective
/// genetic algorithm: NSGA-II", IEEE TEC 6(2)), O(M n²).
public enum NonDominatedSorting {
    /// Whether `a` Pareto-dominates `b` (minimisation).
    ///
    /// - Precondition: `a.count == b.count`
    /// - Complexity: O(M)
    @inlinable
    public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
        precondition(a.count == b.count, "dominance needs points of equal dimension")
        var strictlyBetterSomewhere = false
        for j in a.indices {
            if a[j] > b[j] { return false }
            if a[j] < b[j] { strictlyBetterSomewhere = true }
        }
        return strictlyBetterSomewhere
    }

    /// The front index of every point (0 = non-dominated).
    ///
    /// - Precondition: all points have the same dimension.
    /// - Complexity: O(n log n) for two objectives, O(M n²) otherwise.
    public static func ranks(_ points: [[Double]]) -> [Int] {
        guard let first = points.first else { return [] }
        let m = first.count
        precondition(points.allSatisfy { $0.count == m }, "all points need the same dimension")
        if m == 2 { return ranks2D(points) }
        return fastNonDominatedSort(points, dimension: m)
    }

    /// The indices of the non-dominated points (rank 0), in increasing order: the same set as
    /// `ranks(points)` gives rank 0, without ranking the rest.
    ///
    /// Points are visited in lexicographic order, so every dominator of a point comes before
    /// it; a point is on the front when no front member found so far dominates it (a
    /// dominated dominator is itself dominated by a member, dominance being transitive).
    ///
    /// - Precondition: all points have the same dimension and only finite values (NaN
    ///   breaks transitivity; `ranks` handles it).
    /// - Complexity: O(n log n · M + n · F · M) for a front of F points: a table of 15,625
    ///   rows in 3-D in milliseconds, where `ranks` compares all n² pairs.
    public static func firstFront(_ points: [[Double]]) -> [Int] {
        firstFront(points, stoppingAbove: .max) ?? []
    }

    /// `firstFront(points)`, or nil as soon as the front is found to hold more than
    /// `limit` points: members are final when added, so the scan stops there.
    ///
    /// - Complexity: O(n log n · M + n · min(F, limit) · M).
    public static func firstFront(_ points: [[Double]], stoppingAbove limit: Int) -> [Int]? {
        guard let first = points.first else { return [] }
        precondition(points.allSatisfy { $0.count == first.count }, "finite points of one dimension")
        return firstFront(flat: points.flatMap { $0 }, dimension: first.count, stoppingAbove: limit)
    }

    /// `firstFront` of `n` points stored row-major in one array (`points[i * dimension + k]`),
    /// without an array per point: a whole table's true front (15,625 rows) is found in a
    /// fraction of the time.
    ///
    /// - Precondition: `points.count` is a multiple of `dimension`; only finite values.
    public static func firstFront(flat points: [Double], dimension m: Int, stoppingAbove limit: Int = .max) -> [Int]? {
        precondition(m > 0 && points.count % m == 0 && points.allSatisfy(\.isFinite), "finite points of one dimension")
        let n = points.count / m
        if m == 2 { return points.withUnsafeBufferPointer { firstFront2D($0, count: n, stoppingAbove: limit) } }
        return points.withUnsafeBufferPointer { p -> [Int]? in
            func equal(_ a: Int, _ b: Int) -> Bool { (0..<m).allSatisfy { p[a * m + $0] == p[b * m + $0] } }
            func dominates(_ a: Int, _ b: Int) -> Bool {
                var strictlyBetterSomewhere = false
                for k in 0..<m {
                    if p[a * m + k] > p[b * m + k] { return false }
                    if p[a * m + k] < p[b * m + k] { strictlyBetterSomewhere = true }
                }
                return strictlyBetterSomewhere
            }
            let order = (0..<n).sorted { a, b in
                for k in 0..<m where p[a * m + k] != p[b * m + k] { return p[a * m + k] < p[b * m + k] }
                return a < b
            }
            // Equal points are adjacent in `order` and share their membership; only distinct
            // members are tested against, since a copy dominates nothing its original does not.
            // A table with many equal rows (ties in a coarse metric) stays linear in them.
            var front: [Int] = [], distinct: [Int] = []
            var previous: Int?, previousIn = false
            for i in order {
                let member: Bool
                if let q = previous, equal(q, i) {
                    member = previousIn
                } else {
                    member = !distinct.contains(where: { dominates($0, i) })
                    if member { distinct.append(i) }
                }
                previous = i
                previousIn = member
                guard member else { continue }
                if front.count == limit { return nil }
                front.append(i)
            }
            return front.sorted()
        }
    }

    /// `firstFront(flat:)` for two objectives. After sorting by (f1, f2), every earlier
    /// point has f1 no larger, so a point is dominated exactly when an earlier distinct member
    /// has f2 no larger: one running minimum replaces the scan of the members. Equal points
    /// share their membership, as in the general case; the same members come out.
    ///
    /// - Complexity: O(n log n)
    private static func firstFront2D(_ p: UnsafeBufferPointer<Double>, count n: Int, stoppingAbove limit: Int) -> [Int]? {
        var order = (0..<n).map { (x: p[2 * $0], y: p[2 * $0 + 1], index: $0) }
        order.sort { ($0.x, $0.y, $0.index) < ($1.x, $1.y, $1.index) }
        var front: [Int] = []
        var lowestY = Double.infinity
        var previousX = Double.nan, previousY = Double.nan, previousIn = false
        for point in order {
            let member: Bool
            if point.x == previousX && point.y == previousY {
                member = previousIn
            } else {
                member = point.y < lowestY
                if member { lowestY = point.y }
            }
            previousX = point.x; previousY = point.y; previousIn = member
            guard member else { continue }
            if front.count == limit { return nil }
            front.append(point.index)
        }
        return front.sorted()
    }

    /// The fronts, best first, each listing its members in increasing index order.
    ///
    /// - Complexity: as `ranks(_:)`.
    public static func fronts(_ points: [[Double]]) -> [[Int]] {
        fronts(ranks: ranks(points))
    }

    /// Groups indices by rank, each front in increasing index order.
    ///
    /// - Complexity: O(n)
    public static func fronts(ranks: [Int]) -> [[Int]] {
        guard let maxRank = ranks.max() else { return [] }
        var fronts = [[Int]](repeating: [], count: maxRank + 1)
        for (i, r) in ranks.enumerated() { fronts[r].append(i) }
        return fronts
    }

    /// In lexicographic order every earlier distinct point has f1 <= p.f1, so it dominates p
    /// exactly when its f2 <= p.f2. Each front therefore only needs its smallest f2 so far;
    /// those minima are non-decreasing from front to front, so a binary search finds the
    /// first front that does not dominate p.
    static func ranks2D(_ points: [[Double]]) -> [Int] {
        let n = points.count
        let order = (0..<n).sorted { a, b in
            let pa = points[a], pb = points[b]
            if pa[0] != pb[0] { return pa[0] < pb[0] }
            if pa[1] != pb[1] { return pa[1] < pb[1] }
            return a < b
        }
        var rank = [Int](repeating: 0, count: n)
        var frontMinY: [Double] = []
        var previous = -1
        for i in order {
            let p = points[i]
            if previous >= 0, points[previous] == p {
                // A duplicate shares its twin's rank; the twin already updated that front.
                rank[i] = rank[previous]
                continue
            }
            var lo = 0, hi = frontMinY.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if frontMinY[mid] <= p[1] { lo = mid + 1 } else { hi = mid }
            }
            if lo == frontMinY.count { frontMinY.append(p[1]) } else { frontMinY[lo] = p[1] }
            rank[i] = lo
            previous = i
        }
        return rank
    }

    static func fastNonDominatedSort(_ points: [[Double]], dimension m: Int) -> [Int] {
        let n = points.count
        // The points in one contiguous buffer, and the dominance relation as one edge list
        // turned into compressed rows afterwards: no array of arrays is touched in the O(n²)
        // loop (per-point lists made that loop mostly reference-count checks).
        var flat = [Double]()
        flat.reserveCapacity(n * m)
        for p in points { flat.append(contentsOf: p.prefix(m)) }
        var dominatedCount = [Int](repeating: 0, count: n)
        var edgeFrom: [Int32] = []
        var edgeTo: [Int32] = []
        // A MOEA's 40–100 points have hundreds of edges: room for them up front saves a dozen
        // reallocations per sort (bounded, for a large table's sort).
        let expectedEdges = min(n * (n - 1) / 2, 1 << 16)
        edgeFrom.reserveCapacity(expectedEdges)
        edgeTo.reserveCapacity(expectedEdges)
        flat.withUnsafeBufferPointer { x in
            dominatedCount.withUnsafeMutableBufferPointer { count in
                for i in 0..<n {
                    let a = i * m
                    for j in (i + 1)..<max(i + 1, n) {
                        let b = j * m
                        var aBetter = false, bBetter = false
                        for k in 0..<m {
                            if x[a + k] < x[b + k] { aBetter = true } else if x[a + k] > x[b + k] { bBetter = true }
                            if aBetter && bBetter { break }
                        }
                        if aBetter && !bBetter {
                            edgeFrom.append(Int32(i)); edgeTo.append(Int32(j)); count[j] += 1
                        } else if bBetter && !aBetter {
                            edgeFrom.append(Int32(j)); edgeTo.append(Int32(i)); count[i] += 1
                        }
                    }
                }
            }
        }
        // Compressed rows: the points each point dominates, `dominated[rowStart[i]..<rowStart[i+1]]`.
        var rowStart = [Int](repeating: 0, count: n + 1)
        for f in edgeFrom { rowStart[Int(f) + 1] += 1 }
        for i in 0..<n { rowStart[i + 1] += rowStart[i] }
        var fill = rowStart
        var dominated = [Int32](repeating: 0, count: edgeFrom.count)
        for e in edgeFrom.indices {
            let f = Int(edgeFrom[e])
            dominated[fill[f]] = edgeTo[e]
            fill[f] += 1
        }
        var rank = [Int](repeating: 0, count: n)
        var current = (0..<n).filter { dominatedCount[$0] == 0 }
        var level = 0
        while !current.isEmpty {
            var next: [Int] = []
            for i in current {
                rank[i] = level
                for e in rowStart[i]..<rowStart[i + 1] {
                    let j = Int(dominated[e])
                    dominatedCount[j] -= 1
                    if dominatedCount[j] == 0 { next.append(j) }
                }
            }
            current = next
            level += 1
        }
        return rank
    }
}
