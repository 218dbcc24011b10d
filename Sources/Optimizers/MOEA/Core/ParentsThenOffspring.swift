/// pymoo's merge before a survival: the parents, then the offspring that were told, each
/// objective NaN read as `+∞` (so an unanswerable genome loses every comparison).
///
/// ```swift
/// let merged = ParentsThenOffspring(genes: population.genes, objectives: population.objectives,
///                                   offspring: pending, told: objectives)
/// ```
struct ParentsThenOffspring {
    var genes: [[Int]]
    var objectives: [[Double]]

    /// - Parameter told: the objectives of the first `told.count` offspring (a spent budget
    ///   may leave the rest untold; they are dropped).
    init(genes parents: [[Int]], objectives parentObjectives: [[Double]], offspring: [[Int]], told: [[Double]]) {
        genes = parents
        objectives = parentObjectives
        genes.reserveCapacity(parents.count + told.count)
        objectives.reserveCapacity(parents.count + told.count)
        for i in told.indices {
            genes.append(offspring[i])
            objectives.append(told[i].map { $0.isNaN ? .infinity : $0 })
        }
    }
}
