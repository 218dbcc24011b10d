/// The one character set for names that become file or folder names: experiment (spec)
/// names, benchmark (table) names, algorithm names and dataset names.
///
/// ```swift
/// try PlainName.check("linas-zoo-nats-tss-2obj", what: "spec name")   // fine
/// try PlainName.check("..", what: "spec name")                        // throws
/// ```
///
/// A plain name is 1…`maxLength` characters from `A–Z a–z 0–9 . _ -`, starting with a
/// letter or digit. So it can never be `.` or `..`, hold a `/`, start with `-` (read as
/// an option) or be empty, and a path built as `folder/name` stays inside `folder`.
public enum PlainName {
    /// Long enough for any real name; far below file-system limits (255 bytes) once a
    /// suffix such as `.h5` or `-summary.md` is added.
    public static let maxLength = 100

    /// The rule, for error messages and docs.
    public static let rule = "1–\(maxLength) characters from A–Z a–z 0–9 . _ -, starting with a letter or digit"

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (1...maxLength).contains(bytes.count), isAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy { isAlphanumeric($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// - Throws: `PlainNameError` naming `what`, the value and the rule.
    public static func check(_ name: String, what: String) throws(PlainNameError) {
        guard isValid(name) else { throw PlainNameError(what: what, name: name) }
    }

    private static func isAlphanumeric(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(b)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}

public struct PlainNameError: Error, CustomStringConvertible, Sendable, Equatable {
    public var what: String
    public var name: String
    public init(what: String, name: String) { self.what = what; self.name = name }
    public var description: String {
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        return "\(what) '\(shown)' is not a plain name: use \(PlainName.rule)"
    }
}
