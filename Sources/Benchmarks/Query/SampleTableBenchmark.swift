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
/// // `surrogate:<model>`: the caller supplies the fitting; each metric is fitted once, here.
/// let ridge = try SampleTableBenchmark(table: table, space: OFAMobileNetV3Space(), offTable: .surrogate(model: "ridge"),
///                                      surrogate: fitter, metrics: ["accuracy_top1", "macs"])
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
    /// The fitted models of the `surrogate:<model>` policy; nil under any other policy.
    public let surrogate: OffTableSurrogate?

    /// - Parameters:
    ///   - surrogate: how to fit the model a `surrogate:<model>` policy names; ignored under
    ///     other policies.
    ///   - metrics: the metrics that model must answer (objectives, reported, cost).
    /// - Throws: `BenchmarkError` when the table is not a sample table or its layout is not
    ///   the space's (different parameters, options or gene count), or when a
    ///   `surrogate:<model>` policy has no fitter for that model or a fit fails.
    public init(table: BenchmarkTable, space: Space, offTable: OffTablePolicy,
                surrogate fitter: OffTableModelFitter? = nil, metrics: [String] = []) throws(BenchmarkError) {
        let (layout, genes) = try SampleTableLayout.read(table)
        if let geneSpace = space as? any GeneEncodedSpace, geneSpace.layout != layout {
            throw BenchmarkError(subject: table.name, message: "its genes are \(layout.summary) with its own options; space '\(space.name)' has \(geneSpace.layout.summary); use the space the table was built for ('\(table.searchSpace)')")
        }
        self.locator = try SampleTableLocator(space: space, genes: genes, policy: offTable)
        self.table = table
        self.space = space
        self.rowGenes = genes
        if case .surrogate(let model) = offTable {
            guard let fitter, fitter.model == model else {
                throw BenchmarkError(subject: table.name, message: "off_table = \"surrogate:\(model)\" needs a fitter for '\(model)'\(fitter.map { ", got one for '\($0.model)'" } ?? "")")
            }
            // Gene-encoded spaces decode without drawing from the stream; a fixed seed keeps
            // any repair deterministic.
            var rng = Xoshiro256StarStar(seed: 0)
            let features = genes.map { space.features(of: space.architecture(fromGenes: $0, using: &rng)) }
            self.surrogate = try OffTableSurrogate(table: table, rowFeatures: features, metrics: metrics, fitter: fitter)
        } else {
            self.surrogate = nil
        }
    }

    /// An evaluator answering `objectives` (the search signal) and `reported` metrics,
    /// charging the `cost` column as simulated seconds if given. Under `surrogate:<model>`
    /// the cost must be among the `metrics` the surrogate was fitted on.
    public func evaluator(objectives: [Objective], reported: [String], cost: String? = nil) throws(BenchmarkError) -> TableEvaluator<SampleTableLocator<Space>> {
        try TableEvaluator(table: table, locator: locator, objectives: objectives, reported: reported, cost: cost, surrogate: surrogate)
    }
}

extension SampleTableBenchmark where Space == TabularGeneSpace {
    /// Binds a table to a `TabularGeneSpace` over its own layout, sampling its rows.
    public init(table: BenchmarkTable, offTable: OffTablePolicy, mutation: GeneMutation = .oneGene,
                surrogate fitter: OffTableModelFitter? = nil, metrics: [String] = []) throws(BenchmarkError) {
        try self.init(table: table, space: SampleTableLayout.tabularSpace(table, mutation: mutation), offTable: offTable,
                      surrogate: fitter, metrics: metrics)
    }
}
