/// Exact hypervolume (Lebesgue measure of the dominated region) for minimised objectives.
///
/// ```swift
/// let hv = Hypervolume.compute([[0.2, 0.6], [0.5, 0.3]], reference: [1, 1])   // 0.47
/// ```
///
/// Conventions match `moocore.hypervolume(points, ref=ref)` (moocore 0.3.2), which pymoo
/// 0.6.2's `HV` calls: every objective is minimised, and a point contributes only if it is
/// strictly better than the reference in every coordinate (a point equal to the reference in
/// one coordinate adds zero volume). Duplicates and dominated points are allowed.
///
/// The entry point picks an algorithm by dimension:
/// * 1-D: `ref - min`;
/// * 2-D: sort-and-sweep, O(n log n);
/// * 3-D: the z-sweep of Beume, Fonseca, López-Ibáñez, Paquete & Vahrenhold 2009 ("On the
///   complexity of computing the hypervolume indicator", IEEE TEC 13(5)), see
///   `Hypervolume+3D.swift`;
/// * 4-D and more: WFG (While, Bradstreet & Barone 2012, "A fast way of calculating exact
///   hypervolumes", IEEE TEC 16(1)), whose slices bottom out in the 3-D sweep.
public enum Hypervolume {
    /// Hypervolume of `points` with respect to `reference`.
    ///
    /// - Precondition: `reference` is non-empty and every point has `reference.count`
    ///   coordinates. Validate user input first with `PointsFile.checkReference`.
    /// - Complexity: O(n log n) for d ≤ 2; O(n log n) comparisons plus O(n²) worst-case
    ///   element moves (with a tiny constant) for d = 3; exponential in d for d ≥ 4
    ///   (WFG's worst case), fast in practice for a few hundred points.
    public static func compute(_ points: [[Double]], reference: [Double]) -> Double {
        let d = reference.count
        precondition(d > 0, "a reference point needs at least one coordinate")
        var flat: [Double] = []
        flat.reserveCapacity(points.count * d)
        var count = 0
        for p in points {
            precondition(p.count == d, "point has \(p.count) coordinates, reference has \(d)")
            if isStrictlyInside(p, reference) {
                flat.append(contentsOf: p)
                count += 1
            }
        }
        return compute(flat: flat, count: count, reference: reference)
    }

    /// Whether `p` is strictly better than `reference` in every coordinate, i.e. can add volume.
    @inlinable
    public static func isStrictlyInside(_ p: [Double], _ reference: [Double]) -> Bool {
        for j in reference.indices where !(p[j] < reference[j]) { return false }
        return true
    }

    /// Core dispatcher on a row-major buffer of `count` points of `reference.count`
    /// coordinates, all strictly inside the reference.
    static func compute(flat: [Double], count n: Int, reference r: [Double]) -> Double {
        if n == 0 { return 0 }
        switch r.count {
        case 1:
            var best = r[0]
            for i in 0..<n { best = min(best, flat[i]) }
            return r[0] - best
        case 2:
            return sweep2D(flat, count: n, reference: r)
        case 3:
            return sweep3D(flat, count: n, reference: r)
        default:
            return wfg(flat, count: n, reference: r)
        }
    }

    /// Volume of the box between one point and the reference.
    @inline(__always)
    static func box(_ flat: [Double], at i: Int, reference r: [Double]) -> Double {
        let d = r.count
        var v = 1.0
        for j in 0..<d { v *= r[j] - flat[i * d + j] }
        return v
    }
}
