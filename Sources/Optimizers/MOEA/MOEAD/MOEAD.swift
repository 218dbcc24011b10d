import NASCore
import SearchSpaces

/// MOEA/D on a space's integer-gene view, as pymoo 0.6.2 runs it with DyNAS-T 1.6.0's
/// settings.
///
/// ```swift
/// // 3 objectives: 20 energy directions, PBI(θ 5), 20 neighbours, 20 evaluations per generation.
/// MOEAD().run(space: space, trial: trial, rng: &rng)
/// ```
///
/// Zhang & Li 2007 ("MOEA/D: a multiobjective evolutionary algorithm based on
/// decomposition", IEEE TEC 11(6)), as `pymoo/algorithms/moo/moead.py` (the loop-wise
/// `MOEAD`, not `ParallelMOEAD`) with `dynast/search/evolutionary.py`'s `configure_moead`
/// (ALGORITHMS.md L.3, D.1; MOEA.md "pymoo facts"):
/// * 20 directions from `get_reference_directions("energy", M, 20, seed)`; pymoo ignores the
///   seed, so every run gets the same array (`PymooEnergyDirections`);
/// * neighbourhoods of the 20 nearest directions (`MOEADNeighborhoods`), mating inside the
///   neighbourhood with probability 0.9, else from the whole population;
/// * `IntegerRandomSampling`, SBX(prob 1.0, η 20) and PM(η 20) with `RoundingRepair`, and
///   no duplicate elimination (pymoo's MOEAD passes `NoDuplicateElimination`);
/// * pymoo's default decomposition: Tchebicheff for ≤ 2 objectives, PBI(θ 5) otherwise.
///
/// **Difference from DyNAS-T:** DyNAS-T passes `PM(prob=None)`, which raises a TypeError
/// when the mutation runs, so DyNAS-T's MOEA/D never completes. This type uses pymoo's own
/// default in its place, `PM()`'s `prob = 0.9` per individual (pymoo 0.6.2
/// `pymoo/operators/mutation/pm.py`; the base `Mutation` default is 1.0, which
/// `mutationProbability` can select).
///
/// - Complexity: per offspring O(T M) for T neighbours and M objectives, plus the
///   operators' O(n).
public struct MOEAD: StoredDirectionsMOEA {
    /// Which scalarising function the sub-problems use.
    public enum DecompositionChoice: String, Sendable, CaseIterable {
        /// pymoo's `default_decomp`: Tchebicheff for ≤ 2 objectives, PBI otherwise.
        case pymooDefault = "default"
        case tchebicheff
        case pbi
    }

    /// Reference directions (pymoo `pop_size = len(ref_dirs)`); pymoo's stored energy
    /// arrays exist for 20 points in 2 and 3 dimensions.
    public var directionCount: Int
    /// Neighbourhood size T (pymoo `n_neighbors`), itself included.
    public var neighbors: Int
    /// Probability of mating inside the neighbourhood (pymoo `prob_neighbor_mating`).
    public var neighborMatingProbability: Double
    public var decomposition: DecompositionChoice
    /// PBI's penalty θ.
    public var pbiTheta: Double
    public var sampling: IntegerRandomSampling
    public var crossover: SimulatedBinaryCrossover
    public var mutation: PolynomialMutation
    /// How an evaluation budget becomes generations (DyNAS-T: whole generations).
    public var budget: GenerationBudget
    /// pymoo `('n_gen', G)` for a run; nil: from `budget` and the trial's budget.
    public var generations: Int?

    public init(directionCount: Int = 20, neighbors: Int = 20, neighborMatingProbability: Double = 0.9,
                decomposition: DecompositionChoice = .pymooDefault, pbiTheta: Double = 5,
                mutationProbability: Double = 0.9, budget: GenerationBudget = .generations,
                generations: Int? = nil) {
        precondition(directionCount >= 2, "MOEA/D needs at least two sub-problems to mate")
        self.directionCount = directionCount
        self.neighbors = neighbors
        self.neighborMatingProbability = neighborMatingProbability
        self.decomposition = decomposition
        self.pbiTheta = pbiTheta
        self.sampling = IntegerRandomSampling()
        self.crossover = SimulatedBinaryCrossover(probability: 1.0, eta: 20)
        self.mutation = PolynomialMutation(probability: mutationProbability, eta: 20, semantics: .pymoo06)
        self.budget = budget
        self.generations = generations
    }

    /// The scalarising function for `objectiveCount` objectives.
    public func scalarization(objectiveCount: Int) -> any Decomposition {
        switch decomposition {
        case .tchebicheff: Tchebicheff()
        case .pbi: PenaltyBoundaryIntersection(theta: pbiTheta)
        case .pymooDefault:
            objectiveCount <= 2 ? Tchebicheff() as any Decomposition : PenaltyBoundaryIntersection(theta: pbiTheta)
        }
    }

    public func makeState(bounds: GeneBounds, objectiveCount: Int, initial: [[Int]]?) -> State {
        State(algorithm: self, bounds: bounds, objectiveCount: objectiveCount, initial: initial)
    }
}
