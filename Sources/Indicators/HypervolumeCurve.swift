/// Hypervolume after every evaluation: the per-evaluation curve NASReplay records.
///
/// ```swift
/// var curve = HypervolumeCurve(reference: [1, 1])
/// for f in evaluated { curve.append(f) }     // curve.values[k] = HV of the first k+1
/// let same = HypervolumeCurve.prefixes(points: evaluated, reference: [1, 1])
/// ```
///
/// Two objectives use `IncrementalHypervolume2D`; any other dimension keeps a non-dominated
/// archive and adds exclusive contributions (limit-set identity of WFG; 3-D via the
/// Beume et al. 2009 sweep). Values match `moocore.hypervolume(points[:k], ref)` up to
/// floating-point summation order and never decrease.
///
/// - Complexity: `append` is O(log m) comparisons plus an array move in 2-D, O(m log m) in
///   3-D, and WFG on the limit set beyond, for an archive of m points.
public struct HypervolumeCurve: Sendable {
    // Exactly one engine is set; optionals (not an enum with payloads) let `append` mutate
    // the engine in place without a copy-on-write of its arrays.
    private var plane: IncrementalHypervolume2D?
    private var archive: HypervolumeArchive?
    /// `values[k]` is the hypervolume of the first k + 1 appended points.
    public private(set) var values: [Double] = []

    /// - Precondition: `reference` is non-empty.
    public init(reference: [Double]) {
        if reference.count == 2 {
            plane = IncrementalHypervolume2D(reference: reference)
        } else {
            archive = HypervolumeArchive(reference: reference)
        }
    }

    /// The hypervolume of everything appended so far.
    public var value: Double { plane?.value ?? archive?.value ?? 0 }

    /// Adds one evaluated point, records and returns the new hypervolume.
    ///
    /// - Precondition: `point.count == reference.count`
    @discardableResult
    public mutating func append(_ point: [Double]) -> Double {
        point.withUnsafeBufferPointer { append(flat: $0, row: 0, dimension: point.count) }
    }

    /// Adds row `i` of a flat [points × dimension] array (the archive beyond two objectives
    /// copies the point; the 2-D staircase does not), and returns the new hypervolume.
    ///
    /// - Precondition: `dimension == reference.count`
    @discardableResult
    public mutating func append(flat points: UnsafeBufferPointer<Double>, row i: Int, dimension m: Int) -> Double {
        if plane != nil {
            precondition(m == 2, "a 2-D hypervolume curve needs 2-D points")
            plane?.insert(points[i * m], points[i * m + 1])
        } else {
            _ = archive?.insert(Array(points[(i * m)..<(i * m + m)]))
        }
        let v = value
        values.append(v)
        return v
    }

    /// Hypervolume of the first k points, for k = 1 … points.count.
    ///
    /// - Complexity: as `points.count` calls of `append`.
    public static func prefixes(points: [[Double]], reference: [Double]) -> [Double] {
        if reference.count == 2 {
            var hv = IncrementalHypervolume2D(reference: reference)
            var out = [Double]()
            out.reserveCapacity(points.count)
            for p in points {
                hv.insert(p)
                out.append(hv.value)
            }
            return out
        }
        var curve = HypervolumeCurve(reference: reference)
        curve.values.reserveCapacity(points.count)
        for p in points { curve.append(p) }
        return curve.values
    }
}
