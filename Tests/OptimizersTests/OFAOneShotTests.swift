import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Optimizers

/// Once-for-All's `EvolutionFinder` (`ofa/nas/search_algorithm/evolution.py`) on synthetic
/// predictions.
@Suite struct ConstrainedEvolutionFinderTests {
    static let bounds = Array(repeating: 0...4, count: 6)
    /// A stand-in efficiency predictor: the gene sum (0…24).
    static func efficiency(_ batch: [[Int]]) -> [Double] { batch.map { Double($0.reduce(0, +)) } }
    /// A stand-in accuracy predictor that likes large first genes and small last ones.
    static func accuracy(_ batch: [[Int]]) -> [Double] { batch.map { Double(3 * $0[0] + $0[1] - $0[5]) } }

    @Test("OFA's defaults: population 100 makes 25 parents, 50 mutants and 50 crossovers, so 125 individuals")
    func generationCountsAreOFAs() {
        let finder = ConstrainedEvolutionFinder()
        #expect(finder.population == 100 && finder.generations == 500)
        #expect(finder.parentRatio == 0.25 && finder.mutationRatio == 0.5 && finder.mutateProbability == 0.1)
        #expect(finder.parentCount == 25 && finder.mutantCount == 50 && finder.crossoverCount == 50)
        // Python's round halves to even: int(round(0.25 · 10)) = 2, int(round(0.5 · 5)) = 2.
        #expect(ConstrainedEvolutionFinder(population: 10).parentCount == 2)
        #expect(ConstrainedEvolutionFinder(population: 5).mutantCount == 2)

        // Every generation predicts the accuracy of exactly `population` new children, which
        // join the 25 parents: a population of 125 from which the next 25 parents come.
        var batches: [Int] = []
        var rng = Xoshiro256StarStar(seed: 1)
        let outcome = ConstrainedEvolutionFinder(generations: 7).search(
            bounds: Self.bounds, threshold: 12, using: &rng, efficiency: Self.efficiency,
            accuracy: { batches.append($0.count); return Self.accuracy($0) })
        #expect(batches == Array(repeating: 100, count: 8), "the initial 100, then 100 children per generation")
        #expect(outcome?.bestHistory.count == 7)

        let parents = (0..<25).map { i in ConstrainedEvolutionFinder.Candidate(genes: [i % 5, 0, 0, 0, 0, 0], accuracy: Double(i), efficiency: Double(i % 5)) }
        let children = finder.offspring(of: parents, bounds: Self.bounds, threshold: 12, using: &rng, efficiency: Self.efficiency)
        #expect(children.mutants.count == 50 && children.crossovers.count == 50)
    }

    @Test("parents are sorted(population, key=acc)[::-1][:parents_size]: of equal accuracies the later one leads")
    func parentSelectionIsPythonsReversedStableSort() {
        let finder = ConstrainedEvolutionFinder(population: 12)   // round(3) = 3 parents
        let accuracies = [1.0, 3, .nan, 3, 2, 3, 0]
        let pool = accuracies.enumerated().map { ConstrainedEvolutionFinder.Candidate(genes: [$0.offset], accuracy: $0.element, efficiency: 0) }
        #expect(finder.parents(of: pool).map(\.genes) == [[5], [3], [1]])
        #expect(ConstrainedEvolutionFinder(population: 28).parents(of: pool).map(\.genes) == [[5], [3], [1], [4], [0], [6], [2]],
                "NaN ranks last")
    }

    @Test("every individual the search keeps meets the predicted constraint")
    func everyKeptIndividualMeetsTheConstraint() throws {
        for threshold in [3.0, 8, 24] {
            var kept: [[Int]] = []
            var rng = Xoshiro256StarStar(seed: 7)
            let outcome = try #require(ConstrainedEvolutionFinder(population: 40, generations: 30).search(
                bounds: Self.bounds, threshold: threshold, using: &rng, efficiency: Self.efficiency,
                accuracy: { kept += $0; return Self.accuracy($0) }))
            #expect(kept.count == 40 * 31)
            #expect(kept.allSatisfy { Self.efficiency([$0])[0] <= threshold }, "threshold \(threshold)")
            let best = try #require(outcome.best)
            #expect(best.efficiency <= threshold && best.efficiency == Self.efficiency([best.genes])[0])
            #expect(best.accuracy == outcome.bestHistory.last)
            #expect(zip(outcome.bestHistory, outcome.bestHistory.dropFirst()).allSatisfy { $0 <= $1 }, "best_valids never falls")
        }
        // With every gene free (threshold 24) 30 generations find the accuracy optimum, 3·4 + 4 − 0.
        var rng = Xoshiro256StarStar(seed: 7)
        let free = ConstrainedEvolutionFinder(population: 40, generations: 30).search(
            bounds: Self.bounds, threshold: 24, using: &rng, efficiency: Self.efficiency, accuracy: Self.accuracy)
        #expect(free?.best?.accuracy == 16)
    }

    @Test("the last generation's children are never selected from, as OFA returns right after adding them")
    func bestInfoIgnoresTheLastChildren() throws {
        var batches: [[[Int]]] = []
        var rng = Xoshiro256StarStar(seed: 3)
        let outcome = try #require(ConstrainedEvolutionFinder(population: 20, generations: 1).search(
            bounds: Self.bounds, threshold: 24, using: &rng, efficiency: Self.efficiency,
            accuracy: { batches.append($0); return Self.accuracy($0) }))
        let initialBest = Self.accuracy(batches[0]).max()
        #expect(batches.count == 2)
        #expect(outcome.best?.accuracy == initialBest)
        #expect(batches[0].contains(try #require(outcome.best?.genes)))
    }

    @Test("mutants copy their parent but for genes resampled with mutate_prob; crossovers take each gene from one parent")
    func operatorsFollowOFAsEncoder() {
        var rng = Xoshiro256StarStar(seed: 5)
        let parents = [[0, 0, 0, 0, 0, 0], [4, 4, 4, 4, 4, 4]].map { ConstrainedEvolutionFinder.Candidate(genes: $0, accuracy: 0, efficiency: 0) }
        let still = ConstrainedEvolutionFinder(population: 8, mutateProbability: 0)   // 2 parents, 4 mutants, 4 crossovers
        let children = still.offspring(of: parents, bounds: Self.bounds, threshold: 24, using: &rng, efficiency: Self.efficiency)
        #expect(children.mutants.allSatisfy { m in parents.contains { $0.genes == m.genes } })
        #expect(children.crossovers.allSatisfy { c in c.genes.allSatisfy { $0 == 0 || $0 == 4 } })
        let mixed = (0..<2_000).map { _ in ConstrainedEvolutionFinder.crossover(parents[0].genes, parents[1].genes, using: &rng) }
        let fromSecond = Double(mixed.joined().filter { $0 == 4 }.count) / Double(mixed.count * 6)
        #expect(abs(fromSecond - 0.5) < 0.02)
        let mutated = (0..<2_000).map { _ in ConstrainedEvolutionFinder().mutate(parents[0].genes, bounds: Self.bounds, using: &rng) }
        // A gene changes when it is resampled (0.1) to another of its 5 values (4/5): 0.08.
        let changed = Double(mutated.joined().filter { $0 != 0 }.count) / Double(mutated.count * 6)
        #expect(abs(changed - 0.08) < 0.01)
    }

    @Test("a constraint nothing meets ends the search; a child that cannot meet it copies its parent")
    func boundedRetries() {
        var rng = Xoshiro256StarStar(seed: 9)
        let finder = ConstrainedEvolutionFinder(population: 8, maxAttempts: 50)
        #expect(finder.search(bounds: Self.bounds, threshold: -1, using: &rng, efficiency: Self.efficiency, accuracy: Self.accuracy) == nil)
        // Only the all-zero genome meets threshold 0: its mutants (nearly) never do.
        let zero = ConstrainedEvolutionFinder.Candidate(genes: [0, 0, 0, 0, 0, 0], accuracy: 0, efficiency: 0)
        let children = ConstrainedEvolutionFinder(population: 8, mutateProbability: 1, maxAttempts: 3)
            .offspring(of: [zero, zero], bounds: Self.bounds, threshold: 0, using: &rng, efficiency: Self.efficiency)
        #expect((children.mutants + children.crossovers).allSatisfy { $0.genes == zero.genes && $0.efficiency == 0 })
    }
}

/// `ofa-oneshot`: OFA's search as the LINAS paper's Fig. 5c baseline.
@Suite struct OFAOneShotTests {
    static func small(charge: Bool = true) -> OFAOneShot {
        OFAOneShot(trainingSamples: 120, chargeTraining: charge, groups: 4, predictor: PredictorModel(.ridge),
                   finder: ConstrainedEvolutionFinder(population: 20, generations: 15))
    }

    func run(_ ofa: OFAOneShot, budget: Int = 124, seed: UInt64 = 3) -> TrialEvaluator<ToyNATSEvaluator> {
        let trial = TrialEvaluator(ToyNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
        var rng = Xoshiro256StarStar(seed: seed)
        ofa.run(space: NATSTopologySpace(), trial: trial, rng: &rng)
        return trial
    }

    @Test("groups' thresholds are evenly spaced over the samples' range: best + (worst − best) · g / G")
    func thresholdsAreEvenlySpaced() {
        #expect(OFAOneShot.thresholds(best: 2, worst: 10, groups: 4) == [4, 6, 8, 10])
        #expect(OFAOneShot.thresholds(best: -5, worst: -1, groups: 1) == [-1])
        #expect(OFAOneShot().trainingSamples == 1_000 && OFAOneShot().groups == 4 && OFAOneShot().chargeTraining)
        #expect(OFAOneShot().predictor == PredictorModel(.dynast) && OFAOneShot().finder == ConstrainedEvolutionFinder())
    }

    @Test("N charged samples, then at most one winner per group: N + ≤ G evaluations, the same for a seed")
    func budgetAndDeterminism() {
        let ofa = Self.small()
        let a = run(ofa), b = run(ofa), c = run(ofa, seed: 4)
        #expect(a.records == b.records, "deterministic for a seed")
        #expect(a.records != c.records)
        for trial in [a, c] {
            #expect((121...124).contains(trial.evaluations), "\(trial.evaluations)")
            #expect(Set(trial.records.dropFirst(120).map(\.row)).count == trial.evaluations - 120, "the winners are distinct")
        }
        // A budget with room to spare is not spent: the search ends with its winners.
        #expect(run(ofa, budget: 500).records == a.records)
        // A budget that ends among the samples stops the trial there.
        #expect(run(ofa, budget: 50).evaluations == 50)
    }

    @Test("charge_training = false: the samples are answered offline, uncharged and unlogged; the winners are the same")
    func offlineTrainingIsLeftOutOfTheRecords() {
        let charged = run(Self.small(charge: true))
        let offline = run(Self.small(charge: false))
        #expect((1...4).contains(offline.evaluations))
        #expect(offline.records.map(\.row) == charged.records.dropFirst(120).map(\.row))
        #expect(offline.records.map(\.step) == Array(1...offline.evaluations))
        #expect(Self.small(charge: false).maximumEvaluations == 4 && Self.small().maximumEvaluations == 124)
    }

    @Test("every group's winner meets its threshold by the fitted predictor, and its predictions are the models'")
    func winnersMeetTheirPredictedConstraints() throws {
        let space = NATSTopologySpace()
        let evaluator = ToyNATSEvaluator()
        var rng = Xoshiro256StarStar(seed: 21)
        let cells = (0..<150).map { _ in space.sample(using: &rng) }
        let targets = cells.map { cell in zip(evaluator.objectives, evaluator.evaluate(cell)!.objectives).map { $0.minimised($1) } }
        let models = try #require(LINAS.fitPerObjective(PredictorModel(.ridge), features: cells.map(space.features(of:)), targets: targets))
        let costs = targets.map { $0[1] }
        let thresholds = OFAOneShot.thresholds(best: costs.min()!, worst: costs.max()!, groups: 4)
        var decoding = Xoshiro256StarStar(seed: 1)
        let groups = Self.small().searchGroups(space: space, models: models, width: space.features(of: cells[0]).count,
                                               thresholds: thresholds, using: &rng, decoding: &decoding)
        #expect(groups.map(\.threshold) == thresholds)
        for group in groups {
            let winner = try #require(group.winner, "threshold \(group.threshold)")
            let architecture = try #require(group.architecture)
            #expect(space.genes(of: architecture) == winner.genes)
            let x = try Matrix(rows: [space.features(of: architecture)])
            #expect(try models[1].predict(x)[0] == winner.efficiency)
            #expect(try -models[0].predict(x)[0] == winner.accuracy)
            #expect(winner.efficiency <= group.threshold)
        }
    }
}
