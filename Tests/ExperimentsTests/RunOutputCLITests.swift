import Foundation
import Testing

/// What `nasreplay run` prints: progress on stderr (every 10 % off a terminal), then a compact
/// table per metric with a key and the paths, not the whole summary.md; `--quiet` keeps
/// only the final line.
@Suite struct RunOutputCLITests {
    func run(_ extra: [String]) throws -> (CLIOutcome, results: String) {
        let spec = ExperimentFixtures.temporaryFolder() + "/paper-targets.toml"
        try PaperTargetCLITests.multiObjectiveSpec.write(toFile: spec, atomically: true, encoding: .utf8)
        let results = ExperimentFixtures.temporaryFolder()
        let r = try ExperimentFixtures.nasreplay(["run", spec, "--datasets", ExperimentFixtures.datasets, "--results", results, "--threads", "1"] + extra)
        try #require(r.status == 0, "\(r.stderr)")
        return (r, results)
    }

    @Test func aRunPrintsCompactTablesWithAKeyAndShowsProgress() throws {
        let (r, results) = try run([])
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "paper-targets: nats-tss, 4 trials per algorithm, budget 60 evaluations", "\(r.stdout)")
        // One table per metric of summary.md (normalised HV, then the incumbent's test accuracy).
        let headers = lines.indices.filter { lines[$0].hasPrefix("algorithm  ") }
        #expect(headers.count == 2, "\(r.stdout)")
        for h in headers {
            #expect(lines[h].split(separator: " ", omittingEmptySubsequences: true) == ["algorithm", "@30", "@60"])
            for row in lines[(h + 1)...(h + 2)] {
                // "label  m ± s  m ± s", each number rounded for reading.
                #expect(row.components(separatedBy: " ± ").count == 3, "\(row)")
                #expect(!row.contains(where: { $0 == "[" || $0 == "|" }), "\(row)")
            }
        }
        #expect(r.stdout.contains("key: mean ± standard deviation over the trials at each checkpoint (evaluations); summary.md adds median [IQR]"))
        #expect(lines.last { !$0.isEmpty }?.hasPrefix("ran 8 trials (0 resumed) in ") == true)
        #expect(r.stdout.contains("\(results)/paper-targets/summary.md"))
        #expect(lines.count < 20, "compact, not summary.md's \(r.stdout.count) characters")
        // Progress off a terminal: a line per 10 % of the 8 trials, the last at 100 %.
        let progress = r.stderr.split(separator: "\n").filter { $0.hasPrefix("paper-targets: ") }
        #expect(progress.last?.hasPrefix("paper-targets: 8/8 trials (100%), ") == true, "\(r.stderr)")
        #expect(progress.allSatisfy { $0.contains(" elapsed, ETA ") })
    }

    @Test func quietKeepsOnlyTheFinalLine() throws {
        let (r, _) = try run(["--quiet"])
        #expect(r.stdout.split(separator: "\n").count == 1 && r.stdout.hasPrefix("ran 8 trials"), "\(r.stdout)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }
}
