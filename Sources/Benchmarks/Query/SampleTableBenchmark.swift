import NASCore
import SearchSpaces

/// A sample table bound to its search space and an off-table policy: the benchmark the
/// optimizers see for OFA, HAT, FBNet and users' own tables.
///
/// ```swift
/// let table = try catalog.load("ofa-mbv3-dynast")
/// let bench = try SampleTableBenchmark(table: table, space: OFAMobileNetV3Space(),
///                                      offTable: OffTablePolicy(parsing: "nearest"))
/// let evaluator = try bench.evaluator(objectives: [Objective(parsing: "accuracy_top1:max"),
///                                                  Objective(parsing: "macs:min")], reported: [])
/// evaluator.evaluate(x)   // exact, .nearest(distance:) or .surrogate(name: "knn:5"), or nil
///
/// // Tables without a published space (HAT averages, user CSVs): the table's own layout.
/// let hat = try SampleTableBenchmark(table: catalog.load("hat-wmt14ende-gpu-titanxp"), offTable: .reject)
/// ```
public struct SampleTableBenchmark<Space: SearchSpace>: Sendable {
    public let table: BenchmarkTable
    public let space: Space
    public let locator: SampleTableLocator<Space>
    /// The table's gene vectors, row by row.
    public let rowGenes: [[Int]]

    /// - Throws: `BenchmarkError` when the table is not a sample table or its layout is not
    ///   the space's (different parameters, options or gene count).
    public init(table: BenchmarkTable, space: Space, offTable: OffTablePolicy) throws(BenchmarkError) {
        let (layout, genes) = try SampleTableLayout.read(table)
        if let geneSpace = space as? any GeneEncodedSpace, geneSpace.layout != layout {
            throw BenchmarkError(subject: table.name, message: "its genes are \(layout.summary) with its own options; space '\(space.name)' has \(geneSpace.layout.summary); use the space the table was built for ('\(table.searchSpace)')")
        }
        self.locator = try SampleTableLocator(space: space, genes: genes, policy: offTable)
        self.table = table
        self.space = space
        self.rowGenes = genes
    }

    /// An evaluator answering `objectives` (the search signal) and `reported` metrics.
    public func evaluator(objectives: [Objective], reported: [String]) throws(BenchmarkError) -> TableEvaluator<SampleTableLocator<Space>> {
        try TableEvaluator(table: table, locator: locator, objectives: objectives, reported: reported)
    }
}

extension SampleTableBenchmark where Space == TabularGeneSpace {
    /// Binds a table to a `TabularGeneSpace` over its own layout, sampling its rows.
    public init(table: BenchmarkTable, offTable: OffTablePolicy, mutation: GeneMutation = .oneGene) throws(BenchmarkError) {
        try self.init(table: table, space: SampleTableLayout.tabularSpace(table, mutation: mutation), offTable: offTable)
    }
}
