import Foundation
import Testing

/// Errors of the argument parser are one line and exit code 2 like every other bad input;
/// the usage text stays behind `--help`.
@Suite struct ParserErrorLineTests {
    func nasreplay(_ arguments: [String]) throws -> CLIOutcome { try ExperimentFixtures.nasreplay(arguments) }


    @Test("a negative number without '=' is one line that says how to write it")
    func negativeNumberWithoutEqualsIsOneLine() throws {
        try ExperimentFixtures.expectOneLineError(["predictors", "fit-predict", "--model", "ridge", "--train", "t.csv", "--test", "s.csv", "--alpha", "-1"],
                          mentions: ["--alpha", "write --alpha=-1"])
        try ExperimentFixtures.expectOneLineError(["query", "--datasets", ExperimentFixtures.datasets, "nats-tss", "-1"],
                          mentions: ["-1", "put -- before a negative argument, as in -- -1"])
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
