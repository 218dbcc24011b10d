import Benchmarks
import NASCore
import Optimizers
import SearchSpaces

extension ValidatedExperiment {
    /// A configuration that never spends an evaluation on an architecture twice
    /// (`skip_duplicates = true` on random search, or `cache = "free"`) cannot spend an
    /// evaluation budget larger than the number of architectures that get an answer: its
    /// trials would stop short of the budget and the summary would have nothing at its
    /// checkpoints. Such a spec is refused here, naming both numbers.
    ///
    /// The architectures that get an answer are the table's rows under `reject` (the
    /// default), and the space's cells (the product of its gene ranges) when every
    /// architecture is answered (`nearest`, `surrogate:…`).
    /// - Complexity: O(genes).
    static func checkDistinctBudget(_ config: AlgorithmConfig, spec: ExperimentSpec, binding: any SpaceBinding) throws {
        guard case .evaluations(let budget) = spec.budget else { return }
        let skipsDuplicates = (config.optimizer as? RandomSearch)?.skipDuplicates == true
        guard skipsDuplicates || config.cache == .free else { return }
        let rejects = spec.benchmark.offTable == nil || spec.benchmark.offTable == "reject"
        let answerable: Int, what: String
        if rejects {
            answerable = binding.table.rows
            what = "\(binding.table.name) answers \(answerable) architectures (one per row; off_table = \"reject\")"
        } else {
            let bounds = try binding.withSearch(mutation: nil, objectives: spec.benchmark.objectives, reported: [], cost: nil,
                                                GeneBounds())
            var cells = 1
            for b in bounds {
                let (product, overflow) = cells.multipliedReportingOverflow(by: b.count)
                if overflow { return }
                cells = product
            }
            answerable = cells
            what = "the \(binding.spaceName) space has \(answerable) architectures"
        }
        guard budget > answerable else { return }
        let reason = skipsDuplicates ? "skip_duplicates = true" : "cache = \"free\""
        let line = config.spec.parameters.first { $0.key == (skipsDuplicates ? "skip_duplicates" : "cache") }?.line ?? config.spec.line
        throw SpecError(file: spec.file, line: line,
                        message: "algorithm '\(config.label)': with \(reason) a trial evaluates each architecture at most once, but budget.evaluations = \(budget) and \(what); lower budget.evaluations to \(answerable) or less, or drop \(reason)")
    }

    private struct GeneBounds: SearchVisitor {
        func visit<S: SearchSpace, E: Evaluator>(space: S, evaluator: E) throws -> [ClosedRange<Int>] where E.Architecture == S.Architecture {
            space.geneBounds
        }
    }
}
