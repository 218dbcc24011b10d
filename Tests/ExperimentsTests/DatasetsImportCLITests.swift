import Benchmarks
import Foundation
import NASCore
import Testing

/// `nasreplay datasets import …` as a user runs it: the imported table answers `datasets
/// info` and `datasets verify`, and a bad mapping is one line and exit code 2.
@Suite struct DatasetsImportCLITests {
    static func write(_ text: String, to name: String, in folder: String) -> String {
        let path = folder + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// A researcher's own table (made-up numbers: the test is about the mapping, not values).
    static let runs = """
        ks,depth,top1,latency
        3-5-7,2,75.1,12.5
        5-5-7,3,76.2,14.0
        3-5-7,2,75.3,12.7
        7-7-7,4,77.9,20.1
        """

    @Test func genericCSVImportThenInfoListsItsMetricsAndVerifyPasses() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let csv = Self.write(Self.runs, to: "runs.csv", in: folder)
        let datasets = folder + "/datasets"
        let imported = try ExperimentFixtures.nasreplay([
            "datasets", "import", "csv", "--datasets", datasets, "--csv", csv, "--name", "my-ofa",
            "--genes", "ks,depth", "--split", "ks=-", "--options", "depth=4,3,2",
            "--metric", "top1:acc_top1:%:max", "--metric", "latency:lat_ms_phone:ms:min", "--dataset", "imagenet"])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("3 rows (4 lines), 2 gene columns, 2 metrics"))
        let info = try ExperimentFixtures.nasreplay(["datasets", "info", "--datasets", datasets, "my-ofa"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("my-ofa: 3 rows, search space tabular"))
        let lines = info.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines.contains { $0.starts(with: ["acc_top1", "imagenet", "1", "%", "max"]) })
        #expect(lines.contains { $0.starts(with: ["lat_ms_phone", "imagenet", "1", "ms", "min"]) })
        let table = try BenchmarkStore.load(datasets + "/my-ofa.h5")
        #expect(try table.metric("acc_top1").values.first == 75.2, "the two 3-5-7/2 lines are merged, their top-1 averaged")
        let verify = try ExperimentFixtures.nasreplay(["datasets", "verify", "--datasets", datasets, "--from", folder, "my-ofa"])
        #expect(verify.status == 0 && verify.stdout.contains("(matches)") && verify.stdout.contains("source runs.csv: sha256 matches"), "\(verify.stdout)\(verify.stderr)")
    }

    @Test func importHelpExplainsEachKindAndTheMappingFlags() throws {
        let group = try ExperimentFixtures.nasreplay(["datasets", "import", "--help"])
        #expect(group.status == 0 && group.stdout.contains("nb101") && group.stdout.contains("nats-official") && group.stdout.contains("csv"))
        let csv = try ExperimentFixtures.nasreplay(["datasets", "import", "csv", "--help"])
        #expect(csv.status == 0)
        for flag in ["--csv <csv>", "--name <name>", "--genes <COLS>", "--metric <SPEC>", "COLUMN[:ID[:UNIT]]:max|min", "--split <COLUMN=SEP>", "--options <COLUMN=VALUES>", "--space <space>"] {
            #expect(csv.stdout.contains(flag), "\(flag)")
        }
    }

    @Test(arguments: [
        (["--metric", "top1:best"], "--metric 'top1:best': the last part 'best' must be max or min"),
        (["--metric", "top1:max", "--split", "kernel=-"], "--split 'kernel=-': 'kernel' is not one of --genes ks,depth"),
        (["--metric", "top1:max", "--options", "depth=2,two"], "--options 'depth=2,two': 'two' is not a number"),
        (["--metric", "top1:max", "--name", "../escape"], "--name '../escape'"),
        (["--metric", "accuracy:max"], "missing column 'accuracy'"),
    ])
    func badMappingIsOneLineExitTwoAndWritesNothing(extra: [String], expected: String) throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let csv = Self.write(Self.runs, to: "runs.csv", in: folder)
        let datasets = folder + "/datasets"
        var arguments = ["datasets", "import", "csv", "--datasets", datasets, "--csv", csv, "--genes", "ks,depth", "--split", "ks=-"]
        if !extra.contains("--name") { arguments += ["--name", "t"] }
        let outcome = try ExperimentFixtures.nasreplay(arguments + extra)
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains(expected), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: datasets + "/t.h5"))
    }

    /// FORMAT FIXTURE for `import nats-official`: the exporter's header and one schedule of
    /// one real architecture (official index 1462 and its arch string, from the nats-tss
    /// table); the last epoch's valid/test accuracies are that table's real 12-epoch numbers,
    /// the rest derived from them. We do not have the official files.
    @Test func natsOfficialImportThenInfoShowsEpochCurvesAndCosts() throws {
        let tss = try ExperimentFixtures.catalog.load("nats-tss")
        guard case .strings(let arches)? = tss.archs["arch_str"]?.values else { Issue.record("no arch_str"); return }
        let valid = try tss.metric("cifar10_val_12ep").values[1462], test = try tss.metric("cifar10_test_12ep").values[1462]
        var text = "space,index,arch,dataset,hp,epoch,train_loss,train_acc,train_time_s,valid_loss,valid_acc,valid_time_s,test_loss,test_acc,test_time_s\n"
        for e in 0..<12 {
            let behind = Float(11 - e)
            text += "tss,1462,\(arches[1462]),cifar10-valid,12,\(e),1.5,60,10.0,1.6,\(valid - behind),1.0,1.7,\(test - behind),1.25\n"
        }
        let folder = ExperimentFixtures.temporaryFolder()
        let csv = Self.write(text, to: "nats_tss_official.csv", in: folder)
        let datasets = folder + "/datasets"
        let imported = try ExperimentFixtures.nasreplay(["datasets", "import", "nats-official", "--datasets", datasets, "--csv", csv])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported \(datasets)/nats-tss-official.h5: 1 architectures (tss), 12 lines"))
        let info = try ExperimentFixtures.nasreplay(["datasets", "info", "--datasets", datasets, "nats-tss-official"])
        #expect(info.status == 0, "\(info.stderr)")
        let lines = info.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines.contains { $0.starts(with: ["cifar10-valid_valid_acc@12ep", "cifar10-valid", "12", "epochs", "%", "max"]) })
        #expect(lines.contains { $0.starts(with: ["cifar10-valid_train_seconds@12ep", "cifar10-valid", "12", "epochs", "s", "min"]) })
        #expect(info.stdout.contains("cost_metric: cifar10-valid_train_seconds@12ep"))
        let table = try BenchmarkStore.load(datasets + "/nats-tss-official.h5")
        #expect(try table.metric("cifar10-valid_valid_acc@12ep").values == [valid])
        #expect(try table.costOrMetric("cifar10-valid_train_seconds@12ep").values == [120])
        let bad = Self.write(text.replacingOccurrences(of: "tss,1462", with: "nas101,1462"), to: "bad.csv", in: folder)
        let error = try ExperimentFixtures.nasreplay(["datasets", "import", "nats-official", "--datasets", datasets, "--csv", bad, "--name", "bad"])
        #expect(error.status == 2 && error.stderr.contains("\(bad):2: field 'space' is 'nas101'; expected tss or sss"), "\(error.stderr)")
    }

    /// A table over `NASREPLAY_WHOLE_LOAD_MB` is loaded without its curves (0 makes every
    /// table such a table): `query` reads the row's values from the file and `verify`
    /// digests the curves from the file in chunks, through the reading process, and both
    /// say what they say of the table loaded whole.
    @Test func aLargeTableIsQueriedAndVerifiedFromTheFile() throws {
        let datasets = ExperimentFixtures.temporaryFolder() + "/datasets"
        let dir = SharedFolder.path("data/nats-official/tss", near: #filePath)
        let imported = try ExperimentFixtures.nasreplay(["datasets", "import", "nats-official", "--datasets", datasets, "--dir", dir])
        #expect(imported.status == 0, "\(imported.stderr)")
        let large = ["NASREPLAY_WHOLE_LOAD_MB": "0"]
        for command in [["query", "nats-tss-official", "284"], ["query", "nats-tss-official", "11", "--hp", "200", "--epoch", "199"],
                        ["query", "nats-tss-official", "0", "--hp", "12", "--epoch", "0", "--json"],
                        ["datasets", "verify", "nats-tss-official"], ["datasets", "info", "nats-tss-official"]] {
            let whole = try ExperimentFixtures.nasreplay(command + ["--datasets", datasets])
            let fromFile = try ExperimentFixtures.nasreplay(command + ["--datasets", datasets], environment: large)
            #expect(whole.status == 0 && fromFile.status == 0, "\(command): \(whole.stderr) \(fromFile.stderr)")
            // The columns a load leaves out come after the others: the same lines, in another order.
            #expect(Set(whole.stdout.split(separator: "\n")) == Set(fromFile.stdout.split(separator: "\n")), "\(command)")
            if command.contains("--json") {
                let fields = { (text: String) in Set(text.dropFirst().dropLast(2).components(separatedBy: ", ")) }
                #expect(fields(whole.stdout) == fields(fromFile.stdout) && fromFile.stdout.contains("_seed111"), "\(fromFile.stdout)")
            }
        }
        // What the official API refuses (the oracle's `errors`), `query` refuses in one line,
        // whether the table is loaded whole or not.
        for environment in [[:], large] {
            for (arguments, mention) in [(["0", "--hp", "90", "--epoch", "0"], "--hp 90: nats-tss-official has schedules of 12, 200 epochs"),
                                         (["0", "--hp", "12", "--epoch", "12"], "--epoch 12: the 12-epoch schedule has epochs 0…11"),
                                         (["1"], "1"), (["not-an-arch"], "not-an-arch"), (["15625"], "15625")] {
                try ExperimentFixtures.expectOneLineError(["query", "nats-tss-official"] + arguments + ["--datasets", datasets],
                                                          environment: environment, mentions: [mention])
            }
        }
        let verified = try ExperimentFixtures.nasreplay(["datasets", "verify", "nats-tss-official", "--datasets", datasets], environment: large)
        #expect(verified.stdout.contains("content sha256:") && verified.stdout.contains("(matches)"), "\(verified.stdout)")
        try ExperimentFixtures.expectOneLineError(["datasets", "info", "nats-tss-official", "--datasets", datasets],
                                                  environment: ["NASREPLAY_WHOLE_LOAD_MB": "lots"], mentions: ["NASREPLAY_WHOLE_LOAD_MB is 'lots'"])
    }

    /// `--dir` on the real official fixture folders (3 cells per space): the native import,
    /// `datasets info` saying how many cells, and the one-line refusals of the command line.
    @Test func natsOfficialFoldersImportNativelyAndInfoCountsTheCells() throws {
        let datasets = ExperimentFixtures.temporaryFolder() + "/datasets"
        for (space, name, total) in [("tss", "nats-tss-official", 15625), ("sss", "nats-sss", 32768)] {
            let dir = SharedFolder.path("data/nats-official/\(space)", near: #filePath)
            let imported = try ExperimentFixtures.nasreplay(["datasets", "import", "nats-official", "--datasets", datasets, "--dir", dir])
            #expect(imported.status == 0, "\(imported.stderr)")
            #expect(imported.stdout.contains("imported \(datasets)/\(name).h5: 3 cells (\(space), 3 of the space's \(total))"), "\(imported.stdout)")
            let info = try ExperimentFixtures.nasreplay(["datasets", "info", "--datasets", datasets, name])
            #expect(info.status == 0 && info.stdout.contains("cells: 3 of the space's \(total)"), "\(info.stdout.prefix(400))")
            let again = try ExperimentFixtures.nasreplay(["datasets", "import", "nats-official", "--datasets", datasets, "--dir", dir])
            #expect(again.status == 2 && again.stderr.contains("--replace"), "an existing table is replaced only with --replace: \(again.stderr)")
        }
        // One epoch of one schedule, by channels and by official index: the table's own value.
        let table = try BenchmarkStore.load(datasets + "/nats-sss.h5")
        let curve = try #require(try table.metric("cifar10-valid_valid_acc@12ep").series)
        for arch in ["8:8:40:32:40", "284"] {
            let query = try ExperimentFixtures.nasreplay(["query", "--datasets", datasets, "nats-sss", arch, "--hp", "12", "--epoch", "3", "--json"])
            #expect(query.status == 0, "\(query.stderr)")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(query.stdout.utf8)) as? [String: Any])
            #expect(json["index"] as? Int == 284 && json["epoch"] as? Int == 3)
            let metrics = try #require(json["metrics"] as? [String: Double])
            #expect(metrics["cifar10-valid_valid_acc@12ep"].map(Float.init) == curve.values[2 * 12 + 3], "\(metrics)")
        }
        try ExperimentFixtures.expectOneLineError(["query", "--datasets", datasets, "nats-sss", "284", "--hp", "13", "--epoch", "0"],
                                                  mentions: ["schedules of 1, 12, 90 epochs"])
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "nats-official", "--datasets", datasets, "--dir", "x", "--csv", "y"],
                                                  mentions: ["exactly one of --dir"])
        let empty = ExperimentFixtures.temporaryFolder()
        try ExperimentFixtures.expectOneLineError(["datasets", "import", "nats-official", "--datasets", datasets, "--dir", empty],
                                                  mentions: ["meta.pickle.pbz2", "not found"])
    }

    /// A one-cell `nasbench_only108.tfrecord` in the upstream format: the real first row of
    /// NB101's hash order (`nb101_first20k_by_hash.csv.gz`: graph, hash, 108-epoch validation
    /// accuracy, training time, parameters) as repeat 0; repeats 1 and 2 are offsets of it.
    @Test func nb101ImportThenInfoShowsThreeRepeatsAndVerifyPasses() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        let tfrecord = folder + "/nasbench_only108.tfrecord"
        let writer = try TFRecordWriter(path: tfrecord)
        let valid = 0.9304887652397156, seconds = 1768.9759521484375
        for r in 0..<3 {
            let d = Double(r) * 0.001
            func evaluation(_ epoch: Double, _ fraction: Double) -> NB101ModelMetrics.EvaluationData {
                .init(currentEpoch: epoch, trainingTime: seconds * fraction + Double(r), trainAccuracy: valid + 0.05 - d,
                      validationAccuracy: valid * fraction - d, testAccuracy: valid - 0.01 - d, checkpointPath: "")
            }
            let metrics = NB101ModelMetrics(evaluations: [evaluation(0, 0), evaluation(54, 0.5), evaluation(108, 1)],
                                            trainableParameters: 8_555_530, totalTime: seconds + 100)
            try writer.write(NB101TFRecordRow(moduleHash: "00005c142e6f48ac74fdcf73e3439874", epochs: 108,
                                              adjacency: "0100110001000000010010000010000001000000010000000",
                                              operations: "input,conv3x3-bn-relu,maxpool3x3,conv3x3-bn-relu,conv3x3-bn-relu,conv1x1-bn-relu,output",
                                              metrics: metrics).json)
        }
        try writer.close()
        let datasets = folder + "/datasets"
        let imported = try ExperimentFixtures.nasreplay(["datasets", "import", "nb101", "--datasets", datasets, "--tfrecord", tfrecord])
        #expect(imported.status == 0, "\(imported.stderr)")
        let info = try ExperimentFixtures.nasreplay(["datasets", "info", "--datasets", datasets, "nb101"])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("nb101: 1 rows, search space nb101") && info.stdout.contains("repeats: 3"))
        let lines = info.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines.contains { $0.starts(with: ["final_validation_accuracy@108ep", "cifar10", "3", "repeats", "fraction", "max"]) })
        #expect(lines.contains { $0.starts(with: ["trainable_parameters", "cifar10", "1", "count", "min"]) })
        let verify = try ExperimentFixtures.nasreplay(["datasets", "verify", "--datasets", datasets, "--from", folder, "nb101"])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.contains("(matches)") && verify.stdout.contains("9 × 3 repeats"))
        #expect(verify.stdout.contains("source nasbench_only108.tfrecord: sha256 matches"))
        let table = try BenchmarkStore.load(datasets + "/nb101.h5")
        let mean = try table.metric("final_validation_accuracy@108ep").values[0]
        #expect(abs(Double(mean) - (valid - 0.001)) < 1e-6, "the plain view is the mean of the 3 repeats")
    }
}
