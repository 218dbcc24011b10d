/// A failed HDF5 operation: which file, what we were doing, and HDF5's own explanation.
public struct HDF5Error: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String
    /// HDF5's error stack, innermost first.
    public var stack: [String]

    public init(file: String, message: String, stack: [String] = []) {
        self.file = file; self.message = message; self.stack = stack
    }

    /// One line, as the CLI prints it: a line break in a quoted object name (a damaged
    /// file's) is written `\n` or `\r`. (NASCore's OneLineText escapes every control
    /// character; HDF5Kit sits below NASCore, and the CLI applies it to every message.)
    public var description: String {
        let detail = stack.first.map { " (HDF5: \($0))" } ?? ""
        var line = ""
        for c in "\(file): \(message)\(detail)".unicodeScalars {
            switch c {
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            default: line.unicodeScalars.append(c)
            }
        }
        return line
    }
}
