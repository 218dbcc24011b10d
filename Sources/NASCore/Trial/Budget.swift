/// How much a trial may spend: real evaluations, or simulated training seconds.
public enum Budget: Sendable, Hashable, CustomStringConvertible {
    case evaluations(Int)
    case simulatedSeconds(Double)

    /// The most evaluations one trial makes: the largest `budget.evaluations` a spec may
    /// give, and where a simulated-seconds trial stops if its seconds are not spent by
    /// then. A trial's log is held in memory (about 100 bytes an evaluation).
    public static let maximumEvaluations = 1_000_000

    public var description: String {
        switch self {
        case .evaluations(let n): "\(n) evaluations"
        case .simulatedSeconds(let s): "\(s) simulated seconds"
        }
    }
}

/// What happens when a trial queries an architecture it has already evaluated. The
/// references differ, so it is a declared option, never implicit.
public enum CachePolicy: String, Sendable, CaseIterable {
    /// Every query is charged, counted and logged, repeats included (NATS-Bench REA,
    /// NASLib, the nasbench notebook, Dervisi's GA).
    case charge
    /// A repeat is answered from the trial's cache at no cost: not counted towards the
    /// budget and not logged (NAS-EA-FA's `get_*_from_history`, §1.2).
    case free
}
