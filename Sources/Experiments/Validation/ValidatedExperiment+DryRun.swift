import Benchmarks
import Foundation
import NASCore

extension ValidatedExperiment {
    /// How many evaluations the run will make: exact for an evaluation budget (an algorithm
    /// may stop early, e.g. NAS-EA-FA after `outer_iterations`), estimated for a seconds
    /// budget from the mean cost of the table's rows.
    public var estimatedEvaluations: (count: Double, exact: Bool) {
        let jobs = Double(configs.count * spec.trials)
        switch spec.budget {
        case .evaluations(let n):
            return (jobs * Double(n), true)
        case .simulatedSeconds(let s):
            guard let cost, let column = try? binding.table.costOrMetric(cost) else { return (.nan, false) }
            let finite = column.values.filter { $0.isFinite && $0 > 0 }.map(Double.init)
            guard !finite.isEmpty else { return (.nan, false) }
            return (jobs * s / (finite.reduce(0, +) / Double(finite.count)), false)
        }
    }

    /// The configuration as it will run, every default that applies marked `(default)`:
    /// what `nasreplay run SPEC --dry-run` prints.
    public var resolvedConfiguration: String {
        var lines: [String] = []
        func row(_ key: String, _ value: String, defaulted: Bool = false) {
            lines.append("  " + key.padding(toLength: 20, withPad: " ", startingAt: 0) + value + (defaulted ? "   (default)" : ""))
        }
        let table = binding.table
        lines.append("\(spec.file): experiment '\(spec.name)', validated; nothing was run")
        row("trials", "\(spec.trials)")
        row("seed", "\(spec.seed)", defaulted: spec.defaulted.contains("seed"))
        // An importer of a partial official folder records how many of the space's cells it read.
        let coverage = binding.isSampleTable ? "a sample of its space"
            : table.provenance["cells"]?.stringValue.map { "\($0) cells" } ?? "the whole space"
        row("benchmark", "\(table.name): space \(binding.spaceName), \(table.rows) rows, \(coverage)")
        row("objectives", spec.benchmark.objectives.map(\.description).joined(separator: ", "))
        row("report", spec.benchmark.report.isEmpty ? "none" : spec.benchmark.report.joined(separator: ", "), defaulted: spec.defaulted.contains("benchmark.report"))
        if binding.isSampleTable {
            row("off_table", spec.benchmark.offTable ?? "reject", defaulted: spec.benchmark.offTable == nil)
        }
        let costText = cost.map { "\($0)" + (spec.benchmark.cost == nil ? " (the table's cost_metric)" : "") } ?? "none: every answer costs 0"
        row("cost", costText, defaulted: spec.benchmark.cost == nil)
        switch spec.budget {
        case .evaluations(let n): row("budget", "\(n) evaluations per trial")
        case .simulatedSeconds(let s): row("budget", "\(s) simulated seconds per trial")
        }
        row("checkpoints", spec.checkpoints.map { $0 == $0.rounded() ? String(Int($0)) : "\($0)" }.joined(separator: ", "),
            defaulted: spec.defaulted.contains("budget.checkpoints"))
        if let front { row("hypervolume", front.conventionNote) }
        let (count, exact) = estimatedEvaluations
        let jobs = "\(configs.count) configurations × \(spec.trials) trials"
        row("evaluations", count.isFinite ? "\(exact ? "at most" : "about") \(Int(count.rounded())) (\(jobs))" : "unknown (\(jobs); no cost column to estimate from)")
        for config in configs {
            lines.append("")
            lines.append("algorithm '\(config.label)': \(config.type.name), \(config.type.reference)")
            for key in config.resolvedKeys {
                if key.name == "mutation" {
                    let requested = mutation(of: config)
                    let value = config.type.mutatesThroughSpace
                        ? recordedMutation(of: config) + (config.mutation == nil ? (requested == nil ? " (the space's default)" : " (\(config.type.name)'s default on \(binding.spaceName))") : "")
                        : (config.mutation.map { "\"\($0)\" (not used by \(config.type.name))" } ?? "not used by \(config.type.name)")
                    row(key.name, value, defaulted: key.isDefault && config.type.mutatesThroughSpace)
                } else {
                    row(key.name, key.value, defaulted: key.isDefault)
                }
            }
        }
        return lines.joined(separator: "\n")
    }
}
