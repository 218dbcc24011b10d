import Foundation
import NASCore
import Testing
@testable import Benchmarks

/// `datasets import nats-official --dir`: the tables built natively from the real fixture
/// folders (`../shared/data/nats-official/{tss,sss}`, 3 cells each) hold what the official
/// `nats_bench` 1.8 API returns for them (`../shared/oracles/nats_official.json`), to 1e-9
/// relative (the oracle has 12 significant digits): every value of `get_more_info` at the
/// first and last epoch (losses, accuracies, train-all-time, per-time evaluation seconds),
/// every epoch of the mean curves and of each seed's accuracy curve, each seed's last-epoch
/// values, and `get_cost_info`'s params, FLOPs and latency. Values are stored as float64.
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

    /// 1e-9 relative (1e-12 absolute near 0).
    static func close(_ stored: Double, _ expected: Double) -> Bool {
        stored == expected || abs(stored - expected) <= 1e-9 * abs(expected) || abs(stored - expected) <= 1e-12
    }

    /// get_more_info's key → the table's column name part, per split.
    static let keys: [(nats: String, split: String, quantity: String)] = [
        ("train-loss", "train", "loss"), ("train-accuracy", "train", "acc"),
        ("valid-loss", "valid", "loss"), ("valid-accuracy", "valid", "acc"),
        ("test-loss", "test", "loss"), ("test-accuracy", "test", "acc"),
        ("train-all-time", "train", "seconds"),
        ("valid-per-time", "valid", "eval_seconds"), ("test-per-time", "test", "eval_seconds"),
    ]

    /// A curve column's values, float64 as stored.
    static func curve(_ table: BenchmarkTable, _ id: String) throws -> [Double] {
        let column = try table.costOrMetric(id)
        return try #require(column.series?.exact, "\(id) is not a float64 curve")
    }

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
                    let has = { (id: String) in table.hasMetric(id) || table.costs.contains { $0.info.id == id } }
                    for (epoch, info) in [(epochs - 1, d["get_more_info"]), (0, d["get_more_info_iepoch0"])] {
                        let values = try #require(info as? [String: Any])
                        for key in Self.keys {
                            let column = id(key.split, key.quantity)
                            guard has(column) else {
                                #expect(values[key.nats] == nil, "\(column) missing but the API has \(key.nats)")
                                continue
                            }
                            let stored = try Self.curve(table, column)[row * epochs + epoch]
                            if let expected = values[key.nats] as? Double {
                                #expect(Self.close(stored, expected), "\(cell["index"]!) \(column)[\(epoch)] = \(stored), API \(expected)")
                            } else {
                                #expect(stored.isNaN, "\(column)[\(epoch)] = \(stored) where the API has no \(key.nats)")
                            }
                            compared += 1
                        }
                    }
                    // Every epoch of the mean curves (`get_metrics(…, is_random=False)`) and of
                    // each seed's accuracy curve (`is_random=seed`; null where one seed).
                    let splits = NATSOfficialPickleImporter.evaluationSets(dataset)
                    let sets = [("train", "train"), ("valid", splits.valid), ("test", splits.test)]
                    let curves = try #require(d["curves"] as? [String: [String: [Any]]])
                    for (split, set) in sets {
                        guard let set, let series = curves[set] else { continue }
                        for (quantity, key) in [("acc", "accuracy"), ("loss", "loss")] where has(id(split, quantity)) {
                            let stored = try Self.curve(table, id(split, quantity))
                            for (e, value) in (series[key] ?? []).enumerated() {
                                compared += 1
                                guard let v = value as? Double else {
                                    #expect(stored[row * epochs + e].isNaN, "\(id(split, quantity))[\(e)] where the API has none")
                                    continue
                                }
                                #expect(Self.close(stored[row * epochs + e], v), "\(id(split, quantity))[\(e)]")
                            }
                        }
                    }
                    let seeds = try #require(d["seeds"] as? [Int])
                    for (seed, trial) in try #require(d["trials"] as? [String: [String: Any]]) {
                        let seeded = { (split: String, quantity: String) in id(split, quantity) + "_seed\(seed)" }
                        guard seeds.count > 1 else {
                            // One seed: the mean curves are its curves, and no per-seed column is kept.
                            #expect(trial["curves"] is NSNull && !has(seeded("train", "acc")), "\(seeded("train", "acc"))")
                            continue
                        }
                        let perSeed = try #require(trial["curves"] as? [String: [String: [Any]]])
                        for (split, set) in sets {
                            guard let set, let accuracy = perSeed[set]?["accuracy"] else { continue }
                            let stored = try Self.curve(table, seeded(split, "acc"))
                            for (e, value) in accuracy.enumerated() {
                                compared += 1
                                guard let v = value as? Double else {
                                    #expect(stored[row * epochs + e].isNaN, "\(seeded(split, "acc"))[\(e)] where the API has none")
                                    continue
                                }
                                #expect(Self.close(stored[row * epochs + e], v), "\(seeded(split, "acc"))[\(e)]")
                            }
                        }
                    }
                    // Each seed's last epoch, losses too (`get_more_info(…, is_random=seed)`).
                    for (seed, info) in try #require(d["get_more_info_by_seed"] as? [String: [String: Any]]) where seeds.count > 1 {
                        for key in Self.keys.prefix(6) {
                            let column = id(key.split, key.quantity) + "_seed\(seed)"
                            guard let expected = info[key.nats] as? Double else {
                                let last = has(column) ? try Self.curve(table, column)[row * epochs + epochs - 1] : .nan
                                #expect(last.isNaN, "\(column)")
                                continue
                            }
                            #expect(Self.close(try Self.curve(table, column)[row * epochs + epochs - 1], expected), "\(column)")
                            compared += 1
                        }
                    }
                    let cost = try #require(d["get_cost_info"] as? [String: Any])
                    for (quantity, key) in [("params_M", "params"), ("flops_M", "flops"), ("latency_s", "latency")] {
                        let column = try table.metric("\(dataset)_\(quantity)@\(epochs)ep")
                        let stored = try #require(column.exact, "\(column.info.id) is not float64")[row]
                        #expect(Self.close(stored, try #require(cost[key] as? Double)), "\(dataset) \(quantity)@\(epochs)ep")
                        compared += 1
                    }
                }
            }
        }
        #expect(compared > 8_000, "compared \(compared)")
    }

    /// `simulate_train_eval(i, dataset, hp)`'s possible outcomes, one per seed: that seed's
    /// last-epoch validation accuracy (on cifar10-valid when cifar10 is asked), the latency,
    /// and the time, training through the last epoch plus one validation pass.
    @Test(arguments: ["tss", "sss"])
    func simulateTrainEvalOutcomesAreInTheTable(space name: String) throws {
        let space = try Self.space(name)
        let table = try Self.table(name)
        let rows = try #require(space["cells"] as? [[String: Any]]).compactMap { $0["index"] as? Int }
        var compared = 0
        for entry in try #require(space["simulate_train_eval"] as? [[String: Any]]) {
            let index = try #require(entry["index"] as? Int), hp = try #require(entry["hp"] as? String)
            let row = try #require(rows.firstIndex(of: index))
            let epochs = try #require(Int(hp))
            let queried = try #require(entry["queried_dataset"] as? String), dataset = try #require(entry["dataset"] as? String)
            let seeds = try #require(entry["seeds"] as? [Int])
            let last = { (id: String) throws -> Double in try Self.curve(table, id)[row * epochs + epochs - 1] }
            for outcome in try #require(entry["possible"] as? [[String: Any]]) {
                let seed = try #require(outcome["seed"] as? Int)
                let accuracy = "\(queried)_valid_acc@\(epochs)ep" + (seeds.count > 1 ? "_seed\(seed)" : "")
                #expect(Self.close(try last(accuracy), try #require(outcome["valid_acc"] as? Double)), "\(accuracy)")
                let time = try last("\(queried)_train_seconds@\(epochs)ep") + last("\(queried)_valid_eval_seconds@\(epochs)ep")
                #expect(Self.close(time, try #require(outcome["time_cost"] as? Double)), "\(queried)@\(epochs) time")
                let latency = try #require(try table.metric("\(dataset)_latency_s@\(epochs)ep").exact)[row]
                #expect(Self.close(latency, try #require(outcome["latency"] as? Double)), "\(dataset)@\(epochs) latency")
                compared += 3
            }
        }
        #expect(compared >= (name == "tss" ? 60 : 90), "compared \(compared)")
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
            do { _ = try NATSOfficialPickleImporter.read(directory: folder, name: "t"); return "" } catch { return "\(error)" }
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
