import NASCore
import SearchSpaces

/// A benchmark table bound to its search space: everything the harness does that depends
/// on which space a table covers goes through here, implemented once per space.
///
/// ```swift
/// let binding = try SpaceBindings.bind(catalog.load("nats-tss"))
/// let row = try binding.row(parsing: "1462")
/// print(binding.architectureText(row: row))     // |nor_conv_3x3~0|+|…|
/// ```
///
/// A binding builds the space (with a mutation variant), locates rows, parses and prints
/// architectures, gives the rows' predictor features and applies the off-table policy of
/// sample tables. `SpaceBindings` lists the bindings; nothing else switches on a table's
/// `search_space`.
public protocol SpaceBinding: Sendable {
    /// The `search_space` values this binding serves.
    static var spaceNames: [String] { get }

    /// Binds `table` under an off-table policy (`nil`: the default, `reject`).
    /// - Parameter metrics: what a `surrogate:<model>` policy must answer (objectives,
    ///   reported, cost); it fits one model per metric, once.
    /// - Throws: `BenchmarkError` for a table that is not of this space, or a policy the
    ///   space does not define.
    init(table: BenchmarkTable, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError)

    var table: BenchmarkTable { get }
    /// The space's name (`nats-topology`, `nb101`, `ofa-mbv3`, or a sample table's own).
    var spaceName: String { get }
    /// Whether the table holds a sample of its space, so off-table answers are possible.
    var isSampleTable: Bool { get }
    /// The encodings of the space's architectures the binding offers: `features` (the
    /// predictor vector), `genes` (the integer-gene view), `cell-graph`, `sequence`.
    var encodings: [String] { get }

    /// The mutation variant `requested` resolves to on this space (nil: the space's
    /// default), as results files record it.
    /// - Throws: `SearchSpaceError` for a variant the space does not have.
    func mutationName(_ requested: String?) throws(SearchSpaceError) -> String

    /// The row an architecture given as text names: an arch string or index (NATS), a hash
    /// (NB101), a row number (sample tables).
    /// - Throws: a one-line error saying what the text should look like, or that the
    ///   architecture is not in the table.
    func row(parsing text: String) throws -> Int
    /// A row's architecture, as the space's reference prints it.
    func architectureText(row: Int) -> String
    /// A row's architecture as named fields, for `query`.
    func architectureFields(row: Int) throws -> [ArchitectureField]

    /// Each row's predictor features in the space's default encoding.
    func rowFeatures() throws -> [[Double]]
    /// Each row's cell graph, for graph predictors; nil where the rows have none (sample
    /// tables, and NB101 tables, many of whose rows have a hash but no graph).
    func rowCellGraphs() throws -> [LabelledDAG]?

    /// Calls `visitor` with the space (its mutation variant set to `mutation`, nil: the
    /// default) and an evaluator of `objectives` and `reported` metrics that charges `cost`.
    func withSearch<V: SearchVisitor>(mutation: String?, objectives: [Objective], reported: [String], cost: String?,
                                      _ visitor: V) throws -> V.Result
}

/// Code that needs a space and an evaluator of the same architecture type, whatever the
/// space: a trial runner, a benchmark loop.
public protocol SearchVisitor {
    associatedtype Result
    func visit<S: SearchSpace, E: Evaluator>(space: S, evaluator: E) throws -> Result where E.Architecture == S.Architecture
}

/// One named field of an architecture, as `query` prints it.
public struct ArchitectureField: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case integer(Int)
        case text(String?)
        /// Named lists of numbers (a sample table's genes as its own parameters).
        case lists([(name: String, values: [Double])])

        public static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case (.integer(let x), .integer(let y)): x == y
            case (.text(let x), .text(let y)): x == y
            case (.lists(let x), .lists(let y)): x.map(\.name) == y.map(\.name) && x.map(\.values) == y.map(\.values)
            default: false
            }
        }
    }
    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) { self.name = name; self.value = value }
}
