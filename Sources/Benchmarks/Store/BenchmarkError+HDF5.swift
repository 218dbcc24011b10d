internal import HDF5Kit

extension BenchmarkError {
    /// A failed read or write of a table file, as the user sees it: the same one line as
    /// `HDF5Error.description` (file, what failed, HDF5's innermost reason), so wrapping it
    /// at the public API changes no message.
    init(_ error: HDF5Error) {
        self.init(subject: error.file, message: error.message + (error.stack.first.map { " (HDF5: \($0))" } ?? ""))
    }
}
