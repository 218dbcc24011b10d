/// What identifies each row of a table (its `/archs` group): named, typed columns in the
/// order they were added, plus the group's attributes. The layout is per search space
/// (datasets/FORMAT.md); `NB101ArchColumns` and `SampleTableLayout` read and write theirs.
///
/// ```swift
/// var archs = ArchColumns()
/// archs.attributes["description"] = .string("row i is NATS-Bench topology index i")
/// archs["arch_str"] = ArchColumn(.strings(arches))
/// archs["edge_ops"] = ArchColumn(.int8(codes), shape: [rows, 6])
/// if case .int8(let codes)? = table.archs["edge_ops"]?.values { … }
/// ```
///
/// A name with a slash (`options/ks`) is a column in a subgroup of `/archs`, as the file
/// stores it.
public struct ArchColumns: Sendable, Equatable {
    public var attributes: [String: TableAttribute] = [:]
    /// Columns in the order they were added: the order the file stores them in, which
    /// `content_sha256` hashes.
    public private(set) var columns: [(name: String, column: ArchColumn)] = []

    public init() {}

    public var names: [String] { columns.map(\.name) }

    /// The column with this name; setting nil removes it, setting a new name appends it.
    public subscript(name: String) -> ArchColumn? {
        get { columns.first { $0.name == name }?.column }
        set {
            if let i = columns.firstIndex(where: { $0.name == name }) {
                if let newValue { columns[i].column = newValue } else { columns.remove(at: i) }
            } else if let newValue {
                columns.append((name, newValue))
            }
        }
    }

    /// Adds a column whose name is not taken yet, in O(1) (reading a file, whose names are
    /// unique, with the subscript would cost O(n²) in the number of columns).
    mutating func appendNew(_ name: String, _ column: ArchColumn) { columns.append((name, column)) }

    public static func == (a: ArchColumns, b: ArchColumns) -> Bool {
        a.attributes == b.attributes && a.columns.count == b.columns.count
            && zip(a.columns, b.columns).allSatisfy { $0.name == $1.name && $0.column == $1.column }
    }
}
