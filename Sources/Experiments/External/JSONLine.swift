import Foundation

/// One JSON value as the external-algorithm protocol (docs/PROTOCOL.md) reads and writes
/// it, one message per line.
///
/// ```swift
/// let line = JSONLine.object([("type", .string("finish"))]).text   // {"type":"finish"}
/// let message = try JSONLine(parsing: line)
/// ```
///
/// Written by hand rather than by JSONSerialization so that key order is the order given
/// and numbers print in their shortest form on every platform: the transcript in
/// PROTOCOL.md is compared byte for byte by a test.
indirect enum JSONLine: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONLine])
    case object([(String, JSONLine)])

    static func == (a: JSONLine, b: JSONLine) -> Bool { a.text == b.text }

    /// A number, or null where JSON has none (NaN, ±∞).
    static func number(_ x: Double) -> JSONLine { x.isFinite ? .double(x) : .null }

    subscript(key: String) -> JSONLine? {
        if case .object(let fields) = self { return fields.first { $0.0 == key }?.1 }
        return nil
    }

    /// The value on one line, without spaces.
    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d):
            // Integral values keep a ".0" out of the way: 3.0 prints as 3, as Python's json
            // would read either; the shortest round-trip form otherwise.
            if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)) } else if d.isFinite { out += "\(d)" } else { out += "null" }
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    struct ParseError: Error { var message: String }

    /// Parses one line. Any text that is not exactly one JSON value is a `ParseError`.
    /// A small parser of its own: object keys keep their order, and integers stay integers.
    init(parsing line: String) throws(ParseError) {
        var parser = Parser(bytes: Array(line.utf8))
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.at == parser.bytes.count else { throw ParseError(message: "not JSON (text after the value)") }
        self = value
    }

    private struct Parser {
        var bytes: [UInt8]
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
        }

        func fail() -> ParseError { ParseError(message: "not JSON") }

        mutating func literal(_ word: String, _ value: JSONLine) throws(ParseError) -> JSONLine {
            let w = Array(word.utf8)
            guard at + w.count <= bytes.count, Array(bytes[at..<at + w.count]) == w else { throw fail() }
            at += w.count
            return value
        }

        mutating func value(depth: Int) throws(ParseError) -> JSONLine {
            // A bound on nesting, so a hostile line cannot exhaust the stack.
            guard depth < 64, at < bytes.count else { throw fail() }
            switch bytes[at] {
            case UInt8(ascii: "n"): return try literal("null", .null)
            case UInt8(ascii: "t"): return try literal("true", .bool(true))
            case UInt8(ascii: "f"): return try literal("false", .bool(false))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "["):
                at += 1; skipSpace()
                var items: [JSONLine] = []
                if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                while true {
                    skipSpace(); items.append(try value(depth: depth + 1)); skipSpace()
                    guard at < bytes.count else { throw fail() }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "]") { at += 1; return .array(items) }
                    throw fail()
                }
            case UInt8(ascii: "{"):
                at += 1; skipSpace()
                var fields: [(String, JSONLine)] = []
                if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
                while true {
                    skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: "\"") else { throw fail() }
                    let key = try string(); skipSpace()
                    guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { throw fail() }
                    at += 1; skipSpace()
                    fields.append((key, try value(depth: depth + 1))); skipSpace()
                    guard at < bytes.count else { throw fail() }
                    if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                    if bytes[at] == UInt8(ascii: "}") { at += 1; return .object(fields) }
                    throw fail()
                }
            default: return try number()
            }
        }

        mutating func number() throws(ParseError) -> JSONLine {
            let start = at
            var integral = true
            while at < bytes.count, let c = Optional(bytes[at]),
                  (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
                    || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                if c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { integral = false }
                at += 1
            }
            let text = String(decoding: bytes[start..<at], as: UTF8.self)
            guard !text.isEmpty else { throw fail() }
            if integral, let i = Int(text) { return .int(i) }
            if integral, let u = UInt64(text) { return .uint(u) }
            guard let d = Double(text), d.isFinite else { throw fail() }
            return .double(d)
        }

        mutating func string() throws(ParseError) -> String {
            at += 1  // the opening quote
            var scalars = String.UnicodeScalarView()
            var raw: [UInt8] = []
            func flush() { scalars.append(contentsOf: String(decoding: raw, as: UTF8.self).unicodeScalars); raw.removeAll() }
            while at < bytes.count {
                let c = bytes[at]
                at += 1
                if c == UInt8(ascii: "\"") { flush(); return String(scalars) }
                if c < 0x20 { throw fail() }
                guard c == UInt8(ascii: "\\") else { raw.append(c); continue }
                guard at < bytes.count else { throw fail() }
                let e = bytes[at]
                at += 1
                switch e {
                case UInt8(ascii: "n"): raw.append(0x0A)
                case UInt8(ascii: "t"): raw.append(0x09)
                case UInt8(ascii: "r"): raw.append(0x0D)
                case UInt8(ascii: "b"): raw.append(0x08)
                case UInt8(ascii: "f"): raw.append(0x0C)
                case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): raw.append(e)
                case UInt8(ascii: "u"):
                    guard at + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[at..<at + 4], as: UTF8.self), radix: 16) else { throw fail() }
                    at += 4
                    flush()
                    // Surrogate pairs are rare in protocol text; a lone one becomes U+FFFD.
                    scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                default: throw fail()
                }
            }
            throw fail()
        }
    }

    /// The value as an integer, when it is one exactly.
    var integer: Int? {
        switch self {
        case .int(let i): i
        case .uint(let u): u <= UInt64(Int.max) ? Int(u) : nil
        case .double(let d): d == d.rounded() && abs(d) < 9.0e15 ? Int(d) : nil
        default: nil
        }
    }
}
