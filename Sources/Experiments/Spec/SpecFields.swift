/// Typed access to a spec table's keys that remembers which keys were read, so `finish()`
/// can reject the unknown ones (a misspelt key must never be silently ignored).
struct SpecFields {
    let table: SpecTable
    let file: String
    let section: String
    private(set) var used: Set<String> = []

    init(_ table: SpecTable, file: String, section: String) {
        self.table = table; self.file = file; self.section = section
    }

    func line(of key: String) -> Int { table[key]?.line ?? table.line }

    private func where_(_ key: String) -> String {
        table.path.isEmpty ? key : "\(table.path).\(key)"
    }

    private mutating func entry(_ key: String, required: Bool) throws(SpecError) -> SpecTable.Entry? {
        used.insert(key)
        guard let e = table[key] else {
            if required { throw SpecError(file: file, line: table.line, message: "\(section): missing required key '\(key)'") }
            return nil
        }
        return e
    }

    private func mismatch(_ e: SpecTable.Entry, _ expected: String) -> SpecError {
        SpecError(file: file, line: e.line, message: "\(where_(e.key)): expected \(expected), got \(e.value.typeName) \(e.value)")
    }

    mutating func string(_ key: String, required: Bool = false, options: [String]? = nil) throws(SpecError) -> String? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .string(let s) = e.value else { throw mismatch(e, "a string") }
        if let options, !options.contains(s) {
            throw SpecError(file: file, line: e.line, message: "\(where_(key)): '\(s)' is not one of \(options.joined(separator: ", "))")
        }
        return s
    }

    mutating func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) throws(SpecError) -> Int? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .int(let v) = e.value else { throw mismatch(e, "an integer") }
        if let range, !range.contains(v) {
            throw SpecError(file: file, line: e.line, message: "\(where_(key)): \(v) is outside \(range.lowerBound)…\(range.upperBound == Int.max ? "∞" : String(range.upperBound))")
        }
        return v
    }

    mutating func double(_ key: String, required: Bool = false, range: ClosedRange<Double>? = nil) throws(SpecError) -> Double? {
        guard let e = try entry(key, required: required) else { return nil }
        let v: Double
        switch e.value {
        case .double(let d): v = d
        case .int(let i): v = Double(i)
        default: throw mismatch(e, "a number")
        }
        if let range, !range.contains(v) {
            throw SpecError(file: file, line: e.line, message: "\(where_(key)): \(v) is outside \(range.lowerBound)…\(range.upperBound)")
        }
        return v
    }

    mutating func bool(_ key: String) throws(SpecError) -> Bool? {
        guard let e = try entry(key, required: false) else { return nil }
        guard case .bool(let b) = e.value else { throw mismatch(e, "true or false") }
        return b
    }

    mutating func strings(_ key: String, required: Bool = false) throws(SpecError) -> [String]? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .array(let values) = e.value else { throw mismatch(e, "an array of strings") }
        var out: [String] = []
        for v in values {
            guard case .string(let s) = v else { throw mismatch(e, "an array of strings") }
            out.append(s)
        }
        return out
    }

    mutating func numbers(_ key: String) throws(SpecError) -> [Double]? {
        guard let e = try entry(key, required: false) else { return nil }
        guard case .array(let values) = e.value else { throw mismatch(e, "an array of numbers") }
        var out: [Double] = []
        for v in values {
            switch v {
            case .int(let i): out.append(Double(i))
            case .double(let d): out.append(d)
            default: throw mismatch(e, "an array of numbers")
            }
        }
        return out
    }

    mutating func table(_ key: String, required: Bool = false) throws(SpecError) -> SpecTable? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .table(let t) = e.value else { throw mismatch(e, "a table ([\(key)])") }
        return t
    }

    mutating func tables(_ key: String, required: Bool = false) throws(SpecError) -> [SpecTable]? {
        guard let e = try entry(key, required: required) else { return nil }
        guard case .array(let values) = e.value else { throw mismatch(e, "an array of tables ([[\(key)]])") }
        var out: [SpecTable] = []
        for v in values {
            guard case .table(let t) = v else { throw mismatch(e, "an array of tables ([[\(key)]])") }
            out.append(t)
        }
        return out
    }

    /// Rejects every key that was never read.
    func finish() throws(SpecError) {
        for e in table.entries where !used.contains(e.key) {
            let known = used.sorted().joined(separator: ", ")
            throw SpecError(file: file, line: e.line, message: "\(section): unknown key '\(e.key)' (known keys: \(known))")
        }
    }
}
