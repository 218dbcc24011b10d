import NASCore

/// A problem in a spec file: `file:line: key: message`, one line, with the fix.
public struct SpecError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    /// One line, whatever the message quotes (a TOML error quoting a line break, a key).
    public var description: String {
        OneLineText.escapingControls(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}
