import NASCore

/// A reply that breaks a fuzz target's invariant without crashing: an error that is not a
/// `UserFacingError`, one that would not exit 2, or a message that is not one line.
///
/// ```swift
/// do { try FuzzTarget.spec.run(bytes, in: scratch) }
/// catch let finding as FuzzFinding { print(finding) }   // "spec: message has 2 lines: …"
/// ```
public struct FuzzFinding: Error, CustomStringConvertible, Sendable {
    public var target: String
    public var problem: String
    public var description: String { "\(target): \(problem)" }

    /// Checks the error a reader threw against what the CLI promises (DESIGN.md,
    /// "Reliability"): a `UserFacingError` with exit status 2 and a one-line message.
    static func check(_ error: any Error, target: FuzzTarget) throws(FuzzFinding) {
        guard let userFacing = error as? any UserFacingError else {
            throw FuzzFinding(target: target.rawValue, problem: "threw \(type(of: error)), not a UserFacingError: \(String(describing: error).prefix(300))")
        }
        guard userFacing.exitStatus == .badInput else {
            throw FuzzFinding(target: target.rawValue, problem: "exit status \(userFacing.exitStatus.rawValue), not 2: \(userFacing.description.prefix(300))")
        }
        let message = userFacing.description
        guard !message.isEmpty else { throw FuzzFinding(target: target.rawValue, problem: "empty error message") }
        if message.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) || message.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
            throw FuzzFinding(target: target.rawValue, problem: "message is not one line: \(message.debugDescription.prefix(300))")
        }
    }
}
