/// A non-dominated archive in any dimension whose hypervolume grows by each new point's
/// exclusive contribution.
///
/// The contribution of p to archive A is `vol(p) − HV({max(p, q) : q ∈ A})`, the
/// "limit set" identity of WFG (While, Bradstreet & Barone 2012, IEEE TEC 16(1)). The
/// limit-set volume uses `Hypervolume`'s exact algorithms: for three objectives that is the
/// O(m log m) z-sweep, so one insert costs O(m log m) for an archive of m points, not a
/// recomputation over everything evaluated so far.
struct HypervolumeArchive: Sendable {
    let reference: [Double]
    private(set) var points: [Double] = []
    private(set) var count = 0
    private(set) var value: Double = 0
    private var limit: [Double] = []

    init(reference: [Double]) {
        precondition(!reference.isEmpty, "a reference point needs at least one coordinate")
        self.reference = reference
    }

    var dimension: Int { reference.count }

    /// Adds `p`, returns the volume it added.
    mutating func insert(_ p: [Double]) -> Double {
        let d = reference.count
        precondition(p.count == d, "point has \(p.count) coordinates, reference has \(d)")
        guard Hypervolume.isStrictlyInside(p, reference) else { return 0 }

        limit.removeAll(keepingCapacity: true)
        for i in 0..<count {
            var weaklyDominatesP = true
            for j in 0..<d {
                let q = points[i * d + j]
                if q > p[j] { weaklyDominatesP = false }
                limit.append(max(q, p[j]))
            }
            if weaklyDominatesP { return 0 }
        }
        var own = 1.0
        for j in 0..<d { own *= reference[j] - p[j] }
        let covered = Hypervolume.compute(flat: limit, count: count, reference: reference)
        let gain = max(0, own - covered)

        // Drop archive members p weakly dominates, then store p.
        var kept = 0
        for i in 0..<count {
            var pLeq = true
            for j in 0..<d where p[j] > points[i * d + j] { pLeq = false; break }
            if pLeq { continue }
            if kept != i { for j in 0..<d { points[kept * d + j] = points[i * d + j] } }
            kept += 1
        }
        points.removeSubrange((kept * d)..<(count * d))
        points.append(contentsOf: p)
        count = kept + 1
        value += gain
        return gain
    }

    var front: [[Double]] {
        let d = reference.count
        return (0..<count).map { Array(points[($0 * d)..<($0 * d + d)]) }
    }
}
