/// Reading a protocol line: a small JSON parser of its own, so object keys keep their order,
/// integers stay integers (a gene of 3 is not 3.0), and no input can crash it.
///
/// ```swift
/// let message = try JSONLine(parsing: #"{"type":"evaluate","genes":[[0,1,2,3,4,0]]}"#)
/// message["type"]            // .string("evaluate")
/// ```
extension JSONLine {
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

    fileprivate struct Parser {
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
            if let small = smallInteger() { return .int(small) }
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

        /// A plain integer of at most 18 digits (every gene), read without making a String:
        /// the evaluate message is the protocol's hot path. Anything else is left to `number`.
        mutating func smallInteger() -> Int? {
            var i = at
            let negative = i < bytes.count && bytes[i] == UInt8(ascii: "-")
            if negative { i += 1 }
            let digitsStart = i
            var value = 0
            while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9"), i - digitsStart < 18 {
                value = value * 10 + Int(bytes[i] - UInt8(ascii: "0"))
                i += 1
            }
            guard i > digitsStart else { return nil }
            // A fraction, an exponent or a 19th digit: not a small integer.
            if i < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[i])
                || (bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9")) { return nil }
            at = i
            return negative ? -value : value
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
}
