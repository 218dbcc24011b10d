import Experiments
import Foundation
import Testing

/// `--json` on the data commands that had none: `datasets list`, `datasets info`, `report`.
/// Each is parsed back and checked against real values (the table's published row count,
/// its metric schema, a run's curves read from runs.h5). docs/JSON.md documents the forms.
@Suite struct JSONOutputCLITests {
    func json(_ arguments: [String]) throws -> Any {
        let r = try ExperimentFixtures.nasreplay(arguments)
        try #require(r.status == 0, "\(arguments): \(r.stderr)")
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    @Test func datasetsListNamesEveryTableWithItsRowsAndStatus() throws {
        let list = try #require(try json(["datasets", "list", "--datasets", ExperimentFixtures.datasets, "--json"]) as? [[String: Any]])
        let nats = try #require(list.first { $0["name"] as? String == "nats-tss" })
        #expect(nats["rows"] as? Int == 15_625 && nats["status"] as? String == "built")
        #expect((nats["file"] as? String)?.hasSuffix("/nats-tss.h5") == true)
        #expect(list.allSatisfy { Set($0.keys) == ["name", "status", "rows", "contents", "file"] })
        #expect(list.allSatisfy { ["built", "not built", "unreadable", "imported"].contains($0["status"] as? String ?? "") })
    }

    @Test func datasetsInfoGivesProvenanceAndEveryMetricsSchema() throws {
        let info = try #require(try json(["datasets", "info", "nats-tss", "--datasets", ExperimentFixtures.datasets, "--json"]) as? [String: Any])
        #expect(info["rows"] as? Int == 15_625 && info["search_space"] as? String == "nats-topology")
        let metrics = try #require(info["metrics"] as? [[String: Any]])
        let valid = try #require(metrics.first { $0["id"] as? String == "c10_valid_200ep" })
        #expect(valid["unit"] as? String == "%" && valid["direction"] as? String == "max" && valid["dataset"] as? String == "cifar10")
        #expect(valid["values_per_row"] as? Int == 1 && valid["series"] is NSNull)
        #expect((info["provenance"] as? [String: Any])?.isEmpty == false)
    }

    @Test("stats test and space nb101 hash print JSON with the reference values (scipy; nasbench)")
    func statsAndSpaceJSON() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        try "1\n2\n3\n4\n".write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
        try "5\n6\n7\n8\n".write(toFile: folder + "/b.txt", atomically: true, encoding: .utf8)
        let test = try #require(try json(["stats", "test", "--test", "mann-whitney", folder + "/a.txt", folder + "/b.txt", "--json"]) as? [String: Any])
        // scipy.stats.mannwhitneyu([1,2,3,4], [5,6,7,8]): U = 0, exact two-sided p = 2/70.
        #expect(test["statistic"] as? Double == 0 && abs((test["p_value"] as? Double ?? 1) - 2.0 / 70) < 1e-15)
        #expect(test["method"] as? String == "exact" && test["n"] as? [Int] == [4, 4])
        let hash = try #require(try json(["space", "nb101", "hash", "--adjacency", "010001000", "--ops", "in,c3,out", "--json"]) as? [String: Any])
        #expect(hash["hash"] as? String == "b49ac8c578b4561d79ac7087988f1c61" && hash["vertices"] as? Int == 3 && hash["edges"] as? Int == 2)
    }

    @Test func reportJSONHoldsTheSummarysNumbersUnrounded() throws {
        let folder = try PaperTargetCLITests.multiObjectiveRun()
        let report = try #require(try json(["report", folder, "--json"]) as? [String: Any])
        #expect(report["trials"] as? Int == 4 && report["checkpoints"] as? [Int] == [30, 60] && report["step_unit"] as? String == "evaluations")
        let metrics = try #require(report["metrics"] as? [[String: Any]])
        #expect(metrics.map { $0["curve"] as? String } == ["normalized_hv", "incumbent_c10_test_200ep"])
        // The normalised HV at 60 evaluations: the mean of the four trials' values in runs.h5.
        let runs = try ResultsStore(folder: folder).readRuns()
        for label in ["random", "nsga2"] {
            let curves = try #require(runs.configuration(label)?.curves.normalizedHypervolume)
            let expected = curves.map { $0[59] }.reduce(0, +) / 4
            let algorithm = try #require((metrics[0]["algorithms"] as? [[String: Any]])?.first { $0["label"] as? String == label })
            let at60 = try #require((algorithm["at"] as? [[String: Any]])?.last)
            #expect(at60["checkpoint"] as? Int == 60 && at60["n"] as? Int == 4)
            #expect(abs((at60["mean"] as? Double ?? .nan) - expected) <= 1e-12, "\(label)")
        }
        // One pair (random, nsga2) per checkpoint, with its Holm p and its sentence.
        let pairs = try #require(metrics[0]["pairwise"] as? [[String: Any]])
        #expect(pairs.map { $0["checkpoint"] as? Int } == [30, 60])
        #expect(pairs.allSatisfy { $0["first"] as? String == "random" && $0["second"] as? String == "nsga2" && $0["p_holm"] is Double && ($0["sentence"] as? String)?.isEmpty == false })
    }
}

/// `report --across`: two runs of one spec with other seeds, ranked against each other.
@Suite struct AcrossReportCLITests {
    @Test func acrossWritesTheSummaryTheDiagramAndThePageAndPrintsJSON() throws {
        let folders = try [11, 12].map { try PaperTargetCLITests.multiObjectiveRun(seed: $0) }
        let out = ExperimentFixtures.temporaryFolder() + "/across"
        let r = try ExperimentFixtures.nasreplay(["report", "--across"] + folders + ["--out", out, "--json"])
        try #require(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["algorithms"] as? [String] == ["random", "nsga2"])
        #expect((json["runs"] as? [[String: Any]])?.count == 2)
        #expect(json["friedman"] is NSNull, "two algorithms: no Friedman test")
        let meanRanks = try #require(json["mean_ranks"] as? [Double])
        #expect(meanRanks.count == 2 && abs(meanRanks.reduce(0, +) - 3) < 1e-12, "ranks 1 and 2 in each run")
        #expect(FileManager.default.fileExists(atPath: out + "/summary.md"))
        #expect(FileManager.default.fileExists(atPath: out + "/figures/critical-difference.svg"))
        let page = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("Across 2 runs"))
        // One folder alone is the ordinary report; two without --across are refused.
        try ExperimentFixtures.expectOneLineError(["report"] + folders, mentions: ["add --across"])
    }
}

/// Running outside the checkout: a missing table's error names `--datasets` and
/// `NASREPLAY_DATASETS`, and a table that exists elsewhere is found through either.
@Suite struct DatasetsLocationCLITests {
    @Test func aMissingTableNamesBothWaysToPointAtTheTablesAndTheVariableIsHonoured() throws {
        let empty = ExperimentFixtures.temporaryFolder()
        try ExperimentFixtures.expectOneLineError(["query", "nats-tss", "0", "--datasets", empty],
                                                  mentions: ["not built yet", "--datasets DIR", "NASREPLAY_DATASETS"])
        let list = try ExperimentFixtures.nasreplay(["datasets", "list", "--datasets", empty])
        #expect(list.status == 0 && list.stdout.hasPrefix("no table found in \(URL(fileURLWithPath: empty).standardizedFileURL.path); if your tables are elsewhere, pass --datasets DIR or set NASREPLAY_DATASETS=DIR"), "\(list.stdout)")
        // The variable alone, from another working folder.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ExperimentFixtures.executable)
        p.arguments = ["query", "nats-tss", "0", "--json"]
        p.currentDirectoryURL = URL(fileURLWithPath: empty)
        var environment = ProcessInfo.processInfo.environment
        environment["NASREPLAY_DATASETS"] = URL(fileURLWithPath: ExperimentFixtures.datasets).standardizedFileURL.path
        p.environment = environment
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let row = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(row["naslib_tuple"] as? String == "4-3-3-0-0-0")
    }
}
