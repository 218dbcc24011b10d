/// Turns a float gene produced by SBX or polynomial mutation back into an integer option.
///
/// ```swift
/// let repair = RoundingRepair()                          // pymoo 0.6
/// repair.repair(2.5, lower: 0, upper: 4)                // 2 (half to even)
/// let (lo, hi) = repair.operatorBounds(lower: 0, upper: 4)   // (0.0, 4.0)
/// ```
///
/// pymoo 0.6.2 `RoundingRepair` (`pymoo/operators/repair/rounding.py`, applied by
/// `pymoo/core/operator.py` after the `vtype=float` cast; PYMOO-NSGA2.md §6) is numpy's
/// `around`: round half to even, then cast to int. The float operators run in the genes'
/// own bounds, so the end options own half-width rounding cells (`[0, 0.5]` and
/// `[xu − 0.5, xu]`) against width 1 for interior options; that bias is pymoo's and is kept.
///
/// `widened` reproduces pymoo 0.5's `int_*` wrappers
/// (`pymoo/operators/integer_from_float_operator.py`, PYMOO-NSGA2.md §9): the float
/// operator sees `[xl − (0.5 − 1e-16), xu + (0.5 − 1e-16)]`, so every option has a cell of
/// width 1. In doubles `xu + (0.5 − 1e-16)` can round to `xu + 0.5`, which half-to-even
/// rounding may send past `xu`; the result is therefore clamped to the integer bounds
/// (a no-op for the pymoo 0.6 cells).
///
/// - Complexity: O(1) per gene.
public struct RoundingRepair: Sendable, Hashable {
    public enum Cells: String, Sendable, CaseIterable {
        /// pymoo 0.6: operators work in `[xl, xu]`; end options have half-width cells.
        case pymoo06 = "pymoo-0.6"
        /// pymoo 0.5 `int_*` wrappers: bounds widened by almost 0.5 on both sides.
        case widened = "pymoo-0.5"
    }

    public var cells: Cells

    public init(cells: Cells = .pymoo06) { self.cells = cells }

    /// The float interval the operator clamps to for a gene with these integer bounds.
    @inline(__always)
    public func operatorBounds(lower: Int, upper: Int) -> (lower: Double, upper: Double) {
        switch cells {
        case .pymoo06: return (Double(lower), Double(upper))
        case .widened: return (Double(lower) - (0.5 - 1e-16), Double(upper) + (0.5 - 1e-16))
        }
    }

    /// numpy `around` (half to even) and the int cast, kept inside the integer bounds.
    @inline(__always)
    public func repair(_ value: Double, lower: Int, upper: Int) -> Int {
        let rounded = value.rounded(.toNearestOrEven)
        if !(rounded >= Double(lower)) { return lower }   // also catches NaN
        if rounded > Double(upper) { return upper }
        return Int(rounded)
    }
}
