import Foundation
import NASCore
import TOMLKit

/// Reads a TOML spec into `SpecTable`s that remember line numbers.
///
/// TOMLKit reports lines for syntax errors but not for keys, so a light scan of the text
/// maps each `[table]`, `[[array-of-tables]]` and `key =` to its line.
///
/// A spec is at most ``maximumBytes`` (1 MiB; the largest shipped spec is a few KB), so
/// parsing and the unknown-key check stay well under a second whatever the file holds.
enum SpecReader {
    static let maximumBytes = 1 << 20

    static func read(path: String) throws(SpecError) -> SpecTable {
        if let size = FileSize.of(path), size > maximumBytes { throw tooLarge(file: path, bytes: size) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, line: nil, message: "cannot read the spec file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    static func parse(_ text: String, file: String) throws(SpecError) -> SpecTable {
        if text.utf8.count > maximumBytes { throw tooLarge(file: file, bytes: text.utf8.count) }
        try TOMLPreflight.check(text, file: file)
        let toml: TOMLTable
        do { toml = try TOMLTable(string: text) } catch let error as TOMLParseError {
            throw SpecError(file: file, line: error.source.begin.line, message: "TOML syntax: \(error.description)")
        } catch {
            throw SpecError(file: file, line: nil, message: "TOML syntax: \(error)")
        }
        let lines = LineMap(text)
        return convert(toml, path: "", line: 1, lines: lines)
    }

    private static func tooLarge(file: String, bytes: Int) -> SpecError {
        SpecError(file: file, line: nil, message: "the spec is \(bytes) bytes; a spec may be at most \(maximumBytes) bytes (1 MiB)")
    }

    private static func convert(_ table: TOMLTable, path: String, line: Int, lines: LineMap) -> SpecTable {
        var entries: [SpecTable.Entry] = []
        for key in table.keys {
            guard let raw = table[key] else { continue }
            let keyLine = lines.line(of: key, in: path) ?? line
            let childPath = path.isEmpty ? key : "\(path).\(key)"
            entries.append(.init(key: key, value: convert(raw, path: childPath, line: keyLine, lines: lines), line: keyLine))
        }
        // TOMLKit's key order is not the file's; keep file order for readable errors and labels.
        entries.sort { ($0.line, $0.key) < ($1.line, $1.key) }
        return SpecTable(path: path, line: line, entries: entries)
    }

    private static func convert(_ value: TOMLValueConvertible, path: String, line: Int, lines: LineMap) -> SpecValue {
        switch value.type {
        case .string: return .string(value.string ?? "")
        case .int: return .int(value.int ?? 0)
        case .double: return .double(value.double ?? .nan)
        case .bool: return .bool(value.bool ?? false)
        case .table:
            guard let t = value.table else { return .table(SpecTable(path: path, line: line, entries: [])) }
            return .table(convert(t, path: path, line: lines.line(ofTable: path) ?? line, lines: lines))
        case .array:
            guard let a = value.array else { return .array([]) }
            return .array(a.enumerated().map { i, element in
                let p = "\(path)[\(i)]"
                let elementLine = element.type == .table ? (lines.line(ofTable: p) ?? line) : line
                return convert(element, path: p, line: elementLine, lines: lines)
            })
        default:
            return .string(String(describing: value))
        }
    }
}

/// Where each table header and key of a TOML text is (1-based lines).
struct LineMap {
    private var tableLines: [String: Int] = [:]
    private var keyLines: [String: Int] = [:]

    /// One pass over the lines with Substring trimming (TOML's whitespace is space and
    /// tab), so a spec of the largest allowed size maps in well under a second. CRLF line
    /// ends count as one line break, as TOML's own line numbers do.
    init(_ text: String) {
        var section = ""
        var counts: [String: Int] = [:]
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        for (i, raw) in lines.enumerated() {
            let line = Self.trimmed(raw)
            if line.hasPrefix("[["), let end = line.range(of: "]]") {
                let name = String(Self.trimmed(line[line.index(line.startIndex, offsetBy: 2)..<end.lowerBound]))
                let k = counts[name, default: 0]
                counts[name] = k + 1
                section = "\(name)[\(k)]"
                tableLines[section] = i + 1
            } else if line.hasPrefix("["), let end = line.firstIndex(of: "]") {
                section = String(Self.trimmed(line[line.index(after: line.startIndex)..<end]))
                tableLines[section] = i + 1
            } else if let eq = line.firstIndex(of: "="), !line.hasPrefix("#") {
                let key = String(Self.trimmed(Self.trimmed(line[..<eq]), only: "\"'"))
                let full = section.isEmpty ? key : "\(section).\(key)"
                if keyLines[full] == nil { keyLines[full] = i + 1 }
                // Keys of an inline table `x = { a = 1 }` are reported at the line of `x`.
                if line[eq...].contains("{") {
                    for part in line[eq...].split(whereSeparator: { ",{".contains($0) }) {
                        if let e = part.firstIndex(of: "=") {
                            let inner = Self.trimmed(part[..<e])
                            if !inner.isEmpty { keyLines["\(full).\(inner)"] = i + 1 }
                        }
                    }
                }
            }
        }
    }

    /// `text` without leading and trailing spaces and tabs, or only the characters in `only`.
    private static func trimmed(_ text: Substring, only: String = " \t") -> Substring {
        func blank(_ c: Character) -> Bool { only.contains(c) }
        var start = text.startIndex, end = text.endIndex
        while start < end, blank(text[start]) { start = text.index(after: start) }
        while end > start, blank(text[text.index(before: end)]) { end = text.index(before: end) }
        return text[start..<end]
    }

    func line(of key: String, in path: String) -> Int? { keyLines[path.isEmpty ? key : "\(path).\(key)"] }
    func line(ofTable path: String) -> Int? { tableLines[path] }
}
