import NASCore

/// Work that cannot go on: one line for the user, exit code 1 (a run that started and
/// failed), or 2 where the problem is found before any work (`status: .badInput`).
///
/// ```swift
/// throw RunError("\(folder): 3 trials are missing; run the remaining shards, then merge again")
/// ```
public struct RunError: UserFacingError {
    public var description: String
    public var exitStatus: ExitStatus

    public init(_ description: String, status: ExitStatus = .runFailed) {
        self.description = description
        exitStatus = status
    }
}
