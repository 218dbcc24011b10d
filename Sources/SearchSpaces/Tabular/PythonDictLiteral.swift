/// A value of a Python literal as DyNAS-T writes it with `repr`: `None`, a bool, a number,
/// a quoted string or a list of those.
public indirect enum PythonLiteral: Sendable, Equatable {
    case none
    case bool(Bool)
    case number(Double)
    case string(String)
    case list([PythonLiteral])

    /// The numbers of a flat numeric list, or nil.
    public var numbers: [Double]? {
        guard case .list(let items) = self else { return nil }
        var out: [Double] = []
        for item in items {
            guard case .number(let v) = item else { return nil }
            out.append(v)
        }
        return out
    }
}

/// A strict parser for the Python dict literals in DyNAS-T's results csv
/// (`repr(subnet_dict)`, ALGORITHMS.md L.6):
///
/// ```swift
/// let d = try PythonDictLiteral.parse("{'wid': None, 'ks': [3, 5], 'r': [224]}")
/// d[1].key            // "ks"
/// d[1].value.numbers  // [3.0, 5.0]
/// ```
///
/// It accepts exactly the literal subset `repr` produces (string keys; `None`, `True`,
/// `False`, numbers, quoted strings and lists as values; trailing commas, as Python does)
/// and rejects anything else, with the character position, rather than evaluating it.
/// Duplicate keys are an error (Python would keep the last one silently).
public enum PythonDictLiteral {
    /// The entries in written order.
    ///
    /// - Throws: `GeneError.syntax` naming the character position and what was expected.
    /// - Complexity: O(n) in the length of the text.
    public static func parse(_ text: String) throws(GeneError) -> [(key: String, value: PythonLiteral)] {
        var parser = Parser(bytes: Array(text.utf8))
        let entries = try parser.dict()
        parser.skipSpace()
        guard parser.atEnd else { throw parser.error("unexpected text after the closing '}'") }
        return entries
    }

    struct Parser {
        let bytes: [UInt8]
        var i = 0

        var atEnd: Bool { i >= bytes.count }
        var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        func error(_ message: String) -> GeneError {
            .syntax("not a Python dict literal: at character \(i + 1): \(message)")
        }

        mutating func skipSpace() {
            while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
        }

        mutating func expect(_ c: Character) throws(GeneError) {
            skipSpace()
            guard let b = current, b == c.asciiValue else {
                throw error("expected '\(c)'" + (current.map { ", found '\(Character(UnicodeScalar($0)))'" } ?? ", found the end"))
            }
            i += 1
        }

        mutating func dict() throws(GeneError) -> [(key: String, value: PythonLiteral)] {
            try expect("{")
            var entries: [(key: String, value: PythonLiteral)] = []
            var keys = Set<String>()
            skipSpace()
            if current == UInt8(ascii: "}") { i += 1; return entries }
            while true {
                skipSpace()
                guard case .string(let key) = try value(), true else { throw error("dict keys must be quoted strings") }
                guard keys.insert(key).inserted else { throw error("key '\(key)' appears twice") }
                try expect(":")
                entries.append((key, try value()))
                skipSpace()
                if current == UInt8(ascii: ",") {
                    i += 1; skipSpace()
                    if current == UInt8(ascii: "}") { i += 1; return entries }
                    continue
                }
                try expect("}")
                return entries
            }
        }

        mutating func value() throws(GeneError) -> PythonLiteral {
            skipSpace()
            guard let c = current else { throw error("expected a value, found the end") }
            switch c {
            case UInt8(ascii: "["):
                i += 1
                var items: [PythonLiteral] = []
                skipSpace()
                if current == UInt8(ascii: "]") { i += 1; return .list(items) }
                while true {
                    items.append(try value())
                    skipSpace()
                    if current == UInt8(ascii: ",") {
                        i += 1; skipSpace()
                        if current == UInt8(ascii: "]") { i += 1; return .list(items) }
                        continue
                    }
                    try expect("]")
                    return .list(items)
                }
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                i += 1
                let start = i
                while let b = current, b != c {
                    // Escapes never occur in DyNAS-T's keys; refusing them keeps this strict.
                    guard b != UInt8(ascii: "\\"), b != 0x0A else { throw error("escapes and newlines in strings are not supported") }
                    i += 1
                }
                guard current == c else { throw error("unterminated string") }
                let s = String(decoding: bytes[start..<i], as: UTF8.self)
                i += 1
                return .string(s)
            default:
                let start = i
                while let b = current, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") || b == UInt8(ascii: ".")
                        || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z"))
                        || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z")) || b == UInt8(ascii: "_") {
                    i += 1
                }
                let word = String(decoding: bytes[start..<i], as: UTF8.self)
                switch word {
                case "None": return .none
                case "True": return .bool(true)
                case "False": return .bool(false)
                case "": i = start; throw error("expected a value")
                default:
                    // Python number syntax only: digits, optional sign, point and exponent.
                    guard word.first != "+", let v = Double(word), v.isFinite,
                          word.allSatisfy({ $0.isNumber || "-.eE+".contains($0) }) else {
                        i = start
                        throw error("'\(word)' is not a literal (None, True, False, a number, a string or a list)")
                    }
                    return .number(v)
                }
            }
        }
    }
}
