/// A metric the search sees, with the direction it is optimised in: `c10_valid_200ep:max`.
///
/// ```swift
/// let objective = try Objective(parsing: "lat_ms_raspi4:min")
/// ```
public struct Objective: Sendable, Hashable, CustomStringConvertible {
    public var metric: String
    public var direction: Direction

    public init(metric: String, direction: Direction) {
        self.metric = metric; self.direction = direction
    }

    public init(parsing text: String) throws(ObjectiveError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw ObjectiveError(text: text, problem: "write objectives as metric:max or metric:min")
        }
        guard let direction = Direction(rawValue: String(parts[1])) else {
            throw ObjectiveError(text: text, problem: "direction '\(parts[1])' must be max or min")
        }
        self.init(metric: String(parts[0]), direction: direction)
    }

    public var description: String { "\(metric):\(direction.rawValue)" }

    /// The value turned into a quantity to minimise (accuracy → −accuracy).
    @inline(__always)
    public func minimised(_ value: Double) -> Double { direction.minimised(value) }

    /// The value turned into a quantity to maximise (latency → −latency): the fitness a
    /// single-objective search climbs.
    @inline(__always)
    public func maximised(_ value: Double) -> Double { direction.maximised(value) }
}

public struct ObjectiveError: Error, CustomStringConvertible, Sendable {
    public var text: String
    public var problem: String
    public var description: String { "invalid objective '\(text)': \(problem)" }
}
