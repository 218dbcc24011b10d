import Benchmarks
import Foundation
import NASCore
import Testing

/// Issue 16 as a user meets it on the command line: tables are read only from the datasets
/// folder and by plain names, imports never replace a table by accident, hostile tables and
/// a full disk end in one line and exit code 2 or 1, never a signal.
@Suite struct TableConfinementCLITests {
    var datasets: String { ExperimentFixtures.datasets }


    @Test("query, datasets info/verify and serve refuse a table name that leaves the datasets folder")
    func tableNamesOutsideTheDatasetsFolderAreRefused() throws {
        // A real table one level up: a name like ../x must not reach it.
        let parent = (datasets as NSString).deletingLastPathComponent
        let outside = parent + "/outside-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: datasets + "/nats-tss.h5", toPath: outside + ".h5")
        defer { try? FileManager.default.removeItem(atPath: outside + ".h5") }
        let name = "../" + (outside as NSString).lastPathComponent
        for command in [["query", name, "0"], ["datasets", "info", name], ["datasets", "verify", name], ["serve", name], ["front", name, "--objectives", "c10_valid_200ep:max"]] {
            try ExperimentFixtures.expectOneLineError(command + ["--datasets", datasets], mentions: ["not a benchmark name"])
        }
    }

    @Test("a spec whose benchmark.name is a path is refused at its line")
    func specBenchmarkNameMustBeAPlainName() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let spec = folder + "/s.toml"
        try ExperimentFixtures.spec(trials: 1, evaluations: 60).replacingOccurrences(of: "name = \"nats-tss\"", with: "name = \"../../secret/t\"")
            .write(toFile: spec, atomically: true, encoding: .utf8)
        try ExperimentFixtures.expectOneLineError(["run", spec, "--datasets", datasets, "--results", folder + "/results"], mentions: ["benchmark.name", "not a benchmark name"])
        #expect(!FileManager.default.fileExists(atPath: folder + "/results"))
    }

    @Test("datasets import refuses to replace a table unless --replace, and checks --dataset and --space")
    func importNeverReplacesATableByAccident() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let csv = DatasetsImportCLITests.write(DatasetsImportCLITests.runs, to: "runs.csv", in: folder)
        let tables = folder + "/datasets"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: datasets + "/nats-tss.h5", toPath: tables + "/nats-tss.h5")
        let mapping = ["--csv", csv, "--genes", "ks,depth", "--split", "ks=-", "--metric", "top1:max", "--datasets", tables]
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "csv", "--name", "nats-tss"] + mapping, mentions: ["nats-tss.h5 already exists", "--replace"])
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "csv", "--name", "fbnet-help"] + mapping, mentions: ["built-in benchmark", "--replace"])
        #expect(try BenchmarkStore.load(tables + "/nats-tss.h5").rows == 15_625, "the built table is untouched")
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "csv", "--name", "../mine"] + mapping, mentions: ["--name '../mine' is not a plain name"])
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "csv", "--name", "mine", "--dataset", "../x"] + mapping, mentions: ["--dataset '../x'"])
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "csv", "--name", "mine", "--space", "bogus"] + mapping, mentions: ["--space 'bogus'", "tabular"])
        #expect(!FileManager.default.fileExists(atPath: tables + "/mine.h5"))

        let replaced = try ExperimentFixtures.nasreplay(["datasets", "import", "csv", "--name", "nats-tss", "--replace"] + mapping)
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try BenchmarkStore.load(tables + "/nats-tss.h5").rows == 3)
    }

    @Test("an int64 attribute of 2^63 − 1, which the Double round trip trapped on, is read exactly by query, datasets info, verify and list")
    func largestInt64AttributeIsReadExactly() throws {
        let tables = ExperimentFixtures.temporaryFolder()
        var table = try ExperimentFixtures.catalog.load("ofa-mbv3-dynast")
        table.provenance["seed"] = .int(.max)
        table.name = "big-seed"
        try BenchmarkStore.save(table, to: tables + "/big-seed.h5")
        for command in [["query", "big-seed", "0"], ["datasets", "info", "big-seed"], ["datasets", "verify", "big-seed"], ["datasets", "list"]] {
            let r = try ExperimentFixtures.nasreplay(command + ["--datasets", tables])
            #expect(r.status == 0, "\(command): \(r.stderr)")
        }
        let info = try ExperimentFixtures.nasreplay(["datasets", "info", "big-seed", "--datasets", tables])
        #expect(info.stdout.contains("seed: 9223372036854775807"), "\(info.stdout)")
    }

    @Test("a full disk during datasets build is one line and exit 1, not SIGSEGV at exit, and leaves no file")
    func fullDiskIsOneLineAndNoCrashAtExit() throws {
        let tables = ExperimentFixtures.temporaryFolder()
        // A file-size limit stands in for a full disk: with SIGXFSZ ignored, write() fails
        // with EFBIG as it fails with ENOSPC on a full disk.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "trap '' XFSZ; ulimit -f 256; exec \"$0\" datasets build nats-tss --datasets \"$1\" --from \"$2\"",
                       ExperimentFixtures.executable, tables, SharedFolder.path("data", near: #filePath)]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 1, "status \(p.terminationStatus): \(text)")
        #expect(text.split(separator: "\n").count == 1 && text.contains("cannot write the file"), "\(text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tables).isEmpty)
    }
}
