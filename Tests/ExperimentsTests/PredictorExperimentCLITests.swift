import Foundation
import Testing

/// `nasreplay predictors fit-predict`: one prediction per test row, and one-line errors
/// with exit code 2 for every kind of bad input.
@Suite struct PredictorExperimentCLITests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }

    static func file(_ text: String) -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/f.csv"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    static let train = file((0..<12).map { i in "\(i),\(i % 3),\(2 * i + 1)" }.joined(separator: "\n"))

    @Test("ridge, linear, svr, gbt, mlp: one prediction per test row", arguments: ["ridge", "linear", "svr-linear", "gbt", "mlp"])
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
    ])
    func badInput(arguments: [String], message: String) throws {
        let r = try nasreplay(["predictors", "fit-predict"] + arguments)
        #expect(r.status == 2, "status \(r.status): \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }
}
