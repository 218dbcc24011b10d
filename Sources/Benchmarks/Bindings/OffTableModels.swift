/// The models a `surrogate:<model>` off-table policy may name, and how to fit one.
/// Benchmarks sits below Predictors, so the layer that sees both supplies the catalogue
/// (`OffTableModels.predictors` in Experiments).
///
/// ```swift
/// let binding = try SpaceBindings.bind(table, offTable: "surrogate:ridge", models: .predictors, metrics: ["accuracy_top1"])
/// ```
public struct OffTableModels: Sendable {
    /// The model names `surrogate:<model>` accepts.
    public var names: [String]
    /// The fitter of one of `names`.
    public var fitter: @Sendable (String) throws -> OffTableModelFitter

    public init(names: [String], fitter: @escaping @Sendable (String) throws -> OffTableModelFitter) {
        self.names = names; self.fitter = fitter
    }

    /// No surrogate models: `surrogate:<model>` is refused.
    public static let none = OffTableModels(names: []) { name in
        throw BenchmarkError(subject: "off_table", message: "no surrogate model '\(name)' is available here")
    }

    /// The policy a spec names (nil: `reject`) and, for `surrogate:<model>`, its fitter.
    func policy(_ text: String?) throws(BenchmarkError) -> (OffTablePolicy, OffTableModelFitter?) {
        let policy = try OffTablePolicy(parsing: text ?? "reject", surrogateModels: names)
        guard case .surrogate(let model) = policy else { return (policy, nil) }
        do { return (policy, try fitter(model)) } catch let error as BenchmarkError { throw error } catch {
            throw BenchmarkError(subject: "off_table = \"\(text ?? "")\"", message: "\(error)")
        }
    }
}
