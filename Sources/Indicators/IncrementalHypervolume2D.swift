/// Two-objective hypervolume updated one point at a time.
///
/// ```swift
/// var hv = IncrementalHypervolume2D(reference: [1, 1])
/// hv.insert([0.2, 0.6])        // returns 0.32, the point's exclusive area
/// hv.insert([0.5, 0.3])
/// hv.value                     // 0.47
/// ```
///
/// Keeps the sorted non-dominated staircase (`ParetoStaircase`) and adds each new point's
/// exclusive contribution, so a curve over n evaluations costs O(n log n) comparisons
/// instead of n full recomputations. Same conventions as `Hypervolume.compute`: minimised
/// objectives, and points not strictly better than the reference everywhere add nothing.
///
/// - Complexity: `insert` is O(log n) comparisons plus an array move of at most n elements.
public struct IncrementalHypervolume2D: Sendable {
    private var staircase: ParetoStaircase

    /// - Precondition: `reference.count == 2`
    public init(reference: [Double]) {
        precondition(reference.count == 2, "IncrementalHypervolume2D needs a 2-D reference")
        staircase = ParetoStaircase(referenceX: reference[0], referenceY: reference[1])
    }

    /// The hypervolume of every point inserted so far.
    public var value: Double { staircase.area }

    /// The reference point.
    public var reference: [Double] { [staircase.referenceX, staircase.referenceY] }

    /// The current non-dominated points inside the reference box, sorted by f1.
    public var front: [[Double]] { zip(staircase.xs, staircase.ys).map { [$0, $1] } }

    /// Adds `point` and returns the volume it added (0 if dominated or outside).
    ///
    /// - Precondition: `point.count == 2`
    @discardableResult
    public mutating func insert(_ point: [Double]) -> Double {
        precondition(point.count == 2, "IncrementalHypervolume2D needs 2-D points")
        return staircase.insert(x: point[0], y: point[1])
    }

    /// Adds `(f1, f2)` without building an array.
    @discardableResult
    public mutating func insert(_ f1: Double, _ f2: Double) -> Double {
        staircase.insert(x: f1, y: f2)
    }

    /// Debug check: the stored front is sorted and mutually non-dominated.
    public func _checkInvariants() -> Bool { staircase._checkInvariants() }
}
