import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

@Suite struct OffTablePolicyTests {
    @Test func policiesParseFromSpecStrings() throws {
        #expect(try OffTablePolicy(parsing: "nearest") == .nearest(.hamming))
        #expect(try OffTablePolicy(parsing: "nearest:l1") == .nearest(.l1))
        #expect(try OffTablePolicy(parsing: "surrogate:knn") == .knn(k: 5, distance: .hamming))
        #expect(try OffTablePolicy(parsing: "surrogate:knn:7") == .knn(k: 7, distance: .hamming))
        #expect(try OffTablePolicy(parsing: "surrogate:knn:3:l1") == .knn(k: 3, distance: .l1))
        #expect(try OffTablePolicy(parsing: "reject") == .reject)
        for text in ["nearest", "surrogate:knn:7", "reject", "nearest:l1"] {
            #expect(try OffTablePolicy(parsing: text).description == text)
        }
    }

    @Test func surrogateModelsParseWhenTheCallerCanFitThem() throws {
        let models = ["ridge", "gbt"]
        #expect(try OffTablePolicy(parsing: "surrogate:ridge", surrogateModels: models) == .surrogate(model: "ridge"))
        #expect(try OffTablePolicy(parsing: "surrogate:gbt", surrogateModels: models).description == "surrogate:gbt")
        #expect(try OffTablePolicy(parsing: "surrogate:knn:3", surrogateModels: models) == .knn(k: 3, distance: .hamming))
        // No models offered: only knn is a surrogate.
        #expect(throws: BenchmarkError.self) { try OffTablePolicy(parsing: "surrogate:ridge") }
        for text in ["surrogate:gp", "surrogate:ridge:2", "surrogate:"] {
            do {
                _ = try OffTablePolicy(parsing: text, surrogateModels: models)
                Issue.record("'\(text)' was accepted")
            } catch {
                #expect(error.subject == "off_table")
                #expect(error.description.contains("ridge") && error.description.contains("gbt"))
                #expect(!error.description.contains("\n"))
            }
        }
    }

    @Test(arguments: ["", "closest", "surrogate", "surrogate:gp", "surrogate:knn:0", "surrogate:knn:x", "reject:1", "nearest:l2"])
    func unknownPoliciesAreErrorsListingTheValidForms(text: String) {
        do {
            _ = try OffTablePolicy(parsing: text)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.description.contains("surrogate:knn"))
            #expect(error.subject == "off_table")
        }
    }
}

@Suite struct SampleTableLocatorTests {
    /// A 6-row table over a 4-gene, 3-option layout, with metric `m` = 10 × row.
    static let layout = GeneLayout([GeneParameter("a", count: 4, options: [0, 1, 2])])
    static let rows: [[Int]] = [[0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 2, 2], [1, 1, 1, 1], [2, 2, 2, 2], [2, 2, 2, 0]]
    static let space = TabularGeneSpace(name: "toy", layout: layout)

    static func table() -> BenchmarkTable {
        var builder = SampleTableBuilder(layout: layout, metrics: [MetricInfo(id: "m", dataset: "toy", unit: "", direction: .max, source: "fixture", sourceColumn: "m", summary: "")], sourceNames: ["fixture"])
        for (r, g) in rows.enumerated() { builder.add(genes: g, config: "\(g)", values: [Double(10 * r)], source: 0) }
        return builder.table(name: "toy", searchSpace: "toy", provenance: [:], description: "fixture")
    }

    static func evaluator(_ policy: String) throws -> TableEvaluator<SampleTableLocator<TabularGeneSpace>> {
        let bench = try SampleTableBenchmark(table: table(), space: space, offTable: OffTablePolicy(parsing: policy))
        return try bench.evaluator(objectives: [Objective(parsing: "m:max")], reported: [])
    }

    @Test func aRowItselfIsAnExactAnswerUnderEveryPolicy() throws {
        for policy in ["nearest", "surrogate:knn", "reject", "nearest:l1"] {
            let e = try Self.evaluator(policy)
            for (r, g) in Self.rows.enumerated() {
                let answer = try #require(e.evaluate(GeneVector(genes: g)))
                #expect(answer.answer == .exact)
                #expect(answer.row == r)
                #expect(answer.objectives == [Double(10 * r)])
            }
        }
    }

    @Test func aOneGeneChangeAnswersNearestAtDistanceOne() throws {
        let e = try Self.evaluator("nearest")
        // [1,1,1,2] differs from row 3 in one gene and from every other row in more.
        let answer = try #require(e.evaluate(GeneVector(genes: [1, 1, 1, 2])))
        #expect(answer.answer == .nearest(distance: 1))
        #expect(answer.row == 3)
        #expect(answer.objectives == [30])
        // Ties go to the lower row: [0,0,1,0] is 1 from row 0 and 2 from row 1.
        #expect(e.locator.locate(GeneVector(genes: [0, 0, 1, 0])) == .nearest(row: 0, distance: 1))
        #expect(e.locator.locate(GeneVector(genes: [0, 0, 0, 2])) == .nearest(row: 0, distance: 1))
    }

    @Test func l1DistanceSumsIndexDifferences() throws {
        let e = try Self.evaluator("nearest:l1")
        // [0,0,1,2]: L1 1 to row 2 ([0,0,2,2]); Hamming would also give 1 to row 2.
        #expect(e.locator.locate(GeneVector(genes: [0, 0, 1, 2])) == .nearest(row: 2, distance: 1))
        // [1,1,1,0]: L1 = 1 to [1,1,1,1]; 3 to [0,0,0,0].
        #expect(e.locator.locate(GeneVector(genes: [1, 1, 1, 0])) == .nearest(row: 3, distance: 1))
    }

    @Test func knnAveragesTheKNearestRowsWithEqualWeights() throws {
        let e = try Self.evaluator("surrogate:knn:3")
        // [0,0,0,2]: distances 1 (row 0), 1 (row 1), 1 (row 2), 3, 3, 3 → rows 0, 1, 2.
        let x = GeneVector(genes: [0, 0, 0, 2])
        #expect(e.locator.locate(x) == .blend(rows: [0, 1, 2], weights: [1, 1, 1], surrogate: "knn:3"))
        let answer = try #require(e.evaluate(x))
        #expect(answer.answer == .surrogate(name: "knn:3"))
        #expect(answer.row == nil)
        #expect(answer.objectives == [10])   // (0 + 10 + 20) / 3
        // k larger than the table uses every row.
        let all = try Self.evaluator("surrogate:knn:50")
        #expect(try #require(all.evaluate(x)).objectives == [25])
    }

    /// A stand-in model: the mean target plus the first feature, enough to see what the
    /// evaluator does with a fitted surrogate.
    static let meanModel = OffTableModelFitter(model: "mean") { _, targets in
        let mean = targets.reduce(0, +) / Double(targets.count)
        return { features in mean + features[0] }
    }

    @Test func aSurrogateModelAnswersOffTableAndTheTableAnswersItsRows() throws {
        let bench = try SampleTableBenchmark(table: Self.table(), space: Self.space, offTable: .surrogate(model: "mean"),
                                             surrogate: Self.meanModel, metrics: ["m"])
        let e = try bench.evaluator(objectives: [Objective(parsing: "m:max")], reported: ["m"])
        let own = try #require(e.evaluate(GeneVector(genes: Self.rows[3])))
        #expect(own.answer == .exact)
        #expect(own.objectives == [30])
        // [1,1,1,2] is off-table; its first one-hot feature (gene 0 is option 0) is 0.
        let x = GeneVector(genes: [1, 1, 1, 2])
        #expect(e.locator.locate(x) == .predicted(features: Self.space.features(of: x), surrogate: "mean"))
        let answer = try #require(e.evaluate(x))
        #expect(answer.answer == .surrogate(name: "mean"))
        #expect(!answer.isExact)
        #expect(answer.row == nil)
        #expect(answer.objectives == [25])    // mean of 0, 10, …, 50
        #expect(answer.reported == [25])
    }

    @Test func aSurrogatePolicyNeedsItsFitterAndOnlyAnswersFittedMetrics() throws {
        #expect(throws: BenchmarkError.self) {
            try SampleTableBenchmark(table: Self.table(), space: Self.space, offTable: .surrogate(model: "ridge"))
        }
        #expect(throws: BenchmarkError.self) {
            try SampleTableBenchmark(table: Self.table(), space: Self.space, offTable: .surrogate(model: "ridge"),
                                     surrogate: Self.meanModel, metrics: ["m"])
        }
        let bench = try SampleTableBenchmark(table: Self.table(), space: Self.space, offTable: .surrogate(model: "mean"),
                                             surrogate: Self.meanModel, metrics: [])
        #expect(throws: BenchmarkError.self) { try bench.evaluator(objectives: [Objective(parsing: "m:max")], reported: []) }
    }

    @Test func rejectGivesNoAnswer() throws {
        let e = try Self.evaluator("reject")
        #expect(e.evaluate(GeneVector(genes: [1, 1, 1, 2])) == nil)
    }

    @Test func packedAndUnpackedScansAgreeOnTheRealTable() throws {
        // OFA genes fit a byte, so Hamming uses the packed scan; compare it with a plain scan.
        let table = SampleTableFixtures.helpOFA
        let space = OFAMobileNetV3Space(resolutions: OFAMobileNetV3Space.helpResolutions)
        let bench = try SampleTableBenchmark(table: table, space: space, offTable: .knn(k: 5, distance: .hamming))
        var rng = Xoshiro256StarStar(seed: 11)
        for _ in 0..<20 {
            let x = space.sample(using: &rng)
            let fast = bench.locator.nearest(x.genes, k: 5, distance: .hamming)
            let plain = bench.rowGenes.enumerated()
                .map { (row: $0.offset, distance: zip($0.element, x.genes).filter { $0 != $1 }.count) }
                .sorted { ($0.distance, $0.row) < ($1.distance, $1.row) }.prefix(5)
            #expect(fast.map(\.row) == plain.map(\.row))
            #expect(fast.map(\.distance) == plain.map(\.distance))
        }
    }
}
