import NASCore

/// A problem with the input of an indicator, with a one-line message for the user.
///
/// ```swift
/// do { _ = try ObjectiveNormalizer(directions: [.min], lower: [0], upper: [0, 1]) }
/// catch { print(error) }   // "objective bounds: 1 direction(s) but 1 lower and 2 upper bound(s)"
/// ```
///
/// The CLI prints `description` as is; each names the file, line or field at fault and what
/// would fix it (DESIGN.md, "Reliability").
public struct IndicatorError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    /// One line, whatever the message quotes from a points file.
    public var description: String { OneLineText.escapingControls(message) }
}
