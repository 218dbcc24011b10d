import Benchmarks
import Foundation
import NASCore
import Testing

/// The real NATS-TSS and ofa-mbv3-dynast tables, built once per test process into a
/// temporary folder, and `nats-tss-timed` (see `timedTable`).
enum ExperimentFixtures {
    static let datasets: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-exp-\(UUID().uuidString)").path
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for table in ["nats-tss", "ofa-mbv3-dynast"] {
                try DatasetCatalog(folder: dir).build(table, from: SharedFolder.path("data", near: #filePath))
            }
            try BenchmarkStore.save(timedTable(DatasetCatalog(folder: dir).load("nats-tss")), to: "\(dir)/\(timedName).h5")
        } catch { fatalError("cannot build the test tables: \(error)") }
        return dir
    }()

    static let timedName = "nats-tss-timed"
    static let timedCostID = "train_seconds"

    /// NATS-TSS with a `/costs` training-time column declared as its `cost_metric`, as an
    /// `import nats-official` table has (the shared NATS-TSS source has no times). The
    /// seconds are made up but hand-checkable: 100 + 10 × (row mod 7), and NaN (not
    /// measured) on every 97th row.
    static func timedTable(_ base: BenchmarkTable) -> BenchmarkTable {
        let seconds: [Float] = (0..<base.rows).map { (row: Int) -> Float in
            row % 97 == 0 ? Float.nan : Float(100 + 10 * (row % 7))
        }
        let info = MetricInfo(id: timedCostID, dataset: "cifar10", unit: "s", direction: .min, source: "test fixture",
                              sourceColumn: timedCostID, summary: "made-up training seconds")
        var provenance = base.provenance
        provenance["cost_metric"] = .string(timedCostID)
        return BenchmarkTable(name: timedName, searchSpace: base.searchSpace, rows: base.rows, provenance: provenance,
                              archs: base.archs, metrics: base.metrics, costs: [MetricColumn(info: info, values: seconds)])
    }

    static var catalog: DatasetCatalog { DatasetCatalog(folder: datasets) }

    static func temporaryFolder() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-res-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A small spec with every single-objective algorithm.
    static func spec(trials: Int = 6, evaluations: Int = 120, name: String = "determinism") -> String {
        """
        name = "\(name)"
        trials = \(trials)
        seed = 7

        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max"]
        report = ["c10_test_200ep", "lat_ms_raspi4"]

        [budget]
        evaluations = \(evaluations)
        checkpoints = [50, \(evaluations)]

        [[algorithm]]
        name = "random"
        type = "random-search"

        [[algorithm]]
        name = "ga"
        type = "ga"
        population = 20

        [[algorithm]]
        name = "aging"
        type = "aging-evolution"
        """
    }

    /// The repository's built CLI, for tests that must run it as a separate process.
    static var executable: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.appendingPathComponent(".build/debug/nasreplay").path
    }

    /// Runs the CLI as a separate process, as a user would.
    static func nasreplay(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIOutcome {
        try #require(FileManager.default.isExecutableFile(atPath: executable), "build the CLI first (swift build)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLIOutcome(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Runs the CLI and expects what every bad input gets: exit `status` (2 unless said)
    /// and one line on stderr mentioning each of `mentions`, never usage text.
    static func expectOneLineError(_ arguments: [String], status: Int32 = 2, environment: [String: String] = [:], mentions: [String],
                                   sourceLocation: SourceLocation = #_sourceLocation) throws {
        let r = try nasreplay(arguments, environment: environment)
        #expect(r.status == status, "\(arguments): status \(r.status), stderr \(r.stderr.prefix(300))", sourceLocation: sourceLocation)
        #expect(r.stderr.split(separator: "\n").count == 1, "one line, got: \(r.stderr.prefix(600))", sourceLocation: sourceLocation)
        #expect(!r.stderr.contains("Usage:"), "\(r.stderr.prefix(600))", sourceLocation: sourceLocation)
        for m in mentions { #expect(r.stderr.contains(m), "\(r.stderr.prefix(600))", sourceLocation: sourceLocation) }
    }
}

/// What a CLI process printed and returned.
struct CLIOutcome {
    var status: Int32
    var stdout: String
    var stderr: String
}
