import Foundation
import NASCore
import Testing
@testable import Benchmarks

/// The native reader of NATS-Bench's official `.pickle.pbz2` files (libbz2 and a restricted
/// unpickler) on the real fixture files of `../shared/data/nats-official/`, against what the
/// official `nats_bench` 1.8 API returned for them (`../shared/oracles/nats_official.json`,
/// NATS-OFFICIAL.md); and what it refuses.
@Suite struct NATSOfficialPickleTests {
    static var spaces: [[String: Any]] {
        let path = SharedFolder.path("oracles/nats_official.json", near: #filePath)
        let data = FileManager.default.contents(atPath: path) ?? Data()
        let oracle = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
        return oracle["spaces"] as? [[String: Any]] ?? []
    }

    static func load(_ relative: String) throws -> PickleValue {
        let path = SharedFolder.path("data/" + relative, near: #filePath)
        return try RestrictedUnpickler.load(try Bzip2File.read(path), file: path)
    }

    /// The oracle's 12-significant-digit rounding (NATS-OFFICIAL.md, Conventions).
    static func close(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= max(1e-12, 1e-11 * max(abs(a), abs(b)))
    }

    @Test func metaFilesListEveryArchitectureInOfficialOrder() throws {
        #expect(Self.spaces.count == 2)
        for space in Self.spaces {
            let dir = try #require(space["dir"] as? String)
            let expected = try #require(space["meta"] as? [String: Any])
            let meta = try Self.load(dir + "/meta.pickle.pbz2")
            let dict = try #require(meta.dict)
            #expect(dict.keys.compactMap { $0.string } == expected["keys"] as? [String])
            let archs = try #require(meta["meta_archs"]?.list?.compactMap { $0.string })
            #expect(archs.count == expected["n_meta_archs"] as? Int)
            #expect(meta["total_archs"]?.int == (expected["total_archs"] as? Int).map(Int64.init))
            #expect(meta["arch2infos"] == PickleValue.none)
            #expect(meta["evaluated_indexes"] == .set([]))
            #expect(MD5.hex(archs.joined(separator: "\n")) == expected["md5_newline_joined"] as? String)
            if let first5 = expected["first5"] as? [String] { #expect(Array(archs.prefix(5)) == first5) }
            if let last5 = expected["last5"] as? [String] { #expect(Array(archs.suffix(5)) == last5) }
            for (index, arch) in try #require(expected["cells"] as? [String: String]) {
                #expect(archs[Int(index)!] == arch)
            }
        }
    }

    @Test func cellFilesHoldTheTrialsTheOfficialAPIReads() throws {
        var compared = 0
        for space in Self.spaces {
            for cell in try #require(space["cells"] as? [[String: Any]]) {
                let file = try #require(cell["file"] as? String)
                let root = try Self.load(file)
                #expect(root.dict?.keys.compactMap { $0.string } == cell["hps_in_file"] as? [String], "\(file)")
                for (hp, hpBlock) in try #require(cell["hp"] as? [String: [String: Any]]) {
                    let results = try #require(root[hp], "\(file) hp \(hp)")
                    #expect(results["arch_index"]?.int == (cell["index"] as? Int).map(Int64.init))
                    #expect(results["arch_str"]?.string == cell["arch"] as? String)
                    #expect(results["clear_net_done"] == .bool(true))
                    let datasetSeed = try #require(results["dataset_seed"]?.dict)
                    #expect(datasetSeed.keys.compactMap { $0.string } == hpBlock["dataset_names"] as? [String])
                    let all = try #require(results["all_results"]?.dict)
                    for (dataset, block) in try #require(hpBlock["datasets"] as? [String: [String: Any]]) {
                        let seeds = try #require(datasetSeed[.string(dataset)]?.list?.compactMap { $0.int })
                        #expect(seeds.map(Int.init) == block["seeds"] as? [Int], "\(file) \(hp) \(dataset)")
                        var trials: [PickleValue] = []
                        for seed in seeds { trials.append(try #require(all[.tuple([.string(dataset), .int(seed)])], "\(dataset) seed \(seed)")) }
                        for (seed, trial) in zip(seeds, trials) {
                            let expected = try #require((block["trials"] as? [String: [String: Any]])?[String(seed)])
                            #expect(trial["name"]?.string == dataset)
                            #expect(trial["seed"]?.string == expected["seed_field"] as? String)
                            #expect(trial["epochs"]?.int == (expected["epochs"] as? Int).map(Int64.init))
                            #expect(trial["eval_names"]?.list?.compactMap { $0.string } == expected["eval_names"] as? [String])
                            #expect(Self.close(try #require(trial["flop"]?.double), try #require(expected["flop"] as? Double)))
                            guard case .numpyFloat64(let params)? = trial["params"] else { Issue.record("params is not a numpy float64"); continue }
                            #expect(Self.close(params, try #require(expected["params"] as? Double)))
                            let latency = try #require(trial["latency"]?.list?.compactMap { $0.double })
                            #expect(zip(latency, try #require(expected["latency"] as? [Double])).allSatisfy(Self.close))
                            #expect((trial["train_acc5es"] == PickleValue.none) == (expected["train_acc5es_is_none"] as? Bool))
                            // One trial's training accuracy per epoch, where the oracle lists it per seed.
                            if let curve = ((expected["curves"] as? [String: Any])?["train"] as? [String: Any])?["accuracy"] as? [Any] {
                                let stored = try #require(trial["train_acc1es"]?.dict)
                                for (e, value) in curve.enumerated() {
                                    guard let v = value as? Double else { continue }
                                    #expect(Self.close(try #require(stored[.int(Int64(e))]?.double), v), "\(file) \(dataset) seed \(seed) epoch \(e)")
                                    compared += 1
                                }
                            }
                        }
                        // The API's mean over seeds (Python sum, left to right, / count), per epoch.
                        let curves = try #require(block["curves"] as? [String: [String: [Any]]])
                        for (set, series) in curves {
                            for (e, value) in (series["accuracy"] ?? []).enumerated() {
                                guard let v = value as? Double else { continue }
                                var values: [Double] = []
                                for trial in trials {
                                    let table = set == "train" ? trial["train_acc1es"] : trial["eval_acc1es"]
                                    let key: PickleValue = set == "train" ? .int(Int64(e)) : .string("\(set)@\(e)")
                                    values.append(try #require(table?.dict?[key]?.double, "\(file) \(hp) \(dataset) \(set)@\(e)"))
                                }
                                let mean = values.reduce(0, +) / Double(values.count)
                                #expect(Self.close(mean, v), "\(file) \(hp) \(dataset) \(set)@\(e): \(mean) vs \(v)")
                                compared += 1
                            }
                        }
                    }
                }
            }
        }
        #expect(compared > 5_000, "compared \(compared) values")
    }

    // MARK: what it refuses

    static func pickle(_ body: [UInt8]) -> [UInt8] { [0x80, 4] + body + [0x2e] }
    static func short(_ text: String) -> [UInt8] { [0x8c, UInt8(text.utf8.count)] + Array(text.utf8) }

    static func refusal(_ bytes: [UInt8]) -> String {
        do { _ = try RestrictedUnpickler.load(bytes, file: "x.pickle"); return "" } catch { return error.description }
    }

    @Test func aGlobalTheOfficialFilesNeverNameIsRefusedNeverCalled() {
        let message = Self.refusal(Self.pickle(Self.short("os") + Self.short("system") + [0x93] + Self.short("true") + [0x85, 0x52]))
        #expect(message.contains("x.pickle") && message.contains("'os.system'") && message.contains("never runs code"), "\(message)")
        #expect(!message.contains("\n"))
    }

    @Test func opcodesOutsideTheOfficialSetAreRefusedWithTheirOffset() {
        // GLOBAL (protocol 0's named import), at byte 2.
        let global = Self.refusal(Self.pickle(Array("cos\nsystem\n".utf8)))
        #expect(global.contains("pickle byte 2, opcode 0x63") && global.contains("29 opcodes"), "\(global)")
        // BUILD of anything but the numpy dtype.
        let build = Self.refusal(Self.pickle([0x7d, 0x7d, 0x62]))
        #expect(build.contains("BUILD of a dict"), "\(build)")
        // A memo fetch of a dict that may be changed later.
        let memo = Self.refusal(Self.pickle([0x7d, 0x94, 0x68, 0]))
        #expect(memo.contains("memo reference to a dict"), "\(memo)")
    }

    @Test func truncatedAndNonPickleInputsAreOneLineErrors() {
        #expect(Self.refusal([0x80, 4, 0x8c, 10, 0x61]).contains("ends inside this opcode's argument"))
        #expect(Self.refusal([0x80, 4, 0x4e]).contains("without STOP"))
        #expect(Self.refusal([0x80, 4, 0x4e, 0x4e, 0x2e]).contains("STOP with 2 items"))
        #expect(Self.refusal([0x80, 9]).contains("protocol 9"))
    }

    @Test func bzip2DamageAndBombsAreRefused() throws {
        let path = SharedFolder.path("data/nats-official/tss/000000.pickle.pbz2", near: #filePath)
        let bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let whole = try Bzip2File.decompress(bytes, file: path)
        #expect(whole.count == 325_810)   // README's decompressed size
        func message(_ input: [UInt8], maxBytes: Int = Bzip2File.defaultMaxBytes) -> String {
            do { _ = try Bzip2File.decompress(input, file: "cell.pbz2", maxBytes: maxBytes); return "" } catch { return error.description }
        }
        #expect(message(Array(bytes.prefix(bytes.count / 2))).contains("truncated"))
        var damaged = bytes
        damaged[bytes.count / 2] ^= 0xff
        #expect(message(damaged).contains("damaged bzip2 data"))
        #expect(message(bytes, maxBytes: 100_000).contains("more than 100000 bytes"))
        #expect(message(Array("PK\u{3}\u{4}".utf8)).contains("not a bzip2 file"))
        #expect(message(bytes + [1, 2, 3]).contains("after its bzip2 stream"))
    }
}
