/// Refuses, before TOMLKit sees them, the shapes of TOML text its parser (toml++ 3.4.0)
/// does not report but stops the process on, because it asserts instead of returning a
/// syntax error and its assertions are compiled in. Both were found by fuzzing
/// (scripts/fuzz/README.md):
/// - a table header whose name starts with a character that cannot start a key (`[,x]`,
///   `[[` then a line break): `parse_key`, "is_bare_key_character(*cp) || is_string_delimiter(*cp)";
/// - a closing bracket of the wrong kind (`x = [1, }`): `parse_value`,
///   "!is_value_terminator(*cp)". A `}` inside an array, or a `]` inside an inline table,
///   is never valid TOML.
///
/// ```swift
/// try TOMLPreflight.check("[, x]\n", file: "spec.toml")   // spec.toml:1: a table header …
/// ```
///
/// The scan knows just enough TOML to find headers: strings (basic, literal, multi-line)
/// and comments are skipped, and a `[` opens a header only as the first character of a
/// line outside any array or inline table; arrays and inline tables are tracked by a
/// stack of their opening brackets.
/// - Complexity: O(n) in the bytes of the text.
enum TOMLPreflight {
    static func check(_ text: String, file: String) throws(SpecError) {
        let bytes = Array(text.utf8)
        var i = 0, line = 1
        var open: [UInt8] = []   // the '[' and '{' of the arrays and inline tables we are in
        var lineStart = true
        func at(_ k: Int) -> UInt8 { k < bytes.count ? bytes[k] : 0 }
        func skipBlanks(_ k: inout Int) { while at(k) == UInt8(ascii: " ") || at(k) == UInt8(ascii: "\t") { k += 1 } }
        /// Moves `i` past the string that starts at `i` with `quote`, counting lines.
        func skipString(_ quote: UInt8) {
            let multiLine = at(i + 1) == quote && at(i + 2) == quote
            i += multiLine ? 3 : 1
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\\"), quote == UInt8(ascii: "\"") { i += 2; continue }
                if c == UInt8(ascii: "\n") {
                    line += 1
                    if !multiLine { return }   // an unterminated string: toml++ reports it
                }
                if c == quote {
                    if !multiLine { i += 1; return }
                    if at(i + 1) == quote, at(i + 2) == quote { i += 3; return }
                }
                i += 1
            }
        }
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\n"):
                line += 1
                lineStart = true
                i += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                i += 1
            case UInt8(ascii: "#"):
                while i < bytes.count, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                lineStart = false
                skipString(c)
            case UInt8(ascii: "[") where open.isEmpty && lineStart:
                var k = i + 1
                skipBlanks(&k)
                if at(k) == UInt8(ascii: "[") { k += 1; skipBlanks(&k) }
                let first = at(k)
                let startsKey = (first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z")) || (first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"))
                    || (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9"))
                    || [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]")].contains(first)
                guard startsKey else {
                    throw SpecError(file: file, line: line, message: "TOML syntax: a table header needs a name after '[': write [name] or [[name]]")
                }
                lineStart = false
                i = k
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(c)
                lineStart = false
                i += 1
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                // A ']' outside any value closes a table header.
                if let opener = open.popLast() {
                    let matches = (opener == UInt8(ascii: "[")) == (c == UInt8(ascii: "]"))
                    guard matches else {
                        let (got, want) = c == UInt8(ascii: "]") ? ("]", "}") : ("}", "]")
                        throw SpecError(file: file, line: line, message: "TOML syntax: '\(got)' where '\(want)' should close the \(want == "]" ? "array" : "inline table")")
                    }
                }
                lineStart = false
                i += 1
            default:
                lineStart = false
                i += 1
            }
        }
    }
}
