import NASCore

// A table, a source file or an import mapping the user gave is wrong: exit code 2.
extension BenchmarkError: UserFacingError {
    /// A failed write (`isFailedWrite`) is a failed run, exit code 1.
    public var exitStatus: ExitStatus { isFailedWrite ? .runFailed : .badInput }
}
extension ImportError: UserFacingError {}
extension NB101RecordError: UserFacingError {}
extension GenericCSVMapping.MappingError: UserFacingError {}
