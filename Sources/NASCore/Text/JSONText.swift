import Foundation

/// JSON text that every writer of JSON here shares: the protocol's JSON lines and the CLI's
/// `--json` output.
///
/// ```swift
/// JSONText.quoted("a \"b\"\n")     // "\"a \\\"b\\\"\\n\""
/// ```
public enum JSONText {
    /// `s` as a JSON string literal, quotes included; control characters escaped.
    /// - Complexity: O(length of `s`)
    public static func quoted(_ s: String) -> String {
        var out = ""
        appendQuoted(s, to: &out)
        return out
    }

    /// Appends `s` as a JSON string literal to `out`: the writers of long replies build one
    /// string, not one per value.
    public static func appendQuoted(_ s: String, to out: inout String) {
        // Most strings (keys, architecture strings, metric names) need no escape: one pass
        // over the bytes finds out, and they are appended whole.
        let plain = s.utf8.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        out += "\""
        if plain {
            out += s
        } else {
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
        }
        out += "\""
    }
}
