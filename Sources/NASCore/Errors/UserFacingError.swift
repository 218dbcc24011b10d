/// An error a user can act on: one line that names the file, line or field and the fix,
/// and the exit status the CLI ends with (DESIGN.md, "Reliability").
///
/// ```swift
/// struct MissingTable: UserFacingError {
///     var description: String { "datasets/nats-tss.h5: not found; run `make datasets`" }
/// }
/// ```
///
/// Every error type that reaches the command line conforms, so the CLI maps errors to exit
/// codes in one place (`NASReplayCommand.main`) instead of a catch-list per command.
public protocol UserFacingError: Error, CustomStringConvertible, Sendable {
    /// `.badInput` (2) unless the work had started and failed (`.runFailed`, 1).
    var exitStatus: ExitStatus { get }
}

extension UserFacingError {
    public var exitStatus: ExitStatus { .badInput }
}

/// The process exit codes NASReplay promises.
public enum ExitStatus: Int32, Sendable {
    /// A run that started and failed (a disk that filled, a missing shard).
    case runFailed = 1
    /// Bad input or usage: a spec, a file, a name or an argument; nothing was done.
    case badInput = 2
}

extension ObjectiveError: UserFacingError {}
