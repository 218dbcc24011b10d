/// A spec's `[[algorithm]]` keys checked against what its type declares: each getter gives
/// the spec's value, or the declared default when the key is left out, so a default lives
/// in one place and `run --dry-run` can print it. Keys the type does not declare are errors.
///
/// ```swift
/// let population = try keys.int("population") ?? 100   // declared with .value(.int(100))
/// ```
///
/// Asking for a key the type did not declare is a programming error, caught by the
/// registry tests that build every type.
public struct AlgorithmKeyValues {
    public let label: String
    public let file: String
    let declared: [AlgorithmKey]
    private var fields: SpecFields

    init(label: String, file: String, table: SpecTable, declared: [AlgorithmKey], section: String) {
        self.label = label
        self.file = file
        self.declared = declared
        fields = SpecFields(table, file: file, section: section)
    }

    private func declaration(_ name: String) -> AlgorithmKey {
        guard let key = declared.first(where: { $0.name == name }) else {
            preconditionFailure("algorithm '\(label)' reads key '\(name)', which its type does not declare")
        }
        return key
    }

    /// The line of a key in the spec (the table's line when it is not there).
    public func line(of key: String) -> Int { fields.line(of: key) }

    /// Whether the spec gives the key (rather than leaving it to its default).
    public func isGiven(_ key: String) -> Bool { fields.table[key] != nil }

    /// A spec error at `key`'s line, prefixed with the algorithm's name.
    public func error(at key: String?, _ message: String) -> SpecError {
        SpecError(file: file, line: key.map(line(of:)) ?? fields.table.line, message: "algorithm '\(label)': \(message)")
    }

    public mutating func int(_ name: String) throws(SpecError) -> Int? {
        let key = declaration(name)
        guard case .int(let range) = key.kind else { preconditionFailure("\(name) is not an integer key") }
        if let v = try fields.int(name, range: range) { return v }
        if case .value(.int(let v)) = key.defaultValue { return v }
        return nil
    }

    public mutating func double(_ name: String) throws(SpecError) -> Double? {
        let key = declaration(name)
        guard case .double(let range) = key.kind else { preconditionFailure("\(name) is not a number key") }
        if let v = try fields.double(name, range: range) { return v }
        switch key.defaultValue {
        case .value(.double(let v)): return v
        case .value(.int(let v)): return Double(v)
        default: return nil
        }
    }

    public mutating func bool(_ name: String) throws(SpecError) -> Bool? {
        let key = declaration(name)
        if let v = try fields.bool(name) { return v }
        if case .value(.bool(let v)) = key.defaultValue { return v }
        return nil
    }

    public mutating func string(_ name: String) throws(SpecError) -> String? {
        let key = declaration(name)
        guard case .string(let options) = key.kind else { preconditionFailure("\(name) is not a string key") }
        if let v = try fields.string(name, options: options) { return v }
        if case .value(.string(let v)) = key.defaultValue { return v }
        return nil
    }

    /// A list of strings; each must be one of the declared options.
    public mutating func strings(_ name: String) throws(SpecError) -> [String]? {
        let key = declaration(name)
        guard case .strings(let options) = key.kind else { preconditionFailure("\(name) is not a list key") }
        if let values = try fields.strings(name) {
            if let options, let bad = values.first(where: { !options.contains($0) }) {
                throw error(at: name, "\(name): unknown value '\(bad)' (known: \(options.joined(separator: ", ")))")
            }
            return values
        }
        if case .value(.array(let values)) = key.defaultValue { return values.map(\.plain) }
        return nil
    }

    /// The keys of an inline table (`inner = { … }`); its own keys' defaults apply when the
    /// spec leaves the table out.
    public mutating func table(_ name: String) throws(SpecError) -> AlgorithmKeyValues {
        let key = declaration(name)
        guard case .table(let keys) = key.kind else { preconditionFailure("\(name) is not a table key") }
        let given = try fields.table(name)
        return AlgorithmKeyValues(label: label, file: file, table: given ?? SpecTable(path: name, line: line(of: name), entries: []),
                                  declared: keys, section: "algorithm '\(label)'.\(name)")
    }

    /// An inline table of any keys (`.freeTable`), unchecked; nil when the spec leaves it out.
    public mutating func freeTable(_ name: String) throws(SpecError) -> SpecTable? {
        let key = declaration(name)
        guard case .freeTable = key.kind else { preconditionFailure("\(name) is not a free table key") }
        return try fields.table(name)
    }

    /// Rejects every key the type does not declare.
    public func finish() throws(SpecError) {
        for e in fields.table.entries where !declared.contains(where: { $0.name == e.key }) {
            let known = declared.map(\.name).sorted().joined(separator: ", ")
            throw SpecError(file: file, line: e.line, message: "\(fields.section): unknown key '\(e.key)' (known keys: \(known))")
        }
    }
}
