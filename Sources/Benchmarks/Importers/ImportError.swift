import NASCore

/// A problem with an input file, phrased for the person who has to fix it:
/// `file:line: message`.
public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    /// One line, whatever the message quotes: a line break or other control character in
    /// it (a quoted CSV field spanning lines, a CRLF file's `\r`) is written as an escape.
    public var description: String {
        OneLineText.escapingControls(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
    }
}
