/// Whether an objective is better when smaller or when larger.
///
/// ```swift
/// let directions: [ObjectiveDirection] = [.maximise, .minimise]   // accuracy, latency
/// ```
///
/// Indicators work on minimised objectives only; `ObjectiveNormalizer` turns `.maximise`
/// objectives around (DESIGN.md, "Hypervolume conventions": accuracy becomes error).
public enum ObjectiveDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case minimise
    case maximise
}
