import Foundation
import Testing

/// Errors of the argument parser are one line and exit code 2 like every other bad input;
/// the usage text stays behind `--help`.
@Suite struct ParserErrorLineTests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }


    @Test("a negative number without '=' is one line that says how to write it")
    func negativeNumberWithoutEqualsIsOneLine() throws {
        try ExperimentFixtures.expectOneLineError(["run", "spec.toml", "--threads", "-1"],
                          mentions: ["--threads", "write --threads=-1"])
        try ExperimentFixtures.expectOneLineError(["query", "--datasets", ExperimentFixtures.datasets, "nats-tss", "-1"],
                          mentions: ["-1", "put -- before a negative argument, as in -- -1"])
    }

    @Test("numeric options and lists take negative values as typed: --ref -19.1,0.13, --base-score -0.5")
    func negativeNumericValuesAreTakenAsTyped() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        try "-20,0.1\n-19.5,0.05\n".write(toFile: folder + "/p.csv", atomically: true, encoding: .utf8)
        let hv = try nasreplay(["indicators", "hv", "--ref", "-19.1,0.13", folder + "/p.csv"])
        #expect(hv.status == 0, "\(hv.stderr)")
        // Dominated region of (-20, 0.1) and (-19.5, 0.05) below (-19.1, 0.13):
        // 0.9 × 0.03 + 0.4 × 0.05 = 0.047.
        #expect(abs((Double(hv.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) - 0.047) < 1e-12, "\(hv.stdout)")
        try "a,b,y\n0,1,1\n1,0,2\n1,1,3\n0,0,0.5\n".write(toFile: folder + "/t.csv", atomically: true, encoding: .utf8)
        try "a,b\n1,1\n".write(toFile: folder + "/s.csv", atomically: true, encoding: .utf8)
        let gbt = try nasreplay(["predictors", "fit-predict", "--model", "gbt", "--train", folder + "/t.csv", "--test", folder + "/s.csv",
                                 "--base-score", "-0.5", "--n-estimators", "1"])
        #expect(gbt.status == 0, "\(gbt.stderr)")
        // A value out of range is now that parameter's own error, not a parser hint.
        try ExperimentFixtures.expectOneLineError(["predictors", "fit-predict", "--model", "ridge", "--train", folder + "/t.csv", "--test", folder + "/s.csv", "--alpha", "-1"],
                          mentions: ["alpha must be ≥ 0, got -1"])
    }

    @Test("other parser errors (unknown option, missing argument) are one line too")
    func parserErrorsAreOneLine() throws {
        try ExperimentFixtures.expectOneLineError(["query", "nats-tss", "0", "--bogus"], mentions: ["Unknown option '--bogus'"])
        try ExperimentFixtures.expectOneLineError(["stats", "test", "a.txt"], mentions: ["--test"])
    }

    @Test("--help still prints the whole usage, with exit code 0")
    func helpIsUnchanged() throws {
        let r = try nasreplay(["query", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE:") || r.stdout.contains("Usage:"))
    }
}
