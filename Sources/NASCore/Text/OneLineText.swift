/// Keeps an error message on one line whatever it quotes from the input.
///
/// ```swift
/// OneLineText.escapingControls("fuzz.txt:3: \"1\r2\" is not a number")
/// // fuzz.txt:3: "1\r2" is not a number        (the CR written as the two characters \r)
/// ```
///
/// Errors quote what the user wrote (a CSV field, a TOML key, a line of numbers), and that
/// text may hold a bare `\r`, a line break inside a quoted field or any other control
/// character. The CLI promises one line per error (DESIGN.md, "Reliability"), so every
/// error type that quotes input writes its description through this.
public enum OneLineText {
    /// `text` with each control character (below U+0020, and DEL) as an escape: `\n`, `\r`,
    /// `\t`, or `\u{hex}`. Text without one is returned as is.
    /// - Complexity: O(n).
    public static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where isControl(c): out += "\\u{\(String(c.value, radix: 16))}"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    static func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || c.value == 0x7f }
}
