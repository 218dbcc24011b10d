import Benchmarks
import NASCore
import SearchSpaces

/// A table's search space and an evaluator of every metric, with the architecture type
/// erased, so `ServeSession` answers gene vectors on any space.
///
/// ```swift
/// let served = try ServedSpace(binding: binding, metrics: table.metrics.map(\.info), encodings: ["genes", "archs"])
/// let (arch, evaluation) = served.answer([0, 1, 2, 3, 4, 0])   // evaluation.reported: every metric, in order
/// ```
///
/// Gene vectors are decoded as `evaluate` decodes them (`architecture(fromGenes:)`), and
/// answered by the table's evaluator, so the off-table policy the binding was made with
/// applies exactly as in a trial.
struct ServedSpace: Sendable {
    var name: String
    var bounds: [ClosedRange<Int>]
    /// The `space` object of `serve`'s first line (as `start`'s).
    var description: JSONLine
    /// The architecture of a gene vector (inside `bounds`) in the space's written form, and
    /// the table's answer for it, with the metrics as `reported`, in the order given; nil
    /// where the table has no answer.
    var answer: @Sendable ([Int]) -> (arch: String, evaluation: Evaluation?)

    /// - Throws: `BenchmarkError` for an empty metric list (an evaluator needs one metric),
    ///   or what building the binding's space and evaluator throws.
    init(binding: any SpaceBinding, metrics: [MetricInfo], encodings: [String]) throws {
        guard let first = metrics.first else {
            throw BenchmarkError(subject: binding.table.name, message: "the table has no metric columns to serve")
        }
        // The evaluator needs an objective; every metric is read as `reported`, so the
        // answer holds them all in one order whatever the first one is.
        self = try binding.withSearch(mutation: nil, objectives: [Objective(metric: first.id, direction: first.direction)],
                                      reported: metrics.map(\.id), cost: nil, Builder(encodings: encodings))
    }

    private init(name: String, bounds: [ClosedRange<Int>], description: JSONLine,
                 answer: @escaping @Sendable ([Int]) -> (arch: String, evaluation: Evaluation?)) {
        self.name = name; self.bounds = bounds; self.description = description; self.answer = answer
    }

    private struct Builder: SearchVisitor {
        var encodings: [String]

        func visit<S: SearchSpace, E: Evaluator>(space: S, evaluator: E) throws -> ServedSpace where E.Architecture == S.Architecture {
            ServedSpace(name: space.name, bounds: space.geneBounds, description: .space(space, encodings: encodings)) { genes in
                // A fresh stream per vector: a space that repairs genes (NB101) gives the same
                // architecture for the same genes, whatever was asked before.
                var rng = Xoshiro256StarStar(seed: 0)
                let architecture = space.architecture(fromGenes: genes, using: &rng)
                return (space.describe(architecture), evaluator.evaluate(architecture))
            }
        }
    }
}
