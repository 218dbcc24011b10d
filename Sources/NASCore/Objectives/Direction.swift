/// Whether larger or smaller values of a metric are better.
///
/// ```swift
/// Direction.max.minimised(0.93)            // -0.93: accuracy turned into a loss
/// Direction.min.isBetter(2.1, than: 3.4)   // true: the lower latency wins
/// Direction.max.best(of: [0.91, 0.94])     // 0.94
/// ```
///
/// The one place a sign is flipped for a direction: optimizers maximise `maximised(_:)`,
/// indicators work on `minimised(_:)`, reports compare with `isBetter` and `best(of:)`.
/// Negation is exact, so a value flipped twice has the bits it started with.
public enum Direction: String, Sendable, Hashable, CaseIterable {
    case max, min

    /// The value as a quantity to minimise (accuracy → −accuracy).
    ///
    /// - Complexity: O(1)
    @inline(__always)
    public func minimised(_ value: Double) -> Double { self == .min ? value : -value }

    /// The value as a quantity to maximise (latency → −latency).
    ///
    /// - Complexity: O(1)
    @inline(__always)
    public func maximised(_ value: Double) -> Double { self == .max ? value : -value }

    /// Whether `a` is strictly better than `b`; false when either is NaN.
    ///
    /// - Complexity: O(1)
    @inline(__always)
    public func isBetter(_ a: Double, than b: Double) -> Bool { self == .max ? a > b : a < b }

    /// Whether `a` is better than or equal to `b`; false when either is NaN.
    ///
    /// - Complexity: O(1)
    @inline(__always)
    public func isAtLeastAsGood(_ a: Double, as b: Double) -> Bool { self == .max ? a >= b : a <= b }

    /// The best of `values` (the largest for `max`, the smallest for `min`); nil when empty.
    /// Drop NaN first: like `Sequence.max()`, the result is unspecified with NaN present.
    ///
    /// - Complexity: O(n)
    public func best<S: Sequence<Double>>(of values: S) -> Double? {
        self == .max ? values.max() : values.min()
    }
}
