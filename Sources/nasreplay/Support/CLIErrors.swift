import NASCore

/// Bad input from the user (a file, a name, an argument): one line, exit code 2.
struct InputError: UserFacingError {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A run that started and failed: one line, exit code 1.
struct RunFailure: UserFacingError {
    var description: String
    var exitStatus: ExitStatus { .runFailed }
    init(_ description: String) { self.description = description }
}

// Transitional: every library error is a `UserFacingError` that carries its own exit code,
// mapped in `NASReplayCommand.main`; these wrappers no longer translate anything.
func asInput<T>(_ body: () throws -> T) throws -> T { try body() }
func asRun<T>(_ body: () throws -> T) throws -> T { try body() }
