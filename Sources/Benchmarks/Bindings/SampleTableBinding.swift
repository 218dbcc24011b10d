import NASCore
import SearchSpaces

/// A sample table over a gene-encoded space (DyNAS-T runs, HELP and HAT latencies, FBNet,
/// users' CSVs): rows are gene vectors, and an architecture outside the table is answered
/// by the spec's off-table policy (`reject`, `nearest`, `surrogate:<model>`).
///
/// ```swift
/// let binding = try SampleTableBinding(table: table, space: OFAMobileNetV3Space(), offTable: "nearest",
///                                      models: .none, metrics: [])
/// ```
///
/// `OFAMobileNetV3Binding` and `TabularBinding` are the two registered forms.
public struct SampleTableBinding<Space: GeneEncodedSpace>: Sendable {
    public let benchmark: SampleTableBenchmark<Space>

    public init(table: BenchmarkTable, space: Space, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError) {
        let (policy, fitter) = try models.policy(offTable)
        benchmark = try SampleTableBenchmark(table: table, space: space, offTable: policy, surrogate: fitter, metrics: metrics)
    }

    public var table: BenchmarkTable { benchmark.table }
    public var isSampleTable: Bool { true }
    public var encodings: [String] { ["features", "genes"] }

    func space(_ mutation: String?) throws(SearchSpaceError) -> Space {
        var space = benchmark.space
        if let mutation { space.mutation = try GeneMutation(parsing: mutation) }
        return space
    }

    /// The name as the spec gives it (`per-gene:0.05` stays as written).
    public func mutationName(_ requested: String?) throws(SearchSpaceError) -> String {
        _ = try space(requested)
        return requested ?? GeneMutation.oneGene.description
    }

    public func row(parsing text: String) throws -> Int {
        guard let r = Int(text), (0..<table.rows).contains(r) else {
            throw BenchmarkError(subject: table.name, message: "give a row number 0…\(table.rows - 1) (sample tables are queried by row), got '\(text)'")
        }
        return r
    }

    public func architectureText(row: Int) -> String { "row \(row)" }

    /// The row's genes as the table's own parameters (its option values).
    public func architectureFields(row: Int) throws -> [ArchitectureField] {
        let (layout, genes) = try SampleTableLayout.read(table)
        return [ArchitectureField("row", .integer(row)), ArchitectureField("genes", .lists(layout.values(of: genes[row])))]
    }

    public func rowFeatures() throws -> [[Double]] {
        benchmark.rowGenes.map { benchmark.space.features(of: GeneVector(genes: $0)) }
    }

    public func withSearch<V: SearchVisitor>(mutation: String?, objectives: [Objective], reported: [String], cost: String?,
                                             _ visitor: V) throws -> V.Result {
        try visitor.visit(space: try space(mutation), evaluator: try benchmark.evaluator(objectives: objectives, reported: reported, cost: cost))
    }
}

/// A binding whose table is a sample over a gene-encoded space: everything but building
/// the space comes from its `SampleTableBinding`.
public protocol SampleTableSpaceBinding: SpaceBinding {
    associatedtype Space: GeneEncodedSpace
    var sample: SampleTableBinding<Space> { get }
}

extension SampleTableSpaceBinding {
    public var table: BenchmarkTable { sample.table }
    public var spaceName: String { table.searchSpace }
    public var isSampleTable: Bool { true }
    public var encodings: [String] { sample.encodings }
    public func mutationName(_ requested: String?) throws(SearchSpaceError) -> String { try sample.mutationName(requested) }
    public func row(parsing text: String) throws -> Int { try sample.row(parsing: text) }
    public func architectureText(row: Int) -> String { sample.architectureText(row: row) }
    public func architectureFields(row: Int) throws -> [ArchitectureField] { try sample.architectureFields(row: row) }
    public func rowFeatures() throws -> [[Double]] { try sample.rowFeatures() }
    /// Gene vectors have no cell graph.
    public func rowCellGraphs() throws -> [LabelledDAG]? { nil }
    public func withSearch<V: SearchVisitor>(mutation: String?, objectives: [Objective], reported: [String], cost: String?,
                                             _ visitor: V) throws -> V.Result {
        try sample.withSearch(mutation: mutation, objectives: objectives, reported: reported, cost: cost, visitor)
    }
}

/// OFA MobileNetV3 sample tables: DyNAS-T's runs (`ofa-mbv3`, resolutions 192…224) and
/// HELP's latencies (`ofa-mbv3-r`, HELP's resolutions).
public struct OFAMobileNetV3Binding: SampleTableSpaceBinding {
    public static let spaceNames = ["ofa-mbv3", "ofa-mbv3-r"]
    public let sample: SampleTableBinding<OFAMobileNetV3Space>

    public init(table: BenchmarkTable, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError) {
        let space = table.searchSpace == "ofa-mbv3-r" ? OFAMobileNetV3Space(resolutions: OFAMobileNetV3Space.helpResolutions) : OFAMobileNetV3Space()
        sample = try SampleTableBinding(table: table, space: space, offTable: offTable, models: models, metrics: metrics)
    }
}

/// Any other sample table (HAT averages, FBNet, users' CSVs) over its own gene layout: the
/// binding of every `search_space` no other binding claims.
public struct TabularBinding: SampleTableSpaceBinding {
    public static let spaceNames: [String] = []
    public let sample: SampleTableBinding<TabularGeneSpace>

    public init(table: BenchmarkTable, offTable: String?, models: OffTableModels, metrics: [String]) throws(BenchmarkError) {
        sample = try SampleTableBinding(table: table, space: SampleTableLayout.tabularSpace(table), offTable: offTable, models: models, metrics: metrics)
    }
}
