/// The inner algorithms LINAS offers by name beyond `nsga2` and `ga` (`LINAS.InnerAlgorithm`),
/// each with DyNAS-T 1.6.0's settings (`EvolutionaryManager.configure_*`, ALGORITHMS.md L.3).
///
/// ```swift
/// LINASInnerSearch.named("unsga3", population: 50, generations: nil)   // 50 × 400
/// LINASInnerSearch.named("moead", population: 50, generations: nil)    // 20 × 1,000
/// ```
///
/// DyNAS-T gives the inner search a budget of predicted evaluations per loop (20,000 for the
/// OFA-MobileNetV3 supernet, the project's default on every table) and runs
/// `n_gen = 20,000 / (individuals per generation)`: 400 generations of the LINAS population
/// (50) for AGE-MOEA, NSGA-III and U-NSGA-III, 1,000 of the 20 reference directions for
/// MOEA/D and C-TAEA, whose final population of 20 is then what LINAS evaluates next.
extension LINASInnerSearch {
    /// Predicted evaluations per loop (DyNAS-T's `LINAS_INNERLOOP_EVALS` for OFA-MobileNetV3).
    public static let predictedEvaluationsPerLoop = 20_000

    /// The names `named(_:population:generations:)` knows, in the order documentation lists them.
    public static let catalogueNames = ["age-moea", "nsga3", "unsga3", "moead", "ctaea"]

    /// The named inner algorithm with DyNAS-T's settings; `generations` nil takes DyNAS-T's
    /// rule above. Nil for a name not in `catalogueNames`.
    public static func named(_ name: String, population: Int, generations: Int?) -> LINASInnerSearch? {
        func perLoop(_ individualsPerGeneration: Int) -> Int {
            generations ?? max(1, predictedEvaluationsPerLoop / individualsPerGeneration)
        }
        switch name {
        case "age-moea":
            return LINASInnerSearch(name: name, algorithm: AGEMOEA(population: population), generations: perLoop(population))
        case "nsga3":
            return LINASInnerSearch(name: name, algorithm: NSGA3(population: population), generations: perLoop(population))
        case "unsga3":
            return LINASInnerSearch(name: name, algorithm: NSGA3.unified(population: population), generations: perLoop(population))
        case "moead":
            let moead = MOEAD()
            return LINASInnerSearch(name: name, algorithm: moead, generations: perLoop(moead.directionCount))
        case "ctaea":
            let ctaea = CTAEA()
            return LINASInnerSearch(name: name, algorithm: ctaea, generations: perLoop(ctaea.directionCount))
        default:
            return nil
        }
    }
}
