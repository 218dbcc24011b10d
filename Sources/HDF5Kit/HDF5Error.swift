/// A failed HDF5 operation: which file, what we were doing, and HDF5's own explanation.
public struct HDF5Error: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var message: String
    /// HDF5's error stack, innermost first.
    public var stack: [String]

    public init(file: String, message: String, stack: [String] = []) {
        self.file = file; self.message = message; self.stack = stack
    }

    /// One line, as the CLI prints it.
    public var description: String {
        let detail = stack.first.map { " (HDF5: \($0))" } ?? ""
        return "\(file): \(message)\(detail)"
    }
}
