import NASCore
import Optimizers

/// An algorithm type as specs name it (`type = "nsga2"`): everything the harness needs to
/// know about it is declared here, in one file per type under `Algorithms/Types/`.
///
/// ```swift
/// enum RandomSearchType: AlgorithmType {
///     static let name = "random-search"
///     static let aliases = ["random", "rs"]
///     static let summary = "uniform random sampling"
///     static let reference = "NATS-Bench / NAS-EA-FA RS"
///     static let keys = [AlgorithmKey("skip_duplicates", .bool, default: .value(.bool(false)), "…")]
///     static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
///         RandomSearch(skipDuplicates: try keys.bool("skip_duplicates") ?? false)
///     }
/// }
/// ```
///
/// A new built-in type is that file and one line in `AlgorithmRegistry.builtIn`; a test or
/// a downstream package can register its own with `AlgorithmRegistry.adding(_:)`.
public protocol AlgorithmType: Sendable {
    /// The canonical name in specs and results files.
    static var name: String { get }
    /// Other names specs may use.
    static var aliases: [String] { get }
    /// What it is, in one line.
    static var summary: String { get }
    /// The paper and reference implementation it follows (ALGORITHMS.md section).
    static var reference: String { get }
    /// Its own keys; `AlgorithmKey.common` (`mutation`, `cache`) are added for every type.
    static var keys: [AlgorithmKey] { get }
    static var support: AlgorithmSupport { get }
    /// Whether it mutates through the space's operator. Results files record the operator
    /// of those that do, and "none" for the others.
    static var mutatesThroughSpace: Bool { get }
    /// Its default mutation variant on a space, where its reference differs from the
    /// space's own default; nil: the space's default.
    static func defaultMutation(onSpace space: String) -> String?
    /// Builds the optimizer from the spec's keys. Checks that span several keys go here,
    /// as errors at the offending key (`keys.error(at:_:)`).
    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer
    /// What stops a configuration from running under the spec's budget: the key to blame
    /// and a one-line message with the fix; nil when nothing does (the default). Checked
    /// with `support`, before any trial runs (`ofa-oneshot`'s charged samples must leave
    /// room for its winners).
    static func budgetProblem(_ optimizer: any Optimizer, _ budget: Budget) -> (key: String, message: String)?
    /// Raised by one whenever a default changes what the same spec computes, so that a
    /// results folder computed before is refused (its trial hash no longer matches) rather
    /// than silently resumed with mixed behaviours; 0 (the default) leaves the hashes of
    /// older specs as they were. docs/ALGORITHMS.md lists each revision.
    static var resultsRevision: Int { get }
}

extension AlgorithmType {
    public static var aliases: [String] { [] }
    public static var support: AlgorithmSupport { AlgorithmSupport() }
    public static var mutatesThroughSpace: Bool { false }
    public static func defaultMutation(onSpace space: String) -> String? { nil }
    public static func budgetProblem(_ optimizer: any Optimizer, _ budget: Budget) -> (key: String, message: String)? { nil }
    public static var resultsRevision: Int { 0 }

    /// Its own keys and the common ones, as a spec's table is checked against them.
    static var allKeys: [AlgorithmKey] { keys + AlgorithmKey.common }
}
