import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Optimizers

/// A space whose architecture *is* its sequence, so a test can craft Hamming distances.
/// Augmentation adds the complement of the low 8 bits, so v1 and v2 differ visibly.
struct BitSpace: NASEAFASpace {
    typealias Architecture = UInt64
    var name: String { "bits" }
    func sample(using rng: inout Xoshiro256StarStar) -> UInt64 { UInt64(rng.nextInt(below: 256)) }
    func mutate(_ a: UInt64, using rng: inout Xoshiro256StarStar) -> UInt64 { a ^ (1 << UInt64(rng.nextInt(below: 8))) }
    var geneBounds: [ClosedRange<Int>] { [0...255] }
    func genes(of a: UInt64) -> [Int] { [Int(a)] }
    func architecture(fromGenes genes: [Int], using rng: inout Xoshiro256StarStar) -> UInt64 { UInt64(genes[0]) }
    func features(of a: UInt64) -> [Double] { [Double(a)] }
    func describe(_ a: UInt64) -> String { String(a, radix: 2) }
    var naseafaSequenceLength: Int { 8 }
    var naseafaConstants: NASEAFA.Constants { .init(population: 8, k: 2, h: 2) }
    func naseafaSequence(of a: UInt64, variant: NASEAFA.Variant) -> UInt64 { a }
    func naseafaAugmentedSequences(of a: UInt64, variant: NASEAFA.Variant) -> [UInt64] { [a, ~a & 0xFF] }
    func naseafaKey(of a: UInt64) -> UInt64 { a }
    func naseafaMutation(_ a: UInt64, variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> UInt64 { mutate(a, using: &rng) }
    func naseafaRandomIndividual(variant: NASEAFA.Variant, using rng: inout Xoshiro256StarStar) -> UInt64 { sample(using: &rng) }
}

/// Records the order of real queries; fitness = value/1000, cost 1.
final class RecordingEvaluator: @unchecked Sendable {
    var queried: [UInt64] = []
    func evaluate(_ a: UInt64) -> Evaluation? {
        queried.append(a)
        return Evaluation(row: Int(a), objectives: [Double(a) / 1000], reported: [], cost: 1)
    }
}

/// A NATS-TSS-like table without files: accuracy and cost are fixed functions of the cell.
struct SyntheticNATSEvaluator: Evaluator {
    typealias Architecture = NATSTopologyCell
    /// As a table declares them; NATS-Bench's accuracies are percent.
    var units: [String?] = ["%"]
    var objectiveUnits: [String?] { units }
    var objectives: [Objective] { [Objective(metric: "c10_valid_200ep", direction: .max)] }
    var reported: [String] { ["c10_test_200ep"] }
    func evaluate(_ cell: NATSTopologyCell) -> Evaluation? {
        // Convolutions help, `none` hurts; a smooth landscape with a little per-cell noise.
        var acc = 60.0
        for op in cell.ops {
            switch op {
            case .conv3x3: acc += 5
            case .conv1x1: acc += 3
            case .skipConnect: acc += 1
            case .avgPool3x3: acc += 0.5
            case .none: acc -= 2
            }
        }
        acc += Double((cell.code &* 2_654_435_761) % 1000) / 1000
        return Evaluation(row: cell.code, objectives: [acc], reported: [acc - 0.5], cost: 1000 + Double(cell.code % 97))
    }
}

@Suite struct NASEAFATests {
    typealias Search = NASEAFASearch<BitSpace>

    static func search(_ options: NASEAFA, recorder: RecordingEvaluator, exhausted: @escaping () -> Bool = { false }) -> Search {
        Search(options: options, space: BitSpace(), evaluate: recorder.evaluate, isExhausted: exhausted,
               objective: Objective(metric: "acc", direction: .max))
    }

    /// One selection step; the stream is drawn from only by pooled answers, which BitSpace lacks.
    static func select(_ search: inout Search, _ population: inout [Individual<UInt64>]) -> [Individual<UInt64>]? {
        var rng = Xoshiro256StarStar(seed: 0)
        return search.selectAndEvaluate(&population, rng: &rng)
    }

    static func ranked(_ archs: [UInt64]) -> [Individual<UInt64>] {
        archs.enumerated().map { Individual(architecture: $0.element, fitness: Double(archs.count - $0.offset)) }
    }

    /// p0, p1 are the top K; then distances to {p0, p1} (and their augmentations) are
    /// p2 1, p3 4, p4 4, p5 3. p3 and p4 tie: the first strict maximum (p3) goes first.
    /// After p3, p4's true distance is 2 and p5 (3) would win if distances were recomputed;
    /// the reference computes them once, so p4 is next.
    static let crafted: [UInt64] = [0b0000_0000, 0b0000_0001, 0b0000_0011, 0b0111_1000, 0b1111_0000, 0b0000_1110, 0b0000_0000, 0b0000_0001]

    @Test func v2EvaluatesTheTopKByPredictionBeforeTheHMostDistantComputedOnceFirstStrictMaximum() {
        let recorder = RecordingEvaluator()
        // No augmentation noise here: the complement sequences are far from every candidate.
        var s = Self.search(NASEAFA(version: .v2), recorder: recorder)
        var population = Self.ranked(Self.crafted)
        let evaluated = Self.select(&s, &population)
        #expect(recorder.queried == [0b0000_0000, 0b0000_0001, 0b0111_1000, 0b1111_0000])
        #expect(evaluated?.map(\.architecture) == recorder.queried)
        // Evaluated members carry their true fitness.
        #expect(evaluated?.map(\.fitness) == recorder.queried.map { Double($0) / 1000 })
        // v2 adds the augmented sequences: two per evaluation.
        #expect(s.training.count == 8)
    }

    @Test func surrogateIsXGBRegressorEta01WithTheVariantsXGBoostBaseScore() {
        #expect(NASEAFA().surrogate == .nasEAFAXGBoost(xgboostMajorVersion: 3))
        #expect(NASEAFA().surrogate.parameters.learningRate == 0.1 && NASEAFA().surrogate.parameters.baseScore == nil)
        #expect(NASEAFA(variant: .dervisi2022).surrogate.parameters.baseScore == 0.5)
        #expect(NASEAFA(xgboostMajorVersion: 1).surrogate.parameters.baseScore == 0.5)
        #expect(NASEAFA(variant: .dervisi2022).effectiveQuirks == [.noEvaluationCache, .nb101StartFallback])
        #expect(NASEAFA().effectiveQuirks.isEmpty)
        #expect(NASEAFA().constants(for: NB101Space()) == .nb101)
        #expect(NASEAFA(k: 4).constants(for: NATSTopologySpace()) == .init(population: 10, k: 4, h: 2))
    }

    @Test("the surrogate learns fractions, as Pan's code divides NATS accuracies by 100")
    func percentObjectivesAreTrainedAsFractions() {
        #expect(NASEAFA().labelScale == .fraction && NASEAFA(variant: .dervisi2022).labelScale == .table)
        #expect(NASEAFA().labelDivisor(unit: "%") == 100)
        #expect(NASEAFA().labelDivisor(unit: "fraction") == 1 && NASEAFA().labelDivisor(unit: nil) == 1)
        #expect(NASEAFA(labelScale: .table).labelDivisor(unit: "%") == 1)
        // Labels are fitness ÷ 100; the fitness itself stays in table units.
        let recorder = RecordingEvaluator()
        var s = Search(options: NASEAFA(version: .v2), space: BitSpace(), evaluate: recorder.evaluate,
                       isExhausted: { false }, objective: Objective(metric: "acc", direction: .max), labelDivisor: 100)
        var population = Self.ranked(Self.crafted)
        let evaluated = Self.select(&s, &population) ?? []
        #expect(evaluated.map(\.fitness) == recorder.queried.map { Double($0) / 1000 })
        let labels: [Double] = recorder.queried.flatMap { (a: UInt64) -> [Double] in
            let label = Double(a) / 1000 / 100
            return [label, label]   // BitSpace augments each evaluation to two sequences
        }
        #expect(s.training.targets == labels)
        // Under xgboost 1.x's base_score 0.5 the scale changes the model, so the search.
        func log(_ scale: NASEAFA.LabelScale, units: [String?]) -> [Int] {
            let trial = TrialEvaluator(SyntheticNATSEvaluator(units: units), budget: .evaluations(80), cache: .charge)
            var rng = Xoshiro256StarStar(seed: 5)
            NASEAFA(version: .v2, xgboostMajorVersion: 1, labelScale: scale).run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
            return trial.records.map(\.row)
        }
        #expect(log(.fraction, units: ["%"]) != log(.table, units: ["%"]))
        #expect(log(.fraction, units: [nil]) == log(.table, units: [nil]))
    }

    @Test func firstStrictMaximumIsTheEarliestLargestPositiveEntry() {
        #expect(Search.firstStrictMaximum([1, 4, 2, 4]) == 1)
        #expect(Search.firstStrictMaximum([0, 0, 0]) == nil)
        #expect(Search.firstStrictMaximum([]) == nil)
    }

    @Test func populationIsRankedByFitnessDescendingAndStable() {
        let members = [3.0, 5, 3, 5, 1].enumerated().map { Individual(architecture: UInt64($0.offset), fitness: $0.element) }
        #expect(Search.rankedByFitness(members).map(\.architecture) == [1, 3, 0, 2, 4])
    }

    @Test func panSkipsCachedArchitecturesWithoutChargeOrCount() {
        let recorder = RecordingEvaluator()
        var s = Self.search(NASEAFA(version: .v2), recorder: recorder)
        s.history[0b0000_0000] = 0.5
        // p0 is cached: it gets the cached fitness but is not queried and not counted, so
        // the top K are p1 and p2 (p6, p7 are repeats of p0, p1 and are skipped too).
        var population = Self.ranked(Self.crafted)
        let evaluated = Self.select(&s, &population) ?? []
        #expect(!recorder.queried.contains(0))
        #expect(Array(recorder.queried.prefix(2)) == [0b0000_0001, 0b0000_0011])
        #expect(population[0].fitness == 0.5)
        #expect(evaluated.count == 4)
        #expect(Set(recorder.queried).count == recorder.queried.count)
    }

    @Test("pan answers a NATS cell with a drawn record of its Pan-hash class and the class-mean test accuracy")
    func panPoolsTheRecordsOfIsomorphicCells() {
        #expect(NASEAFA().answers == .classPool && NASEAFA(variant: .dervisi2022).answers == .cell)
        let evaluator = SyntheticNATSEvaluator()
        func run(_ answers: NASEAFA.Answers) -> TrialEvaluator<SyntheticNATSEvaluator> {
            let trial = TrialEvaluator(evaluator, budget: .evaluations(300), cache: .charge)
            var rng = Xoshiro256StarStar(seed: 21)
            NASEAFA(version: .v2, answers: answers).run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
            return trial
        }
        let classes = NATSPanClasses.shared
        func classMean(_ row: Int) -> Double {
            let members = classes.members[NATSTopologyCell(code: row).panClass]
            return members.reduce(0.0) { $0 + evaluator.evaluate(NATSTopologyCell(code: $1))!.reported[0] } / Double(members.count)
        }
        let pooled = run(.classPool), own = run(.cell)
        #expect(pooled.evaluations == 300 && own.evaluations == 300)
        for record in pooled.records {
            #expect(abs(record.reported[0] - classMean(record.row)) < 1e-9)
            #expect(record.objectives == evaluator.evaluate(NATSTopologyCell(code: record.row))!.objectives)
        }
        #expect(pooled.records.contains { classes.members[NATSTopologyCell(code: $0.row).panClass].count > 1 },
                "the run met a class of several cells")
        for record in own.records {
            #expect(record.reported == evaluator.evaluate(NATSTopologyCell(code: record.row))!.reported)
        }
    }

    @Test func panRunChargesEachGraphHashOnceUnderEitherCachePolicy() {
        for policy in CachePolicy.allCases {
            let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .evaluations(60), cache: policy)
            var rng = Xoshiro256StarStar(seed: 11)
            NASEAFA(version: .v2).run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
            let classes = trial.records.map { NATSTopologyCell(code: $0.row).panClass }
            #expect(trial.evaluations == 60)
            #expect(Set(classes).count == classes.count, "a Pan-hash class was charged twice under \(policy)")
        }
    }

    @Test func v1EvaluatesTheTopKPlusHWithNoDiversityAndNoAugmentation() {
        let recorder = RecordingEvaluator()
        var s = Self.search(NASEAFA(version: .v1), recorder: recorder)
        var population = Self.ranked(Self.crafted)
        _ = Self.select(&s, &population)
        #expect(recorder.queried == Array(Self.crafted.prefix(4)))
        #expect(s.training.count == 4)
        #expect(s.training.sequences == Array(Self.crafted.prefix(4)))
    }

    @Test func dervisiHasNoEvaluationCacheSoDuplicatesAreQueriedAndCounted() {
        let recorder = RecordingEvaluator()
        var s = Self.search(NASEAFA(version: .v2, variant: .dervisi2022), recorder: recorder)
        var population = Self.ranked([7, 7, 7, 9, 9, 9, 9, 9])
        let evaluated = Self.select(&s, &population) ?? []
        #expect(recorder.queried.prefix(2) == [7, 7])
        #expect(evaluated.count == 4)
    }

    @Test func nb101StartFallbackEvaluatesPopulation2StartPlus1AndIsGuardedAgainstSpinning() {
        let same: [UInt64] = [5, 5, 5, 5, 5, 5, 5, 5]
        // Pan default: no candidate at distance > 0 → break after the top K (K = 2 → 1 real query).
        var r = RecordingEvaluator()
        var s = Self.search(NASEAFA(version: .v2), recorder: r)
        var population = Self.ranked(same)
        #expect(Self.select(&s, &population)?.count == 1)
        // Pan + fallback: the fallback pop[2·start+1] is cached → the step ends instead of spinning.
        r = RecordingEvaluator()
        s = Self.search(NASEAFA(version: .v2, quirks: [.nb101StartFallback]), recorder: r)
        population = Self.ranked(same)
        #expect(Self.select(&s, &population)?.count == 1)
        #expect(r.queried == [5])
        // Dervisi: no cache, so the fallback is re-evaluated until K+H = 4 are counted.
        r = RecordingEvaluator()
        s = Self.search(NASEAFA(version: .v2, variant: .dervisi2022), recorder: r)
        population = Self.ranked(same)
        #expect(Self.select(&s, &population)?.count == 4)
        #expect(r.queried == [5, 5, 5, 5])
    }

    @Test func nb101InceptionLikeCellAugmentsTo60Sequences() throws {
        let cell = try NB101Cell(matrix: [[0, 1, 1, 1, 0, 1, 0], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1],
                                          [0, 0, 0, 0, 1, 0, 0], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1],
                                          [0, 0, 0, 0, 0, 0, 0]],
                                 ops: [.input, .conv1x1, .conv3x3, .conv3x3, .conv3x3, .maxpool3x3, .output])
        let space = NB101Space(mutation: .nasEAFA, sampling: .nasEAFA)
        #expect(space.naseafaAugmentedSequences(of: cell, variant: .pan).count == 60)
        #expect(space.naseafaSequence(of: cell, variant: .pan) == (try cell.sequenceBits(.pan)))
        #expect(space.naseafaSequence(of: cell, variant: .dervisi2022) == (try cell.sequenceBits(.dervisi)))
    }

    @Test func sameSeedGivesTheSameEvaluationLog() {
        func log(_ seed: UInt64) -> [TrialEvaluator<SyntheticNATSEvaluator>.Record] {
            let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .evaluations(40), cache: .charge)
            var rng = Xoshiro256StarStar(seed: seed)
            NASEAFA().run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
            return trial.records
        }
        #expect(log(3) == log(3))
        #expect(log(3) != log(4))
    }

    @Test func budgetIsNeverExceeded() {
        for (budget, version) in [(37, NASEAFA.Version.v2), (23, .v1), (1, .v2)] {
            let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .evaluations(budget), cache: .charge)
            var rng = Xoshiro256StarStar(seed: 5)
            NASEAFA(version: version).run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
            #expect(trial.evaluations == budget)
        }
        // A seconds budget stops after the evaluation that crosses it.
        let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .simulatedSeconds(20_000), cache: .charge)
        var rng = Xoshiro256StarStar(seed: 5)
        NASEAFA().run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
        #expect(trial.spentSeconds >= 20_000)
        #expect(trial.spentSeconds - (trial.records.last?.cost ?? 0) < 20_000)
    }

    @Test func runsEndToEndOnANATSTSSLikeEvaluatorThroughTheOptimizerExistential() {
        let optimizer: any Optimizer = NASEAFA(version: .v2, xgboostMajorVersion: 1)
        let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .evaluations(120), cache: .charge)
        var rng = Xoshiro256StarStar(seed: 1)
        optimizer.run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
        #expect(trial.evaluations == 120)
        // The search should find better than the median cell (acc ≈ 66.5) on this landscape.
        let best = trial.records.map { $0.objectives[0] }.max() ?? 0
        #expect(best > 80)
        #expect(NASEAFA.supports(NATSTopologySpace()))
        #expect(!NASEAFA.supports(NATSSizeSpace()))
    }

    @Test func runsOnNB101WithTheDervisiVariantForTOuterIterations() {
        struct SyntheticNB101: Evaluator {
            var objectives: [Objective] { [Objective(metric: "valid", direction: .max)] }
            var reported: [String] { [] }
            func evaluate(_ cell: NB101Cell) -> Evaluation? {
                let h = (try? cell.canonicalDigest())?.low ?? 0
                return Evaluation(row: Int(h % 1000), objectives: [0.8 + Double(h % 100) / 1000], reported: [], cost: 1)
            }
        }
        let trial = TrialEvaluator(SyntheticNB101(), budget: .evaluations(10_000), cache: .charge)
        var rng = Xoshiro256StarStar(seed: 2)
        NASEAFA(version: .v2, variant: .dervisi2022, population: 20, k: 6, h: 4, generations: 2, outerIterations: 3)
            .run(space: NB101Space(), trial: trial, rng: &rng)
        // Without a cache every outer iteration counts exactly K+H.
        #expect(trial.evaluations == 30)
    }
}
