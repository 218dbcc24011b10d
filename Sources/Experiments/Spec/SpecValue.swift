/// A parsed spec value with the line it was written on, so every later check can say where.
public indirect enum SpecValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([SpecValue])
    case table(SpecTable)

    public var typeName: String {
        switch self {
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number"
        case .bool: "true or false"
        case .array: "an array"
        case .table: "a table"
        }
    }

    public var description: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .int(let i): "\(i)"
        case .double(let d): "\(d)"
        case .bool(let b): "\(b)"
        case .array(let a): "[\(a.map(\.description).joined(separator: ", "))]"
        case .table(let t): "{\(t.entries.map { "\($0.key) = \($0.value)" }.joined(separator: ", "))}"
        }
    }

    /// The value as it appears in a label: strings without quotes.
    public var plain: String {
        if case .string(let s) = self { return s }
        return description
    }
}

/// A TOML table: its entries in file order and where it sits in the file.
public struct SpecTable: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var key: String
        public var value: SpecValue
        public var line: Int
    }

    /// Dotted path of the table, e.g. `benchmark` or `algorithm[2]`.
    public var path: String
    public var line: Int
    public var entries: [Entry]

    public init(path: String, line: Int, entries: [Entry]) {
        self.path = path; self.line = line; self.entries = entries
    }

    public subscript(key: String) -> Entry? { entries.first { $0.key == key } }
}
