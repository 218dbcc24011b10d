/// Three-objective hypervolume updated one point at a time.
///
/// ```swift
/// var hv = IncrementalHypervolume3D(reference: [1, 1, 1])
/// hv.insert([0.5, 0.5, 0.5])   // 0.125
/// hv.insert([0.2, 0.8, 0.6])   // exclusive part of the new box
/// hv.value
/// ```
///
/// Keeps the non-dominated archive and adds the new point's exclusive contribution,
/// `vol(p) − HV(limit set)` (While, Bradstreet & Barone 2012, IEEE TEC 16(1)), where the
/// limit set's volume comes from the 3-D z-sweep of Beume et al. 2009 (IEEE TEC 13(5)).
/// Same conventions as `Hypervolume.compute`.
///
/// - Complexity: `insert` is O(m log m) for an archive of m non-dominated points.
public struct IncrementalHypervolume3D: Sendable {
    private var archive: HypervolumeArchive

    /// - Precondition: `reference.count == 3`
    public init(reference: [Double]) {
        precondition(reference.count == 3, "IncrementalHypervolume3D needs a 3-D reference")
        archive = HypervolumeArchive(reference: reference)
    }

    /// The hypervolume of every point inserted so far.
    public var value: Double { archive.value }

    /// The reference point.
    public var reference: [Double] { archive.reference }

    /// The current non-dominated points strictly inside the reference box.
    public var front: [[Double]] { archive.front }

    /// Adds `point` and returns the volume it added (0 if weakly dominated or outside).
    ///
    /// - Precondition: `point.count == 3`
    @discardableResult
    public mutating func insert(_ point: [Double]) -> Double {
        archive.insert(point)
    }
}
