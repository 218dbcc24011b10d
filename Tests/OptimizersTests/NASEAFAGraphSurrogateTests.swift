import NASCore
import Predictors
import SearchSpaces
import Testing
@testable import Optimizers

/// The `dervisi-2022` variant's GCN surrogate option (ALGORITHMS.md §2.3, §2.6).
@Suite struct NASEAFAGraphSurrogateTests {
    typealias Search = NASEAFASearch<NATSTopologySpace>

    static func search(_ options: NASEAFA, trial: TrialEvaluator<SyntheticNATSEvaluator>) -> Search {
        Search(options: options, space: NATSTopologySpace(mutation: .bitwise), evaluate: { trial.evaluate($0) },
               isExhausted: { trial.isExhausted }, objective: SyntheticNATSEvaluator().objectives[0])
    }

    @Test func theDefaultSurrogateStaysTheBoostedTreesAndGCNIsDervisisNetwork() throws {
        #expect(NASEAFA(variant: .dervisi2022).surrogate == .nasEAFAXGBoost(xgboostMajorVersion: 1))
        #expect(NASEAFA().surrogate == .nasEAFAXGBoost(xgboostMajorVersion: 3))
        let gcn = NASEAFA(variant: .dervisi2022, surrogateModel: .gcn).surrogate
        #expect(gcn == .dervisiGCN() && gcn.input == .graph && gcn.packedGraphNodes == 8)
        let built = try #require(try gcn.makeRegressor(seed: 0) as? GCNRegressor)
        #expect(built.configuration == .dervisi() && built.maxNodes == 8)
    }

    @Test func theGCNTrainsOnTheFirst30PercentOfTheDistinctEvaluatedGraphsAndScoresTheChildren() throws {
        let options = NASEAFA(version: .v2, variant: .dervisi2022, outerIterations: 3, surrogateModel: .gcn)
        let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .evaluations(1_000), cache: .charge)
        var search = Self.search(options, trial: trial)
        var rng = Xoshiro256StarStar(seed: 4)
        search.run(rng: &rng)
        // T = 3 outer iterations of K + H = 5, no cache: 15 queries.
        #expect(trial.evaluations == 15)
        let model = try #require(search.model as? GCNRegressor, "the GCN, not the boosted trees, is fitted")
        let graphModel = try #require(model.network)
        // Distinct graphs in evaluation order, each labelled with its fitness.
        let space = NATSTopologySpace(mutation: .bitwise)
        var expected: [CellGraph] = []
        for record in trial.records {
            let graph = try #require(space.naseafaGraph(of: NATSTopologyCell(code: record.row)))
            if !expected.contains(graph) { expected.append(graph) }
        }
        #expect(search.graphTraining.graphs == expected)
        // The model is Dervisi's GCN fitted on the first 30 % (at least one graph).
        let split = search.graphTraining.trainingSplit
        #expect(split.graphs.count == max(1, Int(0.3 * Double(expected.count))))
        var direct = GraphConvolutionalNetwork(configuration: .dervisi())
        try direct.fit(graphs: split.graphs, targets: split.targets)
        #expect(direct.parameters == graphModel.parameters)
        // Children are scored by the GCN on their graphs.
        let children = (0..<5).map { _ in Search.Member(architecture: NATSTopologyCell.sample(using: &rng), fitness: 0) }
        let scored = try #require(search.predictedFitness(of: children))
        #expect(scored == (try graphModel.predict(graphs: children.map { try #require(space.naseafaGraph(of: $0.architecture)) })))
    }

    @Test func aGCNRunReplaysFromItsSeed() {
        func log(_ seed: UInt64) -> [TrialEvaluator<SyntheticNATSEvaluator>.Record] {
            let trial = TrialEvaluator(SyntheticNATSEvaluator(), budget: .evaluations(1_000), cache: .charge)
            var rng = Xoshiro256StarStar(seed: seed)
            NASEAFA(version: .v2, variant: .dervisi2022, outerIterations: 3, surrogateModel: .gcn)
                .run(space: NATSTopologySpace(mutation: .bitwise), trial: trial, rng: &rng)
            return trial.records
        }
        #expect(log(6) == log(6))
        #expect(log(6) != log(7))
    }
}
