import NASCore
import Predictors

/// NAS-EA-FA's surrogate-assisted GA (ALGORITHMS.md §1.3 (c)): fit the surrogate, the
/// catalogue's `XGBRegressor(eta=0.1)`, on the whole training set (or, as an option of
/// `dervisi-2022`, the GCN on the evaluated cell graphs, §2.6), then breed G generations of POP children, each a mutated copy of a
/// tournament winner scored by the surrogate.
///
/// ```swift
/// search.fitSurrogate()
/// let offspring = search.breed(from: evaluated, rng: &rng)   // G·POP members, predicted fitness
/// ```
///
/// Reference: `fzjcdt/NAS-EA-FA` `nas10x_nas_ea_fa_v2.py` (`for epoch in range(10)`),
/// `utils.tournament_selection` (`tournamentWinner`, 20 %, with replacement, strict `>`).
/// The first generation's parents carry true fitness (the evaluated members), later ones
/// predicted fitness; generations replace each other wholesale (no crossover, no elitism),
/// and all G·POP children are returned to be ranked next iteration.
///
/// Children of one generation are scored in one batch after they are all bred: the
/// tournament reads only the previous generation, so the random stream and the scores
/// are those of scoring each child as it is made.
///
/// - Complexity: fit O(trees · depth · n · d) plus O(d · n log n) presorting; breeding
///   O(G · POP · (k + mutation + trees · depth)).
extension NASEAFASearch {
    /// Refits the surrogate when the training set has grown since the last fit.
    mutating func fitSurrogate() {
        if options.surrogate.input == .graph {
            fitGraphSurrogate()
            return
        }
        guard training.count > 0, training.count != fittedRows else { return }
        // The spec's entries always build; the only fit errors are an empty or non-finite
        // training set, both excluded above.
        guard var regressor = try? options.surrogate.makeRegressor(seed: 0),
              (try? regressor.fit(training.matrix(), training.targets)) != nil else { return }
        model = regressor
        fittedRows = training.count
    }

    /// Refits the graph model when new graphs have arrived (§2.6: on the first 30 % of them).
    mutating func fitGraphSurrogate() {
        guard graphTraining.count > 0, graphTraining.count != fittedGraphs,
              let nodes = options.surrogate.packedGraphNodes else { return }
        let split = graphTraining.trainingSplit
        guard var regressor = try? options.surrogate.makeRegressor(seed: 0),
              let rows = NASEAFAGraphTrainingSet.packed(split.graphs, maxNodes: nodes),
              (try? regressor.fit(rows, split.targets)) != nil else { return }
        model = regressor
        fittedGraphs = graphTraining.count
    }

    /// The surrogate's fitness of each child; nil before the first fit. A child without a
    /// graph (not a valid cell; the reference operators never make one) gets −∞ from a
    /// graph model, so it is never preferred.
    func predictedFitness(of children: [Member]) -> [Double]? {
        guard let model else { return nil }
        if let nodes = options.surrogate.packedGraphNodes {
            let graphs = children.map { space.naseafaGraph(of: $0.architecture) }
            let present = graphs.compactMap { $0 }
            var predicted: [Double] = []
            if !present.isEmpty {
                guard let rows = NASEAFAGraphTrainingSet.packed(present, maxNodes: nodes),
                      let values = try? model.predict(rows) else { return nil }
                predicted = values
            }
            var next = predicted.makeIterator()
            return graphs.map { $0 == nil ? -.infinity : next.next() ?? -.infinity }
        }
        let width = space.naseafaSequenceLength
        var values = [Double](repeating: 0, count: children.count * width)
        for (r, child) in children.enumerated() {
            let bits = space.naseafaSequence(of: child.architecture, variant: options.variant)
            for i in 0..<width where bits >> UInt64(i) & 1 == 1 { values[r * width + i] = 1 }
        }
        // Width always matches the fit, so predict cannot fail.
        return try? model.predict(Matrix(rows: children.count, columns: width, values: values))
    }

    /// G generations of POP children; every child of every generation is returned.
    mutating func breed(from parents: [Member], rng: inout Xoshiro256StarStar) -> [Member] {
        var parents = parents
        var all: [Member] = []
        all.reserveCapacity(options.generations * constants.population)
        for _ in 0..<options.generations {
            guard !parents.isEmpty else { break }
            var children: [Member] = []
            children.reserveCapacity(constants.population)
            for _ in 0..<constants.population {
                let winner = parents[tournamentWinner(parents, fraction: options.tournamentFraction, rng: &rng)]
                let child = switch options.mutationSource {
                case .bitwise: space.naseafaMutation(winner.architecture, variant: options.variant, using: &rng)
                case .space: space.mutate(winner.architecture, using: &rng)
                }
                children.append(Member(architecture: child, fitness: 0))
            }
            if let predictions = predictedFitness(of: children) {
                for r in children.indices { children[r].fitness = predictions[r] * labelDivisor }
            }
            all += children
            parents = children
        }
        return all
    }
}
