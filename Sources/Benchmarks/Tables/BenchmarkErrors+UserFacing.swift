import NASCore

// A table, a source file or an import mapping the user gave is wrong: exit code 2.
extension BenchmarkError: UserFacingError {}
extension ImportError: UserFacingError {}
extension NB101RecordError: UserFacingError {}
extension GenericCSVMapping.MappingError: UserFacingError {}
