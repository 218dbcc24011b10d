import Benchmarks
import NASCore

/// An experiment spec checked against everything it names, before any work starts: the
/// table and its metrics, the budget, each algorithm's keys and what its type supports,
/// each mutation variant on the table's space.
///
/// ```swift
/// let spec = try ExperimentSpec.load("experiments/nats-tss-multi.toml")
/// let experiment = try ValidatedExperiment(spec: spec, catalog: DatasetCatalog(folder: "datasets"))
/// print(experiment.resolvedConfiguration)      // what `run --dry-run` prints
/// ```
///
/// Every problem is a `SpecError` at the spec's file and line (exit code 2). Defaults that
/// apply are not silent: `resolvedConfiguration` lists each of them.
public struct ValidatedExperiment: Sendable {
    public let spec: ExperimentSpec
    public let binding: any SpaceBinding
    /// The column charged as simulated seconds: the spec's `benchmark.cost`, else the
    /// table's declared `cost_metric`; nil when neither exists (every answer then costs 0).
    public let cost: String?
    public let configs: [AlgorithmConfig]
    /// The table's true Pareto front of the objectives; nil for a single objective.
    public let front: TableParetoFront?

    public init(spec: ExperimentSpec, catalog: DatasetCatalog, registry: AlgorithmRegistry = .builtIn) throws {
        self.spec = spec
        let file = spec.file
        // The parser checked it; a spec built or changed in code must not escape results/ either.
        do { try PlainName.check(spec.name, what: "name") } catch {
            throw SpecError(file: file, line: nil, message: "\(error) (it names the results folder)")
        }
        let table: BenchmarkTable
        // A table too large to load whole gives the curves the spec names, and its cost.
        let named = Set(spec.benchmark.objectives.map(\.metric) + spec.benchmark.report + (spec.benchmark.cost.map { [$0] } ?? []))
        let declaredCost = spec.benchmark.cost == nil
        do {
            table = try catalog.load(spec.benchmark.name, series: .only { id, costMetric in
                named.contains(id) || (declaredCost && id == costMetric)
            })
        } catch {
            throw SpecError(file: file, line: spec.benchmark.line, message: "benchmark.name: \(error.description)")
        }
        for o in spec.benchmark.objectives where !table.hasMetric(o.metric) {
            throw SpecError(file: file, line: spec.benchmark.objectivesLine, message: "benchmark.objectives: unknown metric '\(o.metric)' in \(table.name); `nasreplay datasets info \(table.name)` lists the ids")
        }
        for m in spec.benchmark.report where !table.hasMetric(m) {
            throw SpecError(file: file, line: spec.benchmark.reportLine, message: "benchmark.report: unknown metric '\(m)' in \(table.name); `nasreplay datasets info \(table.name)` lists the ids")
        }
        if let id = spec.benchmark.cost {
            do { _ = try table.costOrMetric(id) } catch {
                throw SpecError(file: file, line: spec.benchmark.costLine, message: "benchmark.cost: \(error.description)")
            }
        }
        let cost = spec.benchmark.cost ?? table.costMetric
        if case .simulatedSeconds = spec.budget, cost == nil {
            throw SpecError(file: file, line: spec.benchmark.line, message: "budget.simulated_seconds: \(table.name) has no training-time column (no cost_metric, no /costs); use budget.evaluations, or a table with training times (nb101-sample, an `import nats-official` or `import nb101` table)")
        }
        self.cost = cost
        // A surrogate policy fits the cost column too, so off-table answers are charged.
        do {
            binding = try SpaceBindings.bind(table, offTable: spec.benchmark.offTable, models: .predictors,
                                             metrics: spec.benchmark.objectives.map(\.metric) + spec.benchmark.report + (cost.map { [$0] } ?? []))
        } catch {
            throw SpecError(file: file, line: spec.benchmark.line, message: error.description)
        }
        var configs: [AlgorithmConfig] = []
        for a in spec.algorithms {
            let config = try AlgorithmConfig(a, registry: registry)
            try Self.check(config, supports: spec, on: binding)
            try Self.checkDistinctBudget(config, spec: spec, binding: binding)
            configs.append(config)
        }
        self.configs = configs
        front = spec.benchmark.objectives.count >= 2 ? try TableParetoFront.cached(table: table, objectives: spec.benchmark.objectives) : nil
    }

    /// What the type supports against the spec: the space, the objective count, the
    /// budget kind and anything else the type asks of the budget; and the mutation variant
    /// on the space.
    private static func check(_ config: AlgorithmConfig, supports spec: ExperimentSpec, on binding: any SpaceBinding) throws(SpecError) {
        let type = config.type, support = type.support
        func fail(_ line: Int, _ message: String) -> SpecError {
            SpecError(file: spec.file, line: line, message: "algorithm '\(config.label)': \(message)")
        }
        if case .only(let spaces, let reason) = support.spaces, !spaces.contains(binding.spaceName) {
            throw fail(config.spec.typeLine, "\(type.name) runs on \(spaces.joined(separator: " and ")) tables only (\(reason)), not on \(binding.table.name) (space \(binding.spaceName))")
        }
        let k = spec.benchmark.objectives.count
        if !support.objectives.contains(k) {
            throw fail(config.spec.typeLine, "\(type.name) takes \(support.objectivesDescription) objectives, the spec gives \(k)")
        }
        switch spec.budget {
        case .evaluations where !support.evaluationBudgets, .simulatedSeconds where !support.simulatedTimeBudgets:
            throw fail(config.spec.typeLine, "\(type.name) does not run under this kind of budget (it takes: \(support.budgetsDescription))")
        default: break
        }
        if let problem = type.budgetProblem(config.optimizer, spec.budget) {
            throw fail(config.spec.parameters.first { $0.key == problem.key }?.line ?? config.spec.typeLine, problem.message)
        }
        do { _ = try binding.mutationName(requestedMutation(config, binding)) } catch {
            throw fail(config.spec.parameters.first { $0.key == "mutation" }?.line ?? config.spec.line, error.description)
        }
    }

    /// The mutation variant a configuration asks the space for: the spec's, else its
    /// type's default on this space, else nil (the space's own default).
    static func requestedMutation(_ config: AlgorithmConfig, _ binding: any SpaceBinding) -> String? {
        config.mutation ?? config.type.defaultMutation(onSpace: binding.spaceName)
    }

    /// The mutation variant a configuration runs with; nil: the space's default.
    public func mutation(of config: AlgorithmConfig) -> String? { Self.requestedMutation(config, binding) }

    /// The mutation a results file records: the space's operator for types that mutate
    /// through it, "none" for the others.
    public func recordedMutation(of config: AlgorithmConfig) -> String {
        guard config.type.mutatesThroughSpace else { return "none" }
        return (try? binding.mutationName(mutation(of: config))) ?? "?"
    }
}
