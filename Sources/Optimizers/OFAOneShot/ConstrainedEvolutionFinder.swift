import NASCore

/// Once-for-All's `EvolutionFinder`: a regularised evolution of predicted accuracy under a
/// predicted-efficiency constraint (Cai et al., "Once-for-All", ICLR 2020;
/// `mit-han-lab/once-for-all`, `ofa/nas/search_algorithm/evolution.py`, as OFA's tutorial
/// `ofa/tutorial/evolution_finder.py` runs it).
///
/// ```swift
/// let finder = ConstrainedEvolutionFinder()          // 100 × 500, OFA's defaults
/// let outcome = finder.search(bounds: space.geneBounds, threshold: 12.5, using: &rng,
///                             efficiency: { genomes in predictedLatency(genomes) },
///                             accuracy: { genomes in predictedAccuracy(genomes) })
/// outcome?.best?.genes                                // OFA's `best_info`
/// ```
///
/// `run_evolution_search(constraint)`, step for step:
/// - `population` random genomes, each drawn again until its predicted efficiency is
///   ≤ the threshold (`random_valid_sample`);
/// - then `generations` times (`max_time_budget`): the parents are the `round(parent_ratio ·
///   population)` best by predicted accuracy (`sorted(…)[::-1][:parents_size]`: of equal
///   accuracies the later one leads); the best parent becomes `best_info` when it is
///   strictly better than every earlier one; the population becomes the parents plus
///   `round(mutation_ratio · population)` mutants and `population − mutants` crossovers, so
///   100 parents-to-be become 25 + 50 + 50 = 125 individuals, as in OFA. Each child's parent
///   (each crossover's two) is drawn uniformly from the parents, with replacement;
/// - a mutant resamples each gene uniformly with probability `mutate_prob`
///   (`mutate_arch`); a crossover takes each gene from either parent with probability ½
///   (`crossover_sample`); each is drawn again until it meets the constraint.
///
/// The children of the last generation are never selected from, so never `best_info`,
/// as in OFA (it returns right after adding them).
///
/// Where this differs from OFA, and why:
/// - OFA's `while True` loops have no bound; here a child gets `maxAttempts` draws. A
///   mutant or crossover that finds none is a copy of its (first) parent, which meets the
///   constraint; an initial population that cannot be filled ends the search (`nil`).
/// - The children of a generation are drawn together, one round of draws at a time, so that
///   their efficiencies are predicted in batches: each child still keeps the first of its own
///   draws that meets the constraint (the same distribution as OFA's one-at-a-time loop), but
///   the random stream is consumed in another order. OFA's stream is Python's and numpy's,
///   so no run matches it draw for draw anyway.
/// - OFA's MobileNetV3 encoder resamples a block's kernel size and expand ratio together,
///   and the resolution with its own probability (`resolution_mutate_prob`, 0.5); here every
///   gene of the space's integer-gene view is resampled on its own with `mutate_prob`.
///   DyNAS-T's OFA space (45 genes: 20 kernel sizes, 20 expand ratios, 5 depths) has no
///   resolution gene.
/// - `best_valids` starts at −100 in OFA (accuracies are fractions); here at −∞, so any
///   maximised objective works. A NaN prediction ranks below every number.
public struct ConstrainedEvolutionFinder: Sendable, Equatable {
    /// A genome with its predictions (OFA's `(acc, sample, efficiency)` tuple).
    public struct Candidate: Sendable, Equatable {
        public var genes: [Int]
        /// The predicted objective maximised (OFA's `acc`).
        public var accuracy: Double
        /// The predicted constrained quantity, to be at most the threshold (OFA's `efficiency`).
        public var efficiency: Double

        public init(genes: [Int], accuracy: Double, efficiency: Double) {
            self.genes = genes; self.accuracy = accuracy; self.efficiency = efficiency
        }
    }

    /// What a search returns (OFA's `best_valids, best_info`).
    public struct Outcome: Sendable, Equatable {
        /// `best_info`: the best parent at the start of any generation; nil when no
        /// prediction was a number.
        public var best: Candidate?
        /// `best_valids` without OFA's leading −100: the best accuracy so far, per generation.
        public var bestHistory: [Double]
    }

    /// `population_size` (100).
    public var population: Int
    /// `max_time_budget` (500).
    public var generations: Int
    /// `parent_ratio` (0.25).
    public var parentRatio: Double
    /// `mutation_ratio` (0.5): the share of children made by mutation.
    public var mutationRatio: Double
    /// `mutate_prob` (0.1, `arch_mutate_prob`): per gene.
    public var mutateProbability: Double
    /// Draws a child gets to meet the constraint (OFA: no bound).
    public var maxAttempts: Int

    public init(population: Int = 100, generations: Int = 500, parentRatio: Double = 0.25, mutationRatio: Double = 0.5,
                mutateProbability: Double = 0.1, maxAttempts: Int = 1_000) {
        self.population = population; self.generations = generations
        self.parentRatio = parentRatio; self.mutationRatio = mutationRatio
        self.mutateProbability = mutateProbability; self.maxAttempts = maxAttempts
    }

    /// `parents_size = int(round(parent_ratio · population_size))`, Python's round (halves to even).
    public var parentCount: Int { Int((parentRatio * Double(population)).rounded(.toNearestOrEven)) }
    /// `mutation_numbers = int(round(mutation_ratio · population_size))`.
    public var mutantCount: Int { min(population, Int((mutationRatio * Double(population)).rounded(.toNearestOrEven))) }
    /// `population_size − mutation_numbers`.
    public var crossoverCount: Int { population - mutantCount }

    /// One roll-out for one constraint; nil when the initial population cannot be filled with
    /// genomes whose predicted efficiency is ≤ `threshold`.
    ///
    /// `efficiency` and `accuracy` predict a batch of genomes (memoise them: the same genome
    /// comes back many times). Random draws come from `rng` only.
    ///
    /// - Complexity: O(generations · population · (genes + log population)) plus the
    ///   predictions, each genome at most `maxAttempts` draws.
    public func search(bounds: [ClosedRange<Int>], threshold: Double, using rng: inout Xoshiro256StarStar,
                       efficiency: ([[Int]]) -> [Double], accuracy: ([[Int]]) -> [Double]) -> Outcome? {
        precondition(parentCount >= 1, "parent_ratio × population must round to at least one parent")
        let drawn = constrainedDraws(count: population, threshold: threshold, using: &rng, efficiency: efficiency) { _, rng in
            bounds.map { $0.lowerBound + rng.nextInt(below: $0.count) }
        }
        var initial: [(genes: [Int], efficiency: Double)] = []
        for d in drawn {
            guard let d else { return nil }
            initial.append(d)
        }
        var pool = Self.candidates(initial, accuracy: accuracy)
        var best = -Double.infinity
        var outcome = Outcome(best: nil, bestHistory: [])
        outcome.bestHistory.reserveCapacity(generations)
        for _ in 0..<generations {
            let parents = self.parents(of: pool)
            if let lead = parents.first, Self.rank(lead.accuracy) > best {
                best = Self.rank(lead.accuracy)
                outcome.best = lead
            }
            outcome.bestHistory.append(best)
            let children = offspring(of: parents, bounds: bounds, threshold: threshold, using: &rng, efficiency: efficiency)
            pool = parents + Self.candidates(children.mutants + children.crossovers, accuracy: accuracy)
        }
        return outcome
    }

    /// The `parentCount` best by accuracy. Python's `sorted(population, key=acc)[::-1]` is a
    /// stable ascending sort reversed, so of equal accuracies the later candidate comes first.
    ///
    /// - Complexity: O(n log n) for n candidates.
    public func parents(of pool: [Candidate]) -> [Candidate] {
        let order = pool.indices.sorted { a, b in
            let x = Self.rank(pool[a].accuracy), y = Self.rank(pool[b].accuracy)
            return x != y ? x > y : a > b
        }
        return order.prefix(parentCount).map { pool[$0] }
    }

    /// One generation's children: `mutantCount` mutants, then `crossoverCount` crossovers,
    /// each meeting the constraint (or a copy of its first parent after `maxAttempts` draws).
    ///
    /// - Complexity: O(population · genes) per round of draws.
    public func offspring(of parents: [Candidate], bounds: [ClosedRange<Int>], threshold: Double, using rng: inout Xoshiro256StarStar,
                          efficiency: ([[Int]]) -> [Double]) -> (mutants: [(genes: [Int], efficiency: Double)], crossovers: [(genes: [Int], efficiency: Double)]) {
        let n = parents.count
        let mutantParents = (0..<mutantCount).map { _ in rng.nextInt(below: n) }
        let mutants = constrainedDraws(count: mutantCount, threshold: threshold, using: &rng, efficiency: efficiency) { slot, rng in
            mutate(parents[mutantParents[slot]].genes, bounds: bounds, using: &rng)
        }
        let pairs = (0..<crossoverCount).map { _ in (rng.nextInt(below: n), rng.nextInt(below: n)) }
        let crossovers = constrainedDraws(count: crossoverCount, threshold: threshold, using: &rng, efficiency: efficiency) { slot, rng in
            Self.crossover(parents[pairs[slot].0].genes, parents[pairs[slot].1].genes, using: &rng)
        }
        let fallback = { (p: Candidate) in (genes: p.genes, efficiency: p.efficiency) }
        return (zip(mutants, mutantParents).map { $0 ?? fallback(parents[$1]) },
                zip(crossovers, pairs).map { $0 ?? fallback(parents[$1.0]) })
    }

    /// `mutate_arch`: each gene resampled uniformly (possibly to its own value) with
    /// probability `mutateProbability`.
    public func mutate(_ genes: [Int], bounds: [ClosedRange<Int>], using rng: inout Xoshiro256StarStar) -> [Int] {
        var out = genes
        for i in out.indices where rng.nextUnit() < mutateProbability {
            out[i] = bounds[i].lowerBound + rng.nextInt(below: bounds[i].count)
        }
        return out
    }

    /// `crossover_sample`: each gene `random.choice([sample1[i], sample2[i]])`.
    public static func crossover(_ a: [Int], _ b: [Int], using rng: inout Xoshiro256StarStar) -> [Int] {
        zip(a, b).map { x, y in rng.nextInt(below: 2) == 0 ? x : y }
    }

    /// Slot i gets the first of its own draws whose predicted efficiency is ≤ `threshold`
    /// (OFA's `while True` loops), or nil after `maxAttempts` draws. The pending slots' draws
    /// are made and predicted together, one round at a time.
    func constrainedDraws(count: Int, threshold: Double, using rng: inout Xoshiro256StarStar, efficiency: ([[Int]]) -> [Double],
                          draw: (Int, inout Xoshiro256StarStar) -> [Int]) -> [(genes: [Int], efficiency: Double)?] {
        var out: [(genes: [Int], efficiency: Double)?] = Array(repeating: nil, count: count)
        var pending = Array(0..<count)
        var rounds = 0
        while !pending.isEmpty && rounds < maxAttempts {
            rounds += 1
            let batch = pending.map { draw($0, &rng) }
            let predicted = efficiency(batch)
            var still: [Int] = []
            for (k, slot) in pending.enumerated() {
                // A NaN efficiency meets no constraint.
                if predicted[k] <= threshold { out[slot] = (batch[k], predicted[k]) } else { still.append(slot) }
            }
            pending = still
        }
        return out
    }

    private static func candidates(_ drawn: [(genes: [Int], efficiency: Double)], accuracy: ([[Int]]) -> [Double]) -> [Candidate] {
        let accuracies = accuracy(drawn.map(\.genes))
        return zip(drawn, accuracies).map { Candidate(genes: $0.genes, accuracy: $1, efficiency: $0.efficiency) }
    }

    /// The accuracy as selection compares it: NaN below every number.
    private static func rank(_ accuracy: Double) -> Double { accuracy.isNaN ? -.infinity : accuracy }
}
