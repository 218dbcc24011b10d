import Foundation
import Indicators
import NASCore

/// An experiment: which benchmark, what the search sees and what is reported, the budget,
/// the algorithms, how many seeded trials. One TOML file in `experiments/` per figure,
/// table or ablation (DESIGN.md, "Experiment specs").
///
/// ```swift
/// let spec = try ExperimentSpec.load("experiments/nats-tss-single.toml")
/// ```
///
/// Every problem is a `SpecError` naming the file, the line and the key.
public struct ExperimentSpec: Sendable {
    public struct BenchmarkSection: Sendable {
        public var name: String
        public var objectives: [Objective]
        public var report: [String]
        public var offTable: String?
        /// The column charged as simulated seconds (`benchmark.cost`); nil: the table's
        /// declared `cost_metric`, if any.
        public var cost: String?
        public var line: Int
        public var objectivesLine: Int
        public var reportLine: Int
        public var costLine: Int
    }

    public var file: String
    public var name: String
    public var summary: String
    public var trials: Int
    public var seed: UInt64
    public var benchmark: BenchmarkSection
    public var budget: Budget
    /// Where summaries and tests are taken, in budget units (evaluations or seconds).
    public var checkpoints: [Double]
    /// One entry per configuration, sweeps already expanded.
    public var algorithms: [AlgorithmSpec]
    /// The optional keys the file leaves out, so their defaults apply (`seed`,
    /// `benchmark.report`, `benchmark.off_table`, `benchmark.cost`, `budget.checkpoints`):
    /// `run --dry-run` says so for each.
    public var defaulted: Set<String> = []

    /// - Parameter registry: the algorithm types the spec may name; it decides which keys
    ///   take a list as one value (never a sweep).
    public static func load(_ path: String, registry: AlgorithmRegistry = .builtIn) throws(SpecError) -> ExperimentSpec {
        try ExperimentSpec(table: SpecReader.read(path: path), file: path, registry: registry)
    }

    public static func parse(_ text: String, file: String, registry: AlgorithmRegistry = .builtIn) throws(SpecError) -> ExperimentSpec {
        try ExperimentSpec(table: SpecReader.parse(text, file: file), file: file, registry: registry)
    }

    init(table root: SpecTable, file: String, registry: AlgorithmRegistry) throws(SpecError) {
        var top = SpecFields(root, file: file, section: "the top level")
        self.file = file
        name = try top.string("name", required: true) ?? ""
        do { try PlainName.check(name, what: "name") } catch {
            throw SpecError(file: file, line: top.line(of: "name"), message: "\(error) (it names the results folder)")
        }
        summary = try top.string("description") ?? ""
        trials = try top.int("trials", required: true, range: 1...Self.maximumTrials) ?? 1
        // TOML integers are signed 64-bit, so 2^63 − 1 is the largest seed a spec can hold;
        // every seed from 0 to it is stored exactly (trial files and runs.h5 keep seeds as text
        // or uint64, never through a Double).
        let givenSeed = try top.int("seed")
        if let givenSeed, givenSeed < 0 {
            throw SpecError(file: file, line: top.line(of: "seed"), message: "seed: \(givenSeed) is negative; use 0…\(Int64.max) (2^63 − 1, the largest TOML integer)")
        }
        seed = UInt64(givenSeed ?? 0)
        if givenSeed == nil { defaulted.insert("seed") }

        let benchTable = try top.table("benchmark", required: true)!
        var bench = SpecFields(benchTable, file: file, section: "[benchmark]")
        let benchName = try bench.string("name", required: true) ?? ""
        let objectiveTexts = try bench.strings("objectives", required: true) ?? []
        guard !objectiveTexts.isEmpty else {
            throw SpecError(file: file, line: bench.line(of: "objectives"), message: "benchmark.objectives: list at least one objective, e.g. [\"c10_valid_200ep:max\"]")
        }
        var objectives: [Objective] = []
        for text in objectiveTexts {
            do { objectives.append(try Objective(parsing: text)) } catch {
                throw SpecError(file: file, line: bench.line(of: "objectives"), message: "benchmark.objectives: \(error.description)")
            }
        }
        let givenReport = try bench.strings("report")
        let report = givenReport ?? []
        let offTable = try bench.string("off_table")
        let cost = try bench.string("cost")
        if givenReport == nil { defaulted.insert("benchmark.report") }
        if offTable == nil { defaulted.insert("benchmark.off_table") }
        if cost == nil { defaulted.insert("benchmark.cost") }
        benchmark = BenchmarkSection(name: benchName, objectives: objectives, report: report, offTable: offTable, cost: cost,
                                     line: benchTable.line, objectivesLine: bench.line(of: "objectives"),
                                     reportLine: bench.line(of: "report"), costLine: bench.line(of: "cost"))
        try bench.finish()

        let budgetTable = try top.table("budget", required: true)!
        var budgetFields = SpecFields(budgetTable, file: file, section: "[budget]")
        let evaluations = try budgetFields.int("evaluations")
        let seconds = try budgetFields.double("simulated_seconds")
        switch (evaluations, seconds) {
        case (let n?, nil):
            guard n > 0 else { throw SpecError(file: file, line: budgetFields.line(of: "evaluations"), message: "budget.evaluations: must be positive, got \(n)") }
            guard n <= Budget.maximumEvaluations else {
                throw SpecError(file: file, line: budgetFields.line(of: "evaluations"), message: "budget.evaluations: \(n) is above the limit of \(Budget.maximumEvaluations) evaluations per trial")
            }
            budget = .evaluations(n)
        case (nil, let s?):
            guard s > 0, s.isFinite else { throw SpecError(file: file, line: budgetFields.line(of: "simulated_seconds"), message: "budget.simulated_seconds: must be positive, got \(s)") }
            budget = .simulatedSeconds(s)
        case (.some, .some):
            throw SpecError(file: file, line: budgetTable.line, message: "[budget]: give evaluations or simulated_seconds, not both")
        case (nil, nil):
            throw SpecError(file: file, line: budgetTable.line, message: "[budget]: give evaluations = N or simulated_seconds = S")
        }
        let limit: Double
        switch budget {
        case .evaluations(let n): limit = Double(n)
        case .simulatedSeconds(let s): limit = s
        }
        // Every multi-objective trial records its exact hypervolume after each evaluation.
        if let most = Hypervolume.exactPointLimit(dimension: objectives.count) {
            let k = objectives.count
            switch budget {
            case .evaluations(let n) where n > most:
                throw SpecError(file: file, line: budgetFields.line(of: "evaluations"), message: "budget.evaluations: \(n) with \(k) objectives; the exact hypervolume curve takes at most \(most) evaluations per trial in \(k)-D (docs/LIMITS.md): evaluate fewer or use fewer objectives")
            case .simulatedSeconds:
                throw SpecError(file: file, line: budgetFields.line(of: "simulated_seconds"), message: "budget.simulated_seconds: with \(k) objectives give budget.evaluations ≤ \(most) instead, so the exact hypervolume curve stays within its \(k)-D limit (docs/LIMITS.md)")
            default: break
            }
        }
        let givenCheckpoints = try budgetFields.numbers("checkpoints")
        let checkpoints = givenCheckpoints ?? [limit]
        if checkpoints.count > Self.maximumCheckpoints {
            throw SpecError(file: file, line: budgetFields.line(of: "checkpoints"), message: "budget.checkpoints: \(checkpoints.count) checkpoints; at most \(Self.maximumCheckpoints)")
        }
        if givenCheckpoints == nil { defaulted.insert("budget.checkpoints") }
        for c in checkpoints where !(c > 0 && c <= limit) {
            throw SpecError(file: file, line: budgetFields.line(of: "checkpoints"), message: "budget.checkpoints: \(c) is outside (0, \(limit)]")
        }
        self.checkpoints = checkpoints.sorted()
        try budgetFields.finish()

        let algorithmTables = try top.tables("algorithm", required: true) ?? []
        guard !algorithmTables.isEmpty else {
            throw SpecError(file: file, line: nil, message: "add at least one [[algorithm]] table")
        }
        var algorithms: [AlgorithmSpec] = []
        for table in algorithmTables { algorithms += try AlgorithmSpec.expand(table, file: file, registry: registry) }
        var labels = Set<String>()
        for a in algorithms where !labels.insert(a.label).inserted {
            throw SpecError(file: file, line: a.line, message: "algorithm name '\(a.label)' is used twice; give each [[algorithm]] its own name")
        }
        self.algorithms = algorithms
        try top.finish()
        try checkLoggedEvaluations(line: top.line(of: "trials"))
    }

    /// The most trials a spec (or `run --trials`) may ask for.
    public static let maximumTrials = 1_000_000
    /// The most trials × evaluations of one configuration under an evaluation budget:
    /// runs.h5 is assembled from a configuration's whole log in memory (about 100 bytes an
    /// evaluation, so about 1 GB at the limit).
    public static let maximumLoggedEvaluations = 10_000_000
    /// The most `budget.checkpoints`: each is a column of every summary table and a round
    /// of pairwise tests.
    public static let maximumCheckpoints = 1_000

    /// Checks `trials` against ``maximumTrials`` and, under an evaluation budget,
    /// trials × evaluations against ``maximumLoggedEvaluations``. Called when the spec is
    /// read and again after `run --trials N` replaces the count.
    /// - Parameter trialsName: how the message names the trial count (`trials`, or
    ///   `--trials` when the command line replaced it).
    public func checkLoggedEvaluations(line: Int? = nil, trialsName: String = "trials") throws(SpecError) {
        guard (1...Self.maximumTrials).contains(trials) else {
            throw SpecError(file: file, line: line, message: "\(trialsName): \(trials) is outside 1…\(Self.maximumTrials)")
        }
        if case .evaluations(let n) = budget, trials * n > Self.maximumLoggedEvaluations {
            throw SpecError(file: file, line: line, message: "\(trialsName) × budget.evaluations = \(trials) × \(n) is above the limit of \(Self.maximumLoggedEvaluations) evaluations per algorithm configuration; run fewer trials or shorter ones")
        }
    }

    /// SHA-256 of everything that changes a trial's outcome. `trials` and `checkpoints` are
    /// left out, so a run can be extended with more trials or new checkpoints and resume.
    public var trialHash: String {
        var text = "name=\(name)\nseed=\(seed)\nbenchmark=\(benchmark.name)\nobjectives=\(benchmark.objectives)\n"
        text += "report=\(benchmark.report)\noff_table=\(benchmark.offTable ?? "")\nbudget=\(budget)\n"
        // Only when given, so the hashes of specs written before the key existed stay valid.
        if let cost = benchmark.cost { text += "cost=\(cost)\n" }
        for a in algorithms {
            text += "algorithm \(a.label) \(a.type) \(a.canonicalParameters)"
            text += a.revision > 0 ? " revision=\(a.revision)\n" : "\n"
        }
        return SHA256.hex(Array(text.utf8))
    }

    /// The seed of one trial's stream: (experiment, benchmark, configuration, trial index).
    public func trialSeed(algorithm: String, trial: Int) -> UInt64 {
        StreamSeed.derive(base: seed, labels: [name, benchmark.name, algorithm, "trial", String(trial)])
    }
}

/// One `[[algorithm]]` configuration.
public struct AlgorithmSpec: Sendable {
    public var label: String
    public var type: String
    /// Every key but `name` and `type`, in file order.
    public var parameters: [SpecTable.Entry]
    public var line: Int
    /// Line of the `type` key.
    public var typeLine: Int
    public var file: String
    /// The type's `resultsRevision`: it enters the trial hash when above 0.
    public var revision = 0

    /// The most configurations one `[[algorithm]]` table's sweeps may expand to.
    public static let maximumSweepConfigurations = 1_000

    public var canonicalParameters: String {
        parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }

    /// A key whose value is an array of scalars where the algorithm takes one scalar is a
    /// sweep: one configuration per value, labelled `name[key=value]`. Keys the type
    /// declares as lists (`quirks`) or tables (`inner`) are passed through.
    static func expand(_ table: SpecTable, file: String, registry: AlgorithmRegistry) throws(SpecError) -> [AlgorithmSpec] {
        var fields = SpecFields(table, file: file, section: "[[algorithm]] at line \(table.line)")
        let type = try fields.string("type", required: true) ?? ""
        let name = try fields.string("name")
        if let name {
            do { try PlainName.check(name, what: "algorithm name") } catch {
                throw SpecError(file: file, line: fields.line(of: "name"), message: "\(error) (it names the trials/ folder and the runs.h5 group)")
            }
        }
        let label = name ?? type
        let rest = table.entries.filter { $0.key != "type" && $0.key != "name" }
        let listKeys = Set(registry.type(named: type)?.allKeys.filter(\.takesList).map(\.name) ?? [])
        var configurations: [(String, [SpecTable.Entry])] = [(label, [])]
        for entry in rest {
            if case .array(let values) = entry.value, !values.isEmpty, !values.contains(where: { if case .table = $0 { true } else { false } }),
               !listKeys.contains(entry.key) {
                guard configurations.count * values.count <= maximumSweepConfigurations else {
                    throw SpecError(file: file, line: entry.line, message: "algorithm '\(label)': the sweep over \(entry.key) makes more than \(maximumSweepConfigurations) configurations (\(configurations.count) × \(values.count)); split it into several specs")
                }
                configurations = configurations.flatMap { (l, params) in
                    values.map { v in ("\(l)[\(entry.key)=\(v.plain)]", params + [SpecTable.Entry(key: entry.key, value: v, line: entry.line)]) }
                }
            } else {
                // In place: one copy of every entry per configuration, linear in the keys.
                for i in configurations.indices { configurations[i].1.append(entry) }
            }
        }
        let revision = registry.type(named: type)?.resultsRevision ?? 0
        return configurations.map {
            AlgorithmSpec(label: $0.0, type: type, parameters: $0.1, line: table.line, typeLine: fields.line(of: "type"), file: file, revision: revision)
        }
    }
}
