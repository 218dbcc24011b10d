/// An external trial that failed on its own: its client crashed, hung, wrote something that
/// is not the protocol, or ended before spending its budget. The runner collects these and
/// lets the other trials finish, where any other error stops the run.
///
/// ```swift
/// throw ExternalTrialFailure(algorithm: "mine", trial: 3, reason: "the client exited with status 1 …")
/// ```
struct ExternalTrialFailure: Error, CustomStringConvertible, Sendable {
    var algorithm: String
    var trial: Int
    /// What went wrong, with the last lines of the client's stderr.
    var reason: String

    var description: String { "algorithm '\(algorithm)' trial \(trial): \(reason)" }
}
