/// One elastic parameter of a DyNAS-T super-network: a name, how many genes it spans, and
/// its option values in DyNAS-T's order.
///
/// ```swift
/// let ks = GeneParameter("ks", count: 20, options: [3, 5, 7])
/// ks.options[ks.index(of: 5)!]   // 5
/// ```
///
/// Mirrors one entry of `SUPERNET_PARAMETERS` (DyNAS-T `dynast/supernetwork/
/// supernetwork_registry.py`; ALGORITHMS.md D.2): `{'count': 20, 'vars': [3, 5, 7]}`. A gene
/// is an index into `options`, so the option order is part of the encoding: HAT's descending
/// lists make index 0 the largest value, as in DyNAS-T.
public struct GeneParameter: Sendable, Hashable {
    public var name: String
    /// Number of genes (layers, blocks) this parameter spans.
    public var count: Int
    /// Option values, in the reference's order.
    public var options: [Double]

    public init(_ name: String, count: Int, options: [Double]) {
        self.name = name; self.count = count; self.options = options
    }

    /// The index of an option value, or nil when it is not an option.
    ///
    /// - Complexity: O(options)
    public func index(of value: Double) -> Int? { options.firstIndex(of: value) }

    /// The options as Python prints them (`3`, `0.25`, `-1`), comma-separated.
    public var optionList: String { options.map(GeneParameter.pythonNumber).joined(separator: ", ") }

    /// A number as Python's `repr` prints it: integral values without a decimal point
    /// (DyNAS-T's option lists are Python ints except OFA-ResNet50's expand ratios).
    public static func pythonNumber(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }
}
