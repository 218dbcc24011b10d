import Foundation
import NASCore
import Testing
@testable import Benchmarks

/// `datasets import nats-official --dir`: the tables built natively from the real fixture
/// folders (`../shared/data/nats-official/{tss,sss}`, 3 cells each) hold what the official
/// `nats_bench` 1.8 API returns for them (`../shared/oracles/nats_official.json`): every
/// value of `get_more_info` at the first and last epoch, `get_cost_info`'s params, FLOPs and
/// latency, and each seed's last-epoch accuracies. Values are stored as float32.
@Suite struct NATSOfficialNativeImportTests {
    static func space(_ name: String) throws -> [String: Any] {
        let data = FileManager.default.contents(atPath: SharedFolder.path("oracles/nats_official.json", near: #filePath)) ?? Data()
        let oracle = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        let spaces = oracle["spaces"] as? [[String: Any]] ?? []
        return try #require(spaces.first { $0["space"] as? String == name })
    }

    static func table(_ space: String) throws -> BenchmarkTable {
        let dir = SharedFolder.path("data/nats-official/\(space)", near: #filePath)
        return try NATSOfficialPickleImporter.read(directory: dir, name: "t").0
    }

    /// float32 storage of a double: within its rounding (and the oracle's 12 digits).
    static func close(_ stored: Float, _ expected: Double) -> Bool {
        Double(stored) == expected || abs(Double(stored) - expected) <= 1e-6 * max(1, abs(expected))
    }

    /// get_more_info's key → the table's column name part, per split.
    static let keys: [(nats: String, split: String, quantity: String)] = [
        ("train-loss", "train", "loss"), ("train-accuracy", "train", "acc"),
        ("valid-loss", "valid", "loss"), ("valid-accuracy", "valid", "acc"),
        ("test-loss", "test", "loss"), ("test-accuracy", "test", "acc"),
    ]

    @Test(arguments: ["tss", "sss"])
    func everyOfficialValueIsInTheTable(space name: String) throws {
        let space = try Self.space(name)
        let table = try Self.table(name)
        let cells = try #require(space["cells"] as? [[String: Any]])
        #expect(table.rows == 3)
        #expect(table.searchSpace == (name == "tss" ? "nats-topology" : "nats-size"))
        #expect(table.provenance["cells"]?.stringValue == "3 of the space's \(name == "tss" ? 15625 : 32768)")
        guard case .strings(let archs)? = table.archs["arch_str"]?.values else { Issue.record("no arch_str"); return }
        #expect(archs == cells.compactMap { $0["arch"] as? String })
        var compared = 0
        for (row, cell) in cells.enumerated() {
            for (hp, block) in try #require(cell["hp"] as? [String: [String: Any]]) {
                let epochs = try #require(Int(hp))
                for (dataset, d) in try #require(block["datasets"] as? [String: [String: Any]]) {
                    let id = { (split: String, quantity: String) in "\(dataset)_\(split)_\(quantity)@\(epochs)ep" }
                    for (epoch, info) in [(epochs - 1, d["get_more_info"]), (0, d["get_more_info_iepoch0"])] {
                        let values = try #require(info as? [String: Any])
                        for key in Self.keys {
                            let column = id(key.split, key.quantity)
                            guard table.hasMetric(column) else {
                                #expect(values[key.nats] == nil, "\(column) missing but the API has \(key.nats)")
                                continue
                            }
                            let series = try #require(try table.metric(column).series)
                            let stored = series.values[row * epochs + epoch]
                            if let expected = values[key.nats] as? Double {
                                #expect(Self.close(stored, expected), "\(cell["index"]!) \(column)[\(epoch)] = \(stored), API \(expected)")
                            } else {
                                #expect(stored.isNaN, "\(column)[\(epoch)] = \(stored) where the API has no \(key.nats)")
                            }
                            compared += 1
                        }
                        // Cumulative training seconds: the API's train-all-time.
                        if let allTime = values["train-all-time"] as? Double {
                            let series = try #require(try table.costOrMetric(id("train", "seconds")).series)
                            #expect(abs(Double(series.values[row * epochs + epoch]) - allTime) <= 1e-5 * allTime, "\(id("train", "seconds"))[\(epoch)]")
                            compared += 1
                        }
                    }
                    // Every epoch of the mean curves (`get_metrics(…, is_random=False)`).
                    let splits = NATSOfficialPickleImporter.evaluationSets(dataset)
                    let curves = try #require(d["curves"] as? [String: [String: [Any]]])
                    for (split, set) in [("train", "train"), ("valid", splits.valid), ("test", splits.test)] {
                        guard let set, let series = curves[set] else { continue }
                        for (quantity, key) in [("acc", "accuracy"), ("loss", "loss")] {
                            let column = id(split, quantity)
                            guard table.hasMetric(column) else { continue }
                            let stored = try #require(try table.metric(column).series).values
                            for (e, value) in (series[key] ?? []).enumerated() {
                                if let v = value as? Double {
                                    #expect(Self.close(stored[row * epochs + e], v), "\(column)[\(e)]")
                                } else {
                                    #expect(stored[row * epochs + e].isNaN, "\(column)[\(e)] where the API has none")
                                }
                                compared += 1
                            }
                        }
                    }
                    let cost = try #require(d["get_cost_info"] as? [String: Any])
                    for (quantity, key) in [("params_M", "params"), ("flops_M", "flops"), ("latency_s", "latency")] {
                        let stored = try table.metric("\(dataset)_\(quantity)@\(epochs)ep").values[row]
                        #expect(Self.close(stored, try #require(cost[key] as? Double)), "\(dataset) \(quantity)@\(epochs)ep")
                        compared += 1
                    }
                    for (seed, info) in try #require(d["get_more_info_by_seed"] as? [String: [String: Any]]) {
                        for split in ["valid", "test"] {
                            let column = "\(dataset)_\(split)_acc@\(epochs)ep_seed\(seed)"
                            guard let expected = info["\(split)-accuracy"] as? Double else {
                                let stored = table.hasMetric(column) ? try table.metric(column).values[row] : Float.nan
                                #expect(stored.isNaN, "\(column)")
                                continue
                            }
                            #expect(Self.close(try table.metric(column).values[row], expected), "\(column)")
                            compared += 1
                        }
                    }
                }
            }
        }
        #expect(compared > 5_000, "compared \(compared)")
    }

    @Test func theTopologyTableBindsToTheSpaceAndRoundTrips() throws {
        let table = try Self.table("tss")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nats-native-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try BenchmarkStore.save(table, to: folder + "/t.h5")
        let back = try BenchmarkStore.load(folder + "/t.h5")
        #expect(back.metrics.map(\.info.id) == table.metrics.map(\.info.id))
        let bench = try NATSTopologyBenchmark(table: back)
        #expect(bench.table.rows == 3)
        // An official index finds its row in a partial table; one not imported is refused.
        let cell = try bench.cell(parsing: "284")
        #expect(bench.row(of: cell) == 2 && bench.officialIndex(row: 2) == 284)
        #expect(cell.archString == "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|none~0|nor_conv_1x1~1|none~2|")
        #expect(throws: BenchmarkError.self) { _ = try bench.cell(parsing: "1") }
    }

    @Test func aMisnamedCellAndAMissingMetaAreOneLineErrors() throws {
        let source = SharedFolder.path("data/nats-official/tss", near: #filePath)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nats-native-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func message() -> String {
            do { _ = try NATSOfficialPickleImporter.read(directory: folder, name: "t"); return "" } catch { return error.description }
        }
        #expect(message().contains("meta.pickle.pbz2") && message().contains("not found"))
        try FileManager.default.copyItem(atPath: source + "/meta.pickle.pbz2", toPath: folder + "/meta.pickle.pbz2")
        #expect(message().contains("no cell files"))
        try FileManager.default.copyItem(atPath: source + "/000011.pickle.pbz2", toPath: folder + "/000012.pickle.pbz2")
        let misnamed = message()
        #expect(misnamed.contains("000012.pickle.pbz2") && misnamed.contains("arch_index is 11, not the file's index 12"), "\(misnamed)")
        #expect(!misnamed.contains("\n"))
    }
}
