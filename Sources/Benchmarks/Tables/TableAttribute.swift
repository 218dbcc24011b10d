/// One attribute value of a benchmark table: a root attribute (the table's provenance) or an
/// attribute of its `/archs` group.
///
/// ```swift
/// var provenance: [String: TableAttribute] = ["licence": .string("MIT")]
/// provenance["epochs"] = .ints([4, 12, 36, 108])
/// provenance["licence"]?.stringValue            // "MIT"
/// ```
///
/// The cases are the attribute types the format stores (datasets/FORMAT.md); the store maps
/// each to one HDF5 type and back, so a table that is saved and loaded keeps its attributes.
public enum TableAttribute: Sendable, Hashable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case string(String)
    case ints([Int64])
    case doubles([Double])

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    public var doubleValue: Double? { if case .double(let d) = self { d } else { nil } }
    public var intsValue: [Int64]? { if case .ints(let a) = self { a } else { nil } }

    /// The value as `datasets info` prints it: the text HDF5Kit's `H5Attribute` gives, so
    /// the listing reads the same whichever type held the value.
    public var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .string(let v): v
        case .ints(let v): "\(v)"
        case .doubles(let v): "\(v)"
        }
    }
}
