/// What an algorithm type runs on: which search spaces, how many objectives, which budget
/// kinds. Checked against a spec before any trial runs.
///
/// ```swift
/// AlgorithmSupport(spaces: .only(["nats-topology", "nb101"]), objectives: 1...1)
/// ```
public struct AlgorithmSupport: Sendable {
    public enum Spaces: Sendable {
        /// Every space a table can be bound to.
        case all
        /// Only these spaces (`SpaceBinding.spaceNames`), with the reason in words.
        case only([String], because: String)
    }

    public var spaces: Spaces
    /// How many objectives the search may see. Single-objective searches optimise the
    /// first one and accept more (the others are logged for the hypervolume curves).
    public var objectives: ClosedRange<Int>
    public var evaluationBudgets: Bool
    public var simulatedTimeBudgets: Bool
    /// Whether the search is led by the first objective alone, whatever the spec lists
    /// (random search, the GA, aging evolution, NAS-EA-FA): figures of more objectives say so.
    public var searchesFirstObjectiveOnly: Bool

    public init(spaces: Spaces = .all, objectives: ClosedRange<Int> = 1...Int.max,
                evaluationBudgets: Bool = true, simulatedTimeBudgets: Bool = true, searchesFirstObjectiveOnly: Bool = false) {
        self.spaces = spaces; self.objectives = objectives
        self.evaluationBudgets = evaluationBudgets; self.simulatedTimeBudgets = simulatedTimeBudgets
        self.searchesFirstObjectiveOnly = searchesFirstObjectiveOnly
    }

    /// The spaces in words, for `algorithms show`.
    public var spacesDescription: String {
        switch spaces {
        case .all: "all"
        case .only(let names, _): names.joined(separator: ", ")
        }
    }

    public var objectivesDescription: String {
        objectives.upperBound == Int.max ? "\(objectives.lowerBound) or more" : objectives.lowerBound == objectives.upperBound ? "\(objectives.lowerBound)" : "\(objectives.lowerBound)…\(objectives.upperBound)"
    }

    public var budgetsDescription: String {
        [evaluationBudgets ? "evaluations" : nil, simulatedTimeBudgets ? "simulated seconds" : nil].compactMap { $0 }.joined(separator: ", ")
    }
}
