import Foundation
import Testing

/// `nasreplay predictors fit-predict`: one prediction per test row, and one-line errors
/// with exit code 2 for every kind of bad input.
@Suite struct PredictorExperimentCLITests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }

    static func file(_ text: String) -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/f.csv"
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static let train = file((0..<12).map { i in "\(i),\(i % 3),\(2 * i + 1)" }.joined(separator: "\n"))

    @Test("ridge, linear, svr, linear-svr, gbt, mlp: one prediction per test row",
          arguments: ["ridge", "linear", "svr-linear", "linear-svr", "gbt", "mlp"])
    func predictsOneValuePerRow(model: String) throws {
        let test = Self.file("1,1\n5,2\n")
        let r = try nasreplay(["predictors", "fit-predict", "--model", model, "--train", Self.train, "--test", test])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").compactMap { Double($0) }.count == 2)
    }

    @Test func linearRecoversAnExactLine() throws {
        let r = try nasreplay(["predictors", "fit-predict", "--model", "linear", "--train", Self.train,
                               "--test", Self.file("20,0,999\n"), "--json"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("\"predictions\": [41."))
    }

    @Test("Bad input: one line, exit 2", arguments: [
        (["--model", "dynast", "--train", file("1,2\n2,3\n3,4\n"), "--test", file("1\n")], "cannot split 3 samples into 5 folds"),
        (["--model", "ridge", "--train", file("1,2\n2,nan\n"), "--test", file("1\n")], "target is nan"),
        (["--model", "ridge", "--train", file("1,2\n2,3\n"), "--test", file("1,2,3,4\n")], "training file has 1 features"),
        (["--model", "ridge", "--train", file("1,2\n2,b\n"), "--test", file("1\n")], "column 2 is 'b', not a number"),
        (["--model", "ridge", "--train", file("1,2\n2,3,4\n"), "--test", file("1\n")], "3 columns, but line 1 has 2"),
        (["--model", "lasso", "--train", file("1,2\n"), "--test", file("1\n")], "unknown model 'lasso'"),
        (["--model", "mlp", "--C", "2", "--train", file("1,2\n"), "--test", file("1\n")], "model 'mlp' takes no 'C'"),
        (["--model", "gcn", "--train", file("1,2\n2,3\n"), "--test", file("1\n")], "GCN rows must be packed graphs"),
        (["--model", "linear-svr", "--loss", "hinge", "--train", file("1,2\n"), "--test", file("1\n")], "--loss: 'hinge' is not one of"),
        (["--model", "linear-svr", "--tol", "0", "--train", file("1,2\n"), "--test", file("1\n")], "tol must be > 0"),
        (["--model", "svr-linear", "--max-iter", "5", "--train", file("1,2\n"), "--test", file("1\n")], "model 'svr-linear' takes no 'max-iter'"),
    ])
    func badInput(arguments: [String], message: String) throws {
        let r = try nasreplay(["predictors", "fit-predict"] + arguments)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func linearSVROptionsReachTheModel() throws {
        // An exact line y = 2x + 1 with a huge C: the ε-insensitive fit is (almost) exact.
        let r = try nasreplay(["predictors", "fit-predict", "--model", "linear-svr", "--C", "1000", "--epsilon", "0",
                               "--tol", "1e-8", "--max-iter", "100000", "--loss", "squared_epsilon_insensitive",
                               "--train", Self.file((0..<10).map { "\($0),\(2 * $0 + 1)" }.joined(separator: "\n")),
                               "--test", Self.file("20\n")])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try #require(Double(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(abs(p - 41) < 0.05, "\(p)")
    }

    // MARK: predictors evaluate

    static func evaluateSpec(_ body: String) -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/p.toml"
        _ = FileManager.default.createFile(atPath: path, contents: Data("name = \"bad\"\nseed = 1\ntrials = 1\n\(body)".utf8))
        return path
    }

    @Test("predictors evaluate: bad input is one line, exit 2, before any fit", arguments: [
        // A training subset smaller than dynast's 5 folds.
        ("test_size = 100\nsizes = [3, 200]\nmodels = [\"dynast\"]\n[benchmark]\nname = \"nats-tss\"\ntarget = \"c10_valid_200ep\"\n",
         "fewer than model 'dynast''s 5 cross-validation folds"),
        ("test_size = 100\nsizes = [4]\n[[model]]\ntype = \"stacked\"\nfolds = 6\n[benchmark]\nname = \"nats-tss\"\ntarget = \"c10_valid_200ep\"\n",
         "fewer than model 'stacked''s 6 cross-validation folds"),
        // naswt_v1_score_c10 is NaN for 341 of 15,625 cells: those rows are left out, and a
        // protocol that needs more than the 15,284 finite ones is refused.
        ("test_size = 15000\nsizes = [285]\nmodels = [\"ridge\"]\n[benchmark]\nname = \"nats-tss\"\ntarget = \"naswt_v1_score_c10\"\n",
         "naswt_v1_score_c10 has only 15284 finite rows"),
        ("sizes = [100]\nmodels = [\"ridge\"]\n[benchmark]\nname = \"no-such-table\"\ntarget = \"x\"\n", "no-such-table"),
        ("sizes = [100]\nmodels = [\"ridge\"]\n[benchmark]\nname = \"nats-tss\"\ntarget = \"no_such_metric\"\n", "no_such_metric"),
    ])
    func evaluateBadInput(body: String, message: String) throws {
        let r = try nasreplay(["predictors", "evaluate", Self.evaluateSpec(body), "--datasets", ExperimentFixtures.datasets,
                               "--results", ExperimentFixtures.temporaryFolder(), "--quiet"])
        #expect(r.status == 2, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
