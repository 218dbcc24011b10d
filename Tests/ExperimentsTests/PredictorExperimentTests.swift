import Benchmarks
import Foundation
import HDF5Kit
import Predictors
import Testing
@testable import Experiments

/// Predictor-evaluation specs, the LINAS paper protocol runner, its results files, CSV
/// input for `predictors fit-predict`, and the CLI's one-line errors (exit 2).
@Suite struct PredictorExperimentTests {
    static func spec(trials: Int = 2, sizes: String = "[100, 200]", testSize: Int = 100, extra: String = "") -> String {
        """
        name = "predictor-test"
        trials = \(trials)
        seed = 5
        test_size = \(testSize)
        sizes = \(sizes)
        models = ["ridge"]

        [benchmark]
        name = "nats-tss"
        target = "c10_valid_200ep"

        [[model]]
        name = "mlp-small"
        type = "mlp"
        hidden = [8]
        epochs = 3
        \(extra)
        """
    }

    @Test func specReadsModelsSizesAndDefaults() throws {
        let spec = try PredictorExperimentSpec.parse(Self.spec(), file: "p.toml")
        #expect(spec.models.map(\.name) == ["ridge", "mlp-small"])
        #expect(spec.models[1].parameters.hidden == [8] && spec.models[1].parameters.epochs == 3)
        #expect(spec.sizes == [100, 200] && spec.testSize == 100 && spec.trials == 2)
        let defaults = try PredictorExperimentSpec.parse("name = \"d\"\nseed = 1\nmodels = [\"gcn\"]\n[benchmark]\nname = \"nats-tss\"\ntarget = \"c10_valid_200ep\"\n", file: "d.toml")
        #expect(defaults.sizes == Array(stride(from: 100, through: 1000, by: 100)))
        #expect(defaults.testSize == 500 && defaults.trials == 100)
        #expect(defaults.models[0].input == .graph)
        // dynast's named inexact variant, in a [[model]] table.
        let warm = try PredictorExperimentSpec.parse(Self.spec(extra: "") + "\n[[model]]\nname = \"dynast-warm-c\"\ntype = \"dynast\"\nwarm_start_c = true\n",
                                                     file: "w.toml")
        #expect(warm.models.last?.parameters.warmStartC == true)
        #expect((try warm.models.last?.makeRegressor() as? DynastPredictor)?.configuration.warmStartsAcrossC == true)
    }

    @Test("Bad specs fail with the line", arguments: [
        ("typo = 3", "p.toml:17: [[model]]: unknown key 'typo'"),
        ("C = 3.0", "model 'mlp' takes no 'C'"),
        ("epochs2 = 1", "unknown key 'epochs2'"),
        ("warm_start_c = true", "model 'mlp' takes no 'warm-start-c'"),
    ])
    func badModelKeys(extra: String, message: String) {
        #expect { try PredictorExperimentSpec.parse(Self.spec(extra: extra), file: "p.toml") } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("linear-svr takes scikit-learn's tol, max_iter and loss in [[model]]")
    func linearSVRKeys() throws {
        let extra = "[[model]]\nname = \"lsvr\"\ntype = \"linear-svr\"\nloss = \"squared_epsilon_insensitive\"\ntol = 1e-6\nmax_iter = 5000\nC = 0.5"
        let spec = try PredictorExperimentSpec.parse(Self.spec(extra: extra), file: "p.toml")
        let p = try #require(spec.models.last?.parameters)
        #expect(p.loss == .squaredEpsilonInsensitive && p.tol == 1e-6 && p.maxIter == 5000 && p.c == 0.5)
        let svr = try #require(try spec.models.last?.makeRegressor(seed: 3) as? LinearSVR)
        #expect(svr.loss == .squaredEpsilonInsensitive && svr.maxIterations == 5000 && svr.randomState == 3)
        #expect(throws: SpecError.self) {
            try PredictorExperimentSpec.parse(Self.spec(extra: extra.replacingOccurrences(of: "squared_epsilon_insensitive", with: "hinge")), file: "p.toml")
        }
    }

    @Test func badSizesAndModels() {
        #expect(throws: SpecError.self) { try PredictorExperimentSpec.parse(Self.spec(sizes: "[200, 100]"), file: "p.toml") }
        #expect(throws: SpecError.self) { try PredictorExperimentSpec.parse(Self.spec().replacingOccurrences(of: "[\"ridge\"]", with: "[\"lasso\"]"), file: "p.toml") }
        // Any table name parses; one the catalogue lacks fails when the experiment loads it.
        let elsewhere = try? PredictorExperimentSpec.parse(Self.spec().replacingOccurrences(of: "nats-tss", with: "no-such-table"), file: "p.toml")
        #expect(elsewhere?.benchmark == "no-such-table")
        if let elsewhere {
            #expect(throws: (any Error).self) { try PredictorExperiment(spec: elsewhere, catalog: ExperimentFixtures.catalog) }
        }
    }

    @Test("Trials are deterministic and independent of the thread count; files are written")
    func runIsDeterministicAndWritesResults() throws {
        let spec = try PredictorExperimentSpec.parse(Self.spec(), file: "p.toml")
        let experiment = try PredictorExperiment(spec: spec, catalog: ExperimentFixtures.catalog)
        let one = try experiment.run(threads: 1), two = try experiment.run(threads: 2)
        let strip: ([[PredictorExperimentResult.Score]]) -> [[Double]] = { $0.map { $0.flatMap { [$0.mape, $0.rmse, $0.kendallTau, $0.spearmanRho] } } }
        #expect(strip(one.scores) == strip(two.scores))
        #expect(one.trialSeeds == two.trialSeeds && one.trialSeeds[0] != one.trialSeeds[1])
        // Ridge on NATS one-hot features ranks far better than chance already at 100 rows.
        #expect(one.scores(model: 0, size: 1).allSatisfy { $0.kendallTau > 0.3 })
        let root = ExperimentFixtures.temporaryFolder()
        let store = ResultsStore(root: root, experiment: spec.name)
        try one.write(to: store)
        let file = try PredictorRunsFile.read(store.runsFile)
        #expect(file == one.runsFile)
        let tau = try #require(file.models.first { $0.label == "mlp-small" }?.scores.kendallTau)
        #expect(tau.count == 2 && tau.allSatisfy { $0.count == 2 })
        #expect(file.provenance.target == "c10_valid_200ep")
        let summary = try String(contentsOfFile: store.summaryFile, encoding: .utf8)
        #expect(summary.contains("## Kendall τ") && summary.contains("| mlp-small |"))
    }

    @Test("A companion spec with splits_from scores its models on the rows of the spec it names")
    func companionSpecSharesTheRows() throws {
        let main = try PredictorExperimentSpec.parse(Self.spec(), file: "p.toml")
        let companionText = Self.spec()
            .replacingOccurrences(of: "name = \"predictor-test\"", with: "name = \"predictor-test-others\"\nsplits_from = \"predictor-test\"")
            .replacingOccurrences(of: "models = [\"ridge\"]", with: "models = [\"ridge\", \"svr-rbf\"]")
        let companion = try PredictorExperimentSpec.parse(companionText, file: "c.toml")
        #expect(companion.splitStream == "predictor-test" && main.splitStream == "predictor-test")
        let a = try PredictorExperiment(spec: main, catalog: ExperimentFixtures.catalog).run(threads: 2)
        let b = try PredictorExperiment(spec: companion, catalog: ExperimentFixtures.catalog).run(threads: 2)
        #expect(a.trialSeeds == b.trialSeeds)
        // ridge is model 0 in both: the same rows give the same scores, bit for bit.
        for size in 0..<2 {
            #expect(a.scores(model: 0, size: size).map(\.mape) == b.scores(model: 0, size: size).map(\.mape))
            #expect(a.scores(model: 0, size: size).map(\.kendallTau) == b.scores(model: 0, size: size).map(\.kendallTau))
        }
        #expect(b.summary().contains("those of spec `predictor-test` (`splits_from`)"))
        // Without it, another name draws other rows.
        let renamed = try PredictorExperimentSpec.parse(Self.spec().replacingOccurrences(of: "name = \"predictor-test\"", with: "name = \"renamed\""), file: "r.toml")
        #expect(try PredictorExperiment(spec: renamed, catalog: ExperimentFixtures.catalog).trialSeed(0) != a.trialSeeds[0])
        #expect { try PredictorExperimentSpec.parse(Self.spec(extra: "").replacingOccurrences(of: "seed = 5", with: "seed = 5\nsplits_from = \"../up\""), file: "p.toml") } throws: { error in
            "\(error)".contains("p.toml:4: splits_from")
        }
    }

    @Test("The nested subsets: the test set is fixed per trial and disjoint from training")
    func testSetTooLargeIsAnError() throws {
        let spec = try PredictorExperimentSpec.parse(Self.spec(sizes: "[15000]", testSize: 1000), file: "p.toml")
        #expect(throws: RunError.self) { try PredictorExperiment(spec: spec, catalog: ExperimentFixtures.catalog) }
    }

    // MARK: CSV input

    static func write(_ text: String) -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/data.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test func csvReadsHeaderTargetsAndOptionalTestTarget() throws {
        let train = try RegressionCSV.read(Self.write("a,b,y\n1,2,3\n4,5,6\n\n# note\n7,8,9\n"))
        #expect(train.x.rows == 3 && train.x.columns == 2 && train.y == [3, 6, 9])
        #expect(try RegressionCSV.readFeatures(Self.write("1,2,3\n"), featureCount: 2).values == [1, 2])
        #expect(try RegressionCSV.readFeatures(Self.write("1,2\n"), featureCount: 2).values == [1, 2])
    }

    @Test("CSV errors name the file and line", arguments: [
        ("1,2,3\n4,5\n", ":2: 2 columns, but line 1 has 3"),
        ("1,2,3\n4,x,6\n", ":2: column 2 is 'x', not a number"),
        ("1,2,nan\n", ":1: target is nan"),
        ("1\n2\n", "at least one feature column"),
    ])
    func csvErrors(text: String, message: String) {
        #expect { try RegressionCSV.read(Self.write(text)) } throws: { "\($0)".contains(message) }
    }

    @Test func csvTestWidthMismatch() {
        #expect { try RegressionCSV.readFeatures(Self.write("1,2,3,4\n"), featureCount: 2) } throws: {
            "\($0)".contains("4 columns, but the training file has 2 features")
        }
    }
}
