import Foundation
import NASCore
import SearchSpaces

/// Imports NATS-Bench's official benchmark directory natively: `meta.pickle.pbz2` and one
/// `NNNNNN.pickle.pbz2` per cell (`NATS-tss-v1_0-3ffb9-simple/`, `NATS-sss-v1_0-50262-simple/`),
/// read with libbz2 and `RestrictedUnpickler`; no Python.
///
/// ```swift
/// let (table, summary) = try NATSOfficialPickleImporter.read(directory: "NATS-tss-v1_0-3ffb9-simple", name: "nats-tss-official")
/// try table.metric("cifar10-valid_valid_acc@200ep").series    // [cells × 200], mean over seeds
/// ```
///
/// The table has the columns of the CSV route (`NATSOfficialImporter`, the same `Collector`):
/// per (dataset, hp), the curves `<dataset>_{train,valid,test}_{loss,acc}@<hp>ep`
/// [cells × epochs] and the costs `<dataset>_train_seconds@<hp>ep` (cumulative) and
/// `<dataset>_{valid,test}_eval_seconds@<hp>ep`, each the value `get_more_info(index,
/// dataset, iepoch=e, hp=hp, is_random=False)` of `nats_bench` 1.8 gives (the mean over the
/// seeds in `dataset_seed` order, sums left to right, as the API computes them;
/// NATS-OFFICIAL.md). Besides, per (dataset, hp):
/// - `<dataset>_params_M@<hp>ep`, `<dataset>_flops_M@<hp>ep`, `<dataset>_latency_s@<hp>ep`:
///   `get_cost_info`'s params, flops and latency;
/// - `<dataset>_{valid,test}_acc@<hp>ep_seed<s>`: each seed's last-epoch accuracy, NaN
///   where a cell has no such seed (a search that draws one seed's record, as
///   `simulate_train_eval` and NAS-EA-FA do, reads these).
///
/// A folder with only some cell files (the 3-cell fixture) imports the cells present, in
/// official index order; `provenance["cells"]` says how many of the space's. Cells are read
/// one at a time: memory is the table being built (rows × the schedules' epochs × 9 float32
/// values) plus one decompressed cell (≤ 1 MB), whatever the folder holds.
public enum NATSOfficialPickleImporter {
    public struct Summary: Sendable {
        public var space: NATSOfficialImporter.Space
        public var cells: Int
        public var schedules: [(dataset: String, epochs: Int)]
        public var emptyColumns: [String]
    }

    static let source = "D-X-Y/NATS-Bench official benchmark files (MIT), read natively"
    /// The most decompressed bytes of one cell file (an official one is about 0.33 MB).
    static let maxCellBytes = 16 << 20

    /// The table of the cells in `directory`; `progress(done, total)` is called as cells are read.
    ///
    /// - Parameter asNamed: the official API's reading, as a named variant: a file's name
    ///   alone says whose cell it is, and its architecture is the meta file's, whatever
    ///   `arch_index` and `arch_str` inside say. Off (the default), a file that says it is
    ///   another cell is refused, since a misnamed file would silently give one architecture
    ///   another's results.
    public static func read(directory: String, name: String, asNamed: Bool = false, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                            progress: ((Int, Int) -> Void)? = nil) throws(ImportError) -> (BenchmarkTable, Summary) {
        let metaPath = directory + "/meta.pickle.pbz2"
        guard FileManager.default.fileExists(atPath: metaPath) else {
            throw ImportError(file: metaPath, message: "not found; --dir must be an official NATS-Bench folder such as NATS-tss-v1_0-3ffb9-simple/ (meta.pickle.pbz2 and NNNNNN.pickle.pbz2 files)")
        }
        let meta = try RestrictedUnpickler.load(try Bzip2File.read(metaPath), file: metaPath)
        guard let archs = meta["meta_archs"]?.list?.map({ $0.string ?? "" }), let total = meta["total_archs"]?.int else {
            throw ImportError(file: metaPath, message: "has no meta_archs list or total_archs; expected an official NATS-Bench meta file")
        }
        let space: NATSOfficialImporter.Space
        switch Int(total) {
        case NATSTopologyCell.cellCount: space = .tss
        case NATSSizeCell.cellCount: space = .sss
        default: throw ImportError(file: metaPath, message: "total_archs is \(total); expected 15625 (tss) or 32768 (sss)")
        }
        guard archs.count == Int(total) else {
            throw ImportError(file: metaPath, message: "lists \(archs.count) architectures but total_archs is \(total)")
        }
        let files = try cellFiles(in: directory, total: Int(total))
        guard !files.isEmpty else {
            throw ImportError(file: directory, message: "holds meta.pickle.pbz2 but no cell files (NNNNNN.pickle.pbz2); nothing to import")
        }
        var slots: [Int: Int] = [:]
        for (position, file) in files.enumerated() { slots[file.index] = position }
        var collector = NATSOfficialImporter.Collector(space: space, slots: slots)
        collector.source = source
        var extras = ExtraColumns(rows: files.count)
        // Decompressing and reading cells is the work (about 7 ms of bzip2 per cell): batches
        // of cells are measured in parallel, then added to the table in index order, so the
        // table does not depend on the thread count and memory holds one batch of cells.
        let batch = max(1, threads) * 2
        for start in stride(from: 0, to: files.count, by: batch) {
            let range = start..<min(files.count, start + batch)
            let measured = Measured(count: range.count)
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, range.count))) { worker in
                for k in stride(from: worker, to: range.count, by: max(1, min(threads, range.count))) {
                    let file = files[range.lowerBound + k]
                    measured.set(k, Result { () throws(ImportError) -> CellMeasurement in
                        let root = try RestrictedUnpickler.load(try Bzip2File.read(file.path, maxBytes: maxCellBytes), file: file.path)
                        do {
                            return try measure(root, index: file.index, arch: archs[file.index], asNamed: asNamed)
                        } catch let error as NATSOfficialImporter.LineError {
                            throw ImportError(file: file.path, message: error.message)
                        } catch {
                            throw ImportError(file: file.path, message: "\(error)")
                        }
                    })
                }
            }
            for (k, result) in measured.results.enumerated() {
                let position = range.lowerBound + k, file = files[position]
                let cell: CellMeasurement
                switch result {
                case .success(let value): cell = value
                case .failure(let error): throw error
                case nil: throw ImportError(file: file.path, message: "was not read; this is a bug in the reader")
                }
                do {
                    for line in cell.lines {
                        try collector.add(index: file.index, arch: archs[file.index], dataset: line.dataset, epochs: line.epochs,
                                          epoch: line.epoch, measured: line.values)
                    }
                } catch {
                    throw ImportError(file: file.path, message: error.message)
                }
                for record in cell.extras { extras.record(record, position: position) }
                progress?(position + 1, files.count)
            }
        }
        let base = (directory as NSString).lastPathComponent
        var (table, csvSummary) = try collector.table(name: name, file: metaPath, lines: 0)
        var provenance = table.provenance
        provenance["source"] = .string(source + " from \(base)/")
        provenance["source_sha256"] = .string("meta.pickle.pbz2 \(NATSOfficialImporter.sha256(ofFile: metaPath))")
        provenance["cells"] = .string("\(files.count) of the space's \(total)")
        provenance["contents"] = .string("NATS-Bench \(space.rawValue) from the official files in \(base)/: \(files.count) of the space's \(total) cells, schedules \(csvSummary.schedules.map { "\($0.dataset)@\($0.epochs)ep" }.joined(separator: ", "))")
        provenance["csv_lines"] = nil
        // Grouped by dataset, in the official order, as the table file stores them.
        let rank = { (c: MetricColumn) in NATSOfficialImporter.datasets.firstIndex(of: c.info.dataset) ?? NATSOfficialImporter.datasets.count }
        let metrics = (table.metrics + extras.columns()).enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        table = BenchmarkTable(name: table.name, searchSpace: table.searchSpace, rows: table.rows, provenance: provenance,
                               archs: table.archs, metrics: metrics, costs: table.costs)
        csvSummary.rows = files.count
        return (table, Summary(space: space, cells: files.count, schedules: csvSummary.schedules, emptyColumns: csvSummary.emptyColumns))
    }

    /// Reads one cell file's decompressed pickle as an import does, without the identity
    /// checks (`asNamed`); returns how many (dataset, hp, epoch) lines it gives. For fuzzing.
    public static func measureCell(pickle bytes: [UInt8], file: String) throws(ImportError) -> Int {
        let root = try RestrictedUnpickler.load(bytes, file: file)
        do {
            return try measure(root, index: 0, arch: "", asNamed: true).lines.count
        } catch let error as NATSOfficialImporter.LineError {
            throw ImportError(file: file, message: error.message)
        } catch {
            throw ImportError(file: file, message: "\(error)")
        }
    }

    /// The cell files present, by official index, ascending. The API's name is
    /// `{index:06d}.pickle.pbz2`, falling back to `{index}.pickle.pbz2`; so is ours.
    static func cellFiles(in directory: String, total: Int) throws(ImportError) -> [(index: Int, path: String)] {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: directory) } catch {
            throw ImportError(file: directory, message: "cannot list the folder; --dir must be an official NATS-Bench folder")
        }
        var found: [Int: String] = [:]
        for name in names where name.hasSuffix(".pickle.pbz2") {
            let stem = name.dropLast(".pickle.pbz2".count)
            guard !stem.isEmpty, stem.count <= 9, stem.allSatisfy({ $0.isASCII && $0.isNumber }), let index = Int(stem) else { continue }
            guard index < total else {
                throw ImportError(file: "\(directory)/\(name)", message: "index \(index) is outside the space's 0…\(total - 1); remove the file")
            }
            // The zero-padded name wins, as in the API.
            if found[index] == nil || stem.count == 6 { found[index] = "\(directory)/\(name)" }
        }
        return found.keys.sorted().map { ($0, found[$0]!) }
    }

    /// Which evaluation set `get_more_info` reports as valid and as test, per dataset.
    static func evaluationSets(_ dataset: String) -> (valid: String?, test: String) {
        switch dataset {
        case "cifar10-valid": ("x-valid", "ori-test")
        case "cifar10": (nil, "ori-test")
        default: ("x-valid", "x-test")
        }
    }

    typealias LineError = NATSOfficialImporter.LineError

    /// One cell's values, ready to be added to the table: a line per (dataset, hp, epoch) as
    /// the CSV has them, and the extra columns' values per (dataset, hp).
    struct CellMeasurement: Sendable {
        struct Line: Sendable { var dataset: String; var epochs: Int; var epoch: Int; var values: [Double] }
        var lines: [Line] = []
        var extras: [ExtraRecord] = []
    }

    /// params, FLOPs, latency and the per-seed last-epoch accuracies of one (dataset, hp).
    struct ExtraRecord: Sendable {
        var dataset: String
        var epochs: Int
        var params, flops, latency: Double
        /// (split, seed, evaluation set, accuracy).
        var seedAccuracies: [(split: String, seed: Int64, set: String, accuracy: Double)]
    }

    /// Every (hp, dataset) of one cell file.
    static func measure(_ root: PickleValue, index: Int, arch: String, asNamed: Bool) throws -> CellMeasurement {
        guard let hps = root.dict, hps.count > 0 else { throw LineError(message: "is not a cell file (no hp → results dict)") }
        var cell = CellMeasurement()
        for (hpKey, results) in zip(hps.keys, hps.values) {
            guard let hp = hpKey.string, let epochs = Int(hp), (1...10_000).contains(epochs) else {
                throw LineError(message: "hp key \(hpKey.typeName) '\(hpKey.string ?? "")' is not an epoch count such as '12' or '200'")
            }
            if !asNamed {
                guard results["arch_index"]?.int == Int64(index) else {
                    throw LineError(message: "hp '\(hp)': arch_index is \(results["arch_index"]?.int.map(String.init) ?? "missing"), not the file's index \(index); the file is misnamed (--as-named reads it as cell \(index) anyway, as the official API does)")
                }
                guard results["arch_str"]?.string == arch else {
                    throw LineError(message: "hp '\(hp)': arch_str '\(results["arch_str"]?.string ?? "")' is not meta.pickle.pbz2's '\(arch)' for index \(index) (--as-named reads it as cell \(index) anyway, as the official API does)")
                }
            }
            guard let datasetSeed = results["dataset_seed"]?.dict, let all = results["all_results"]?.dict else {
                throw LineError(message: "hp '\(hp)': no dataset_seed or all_results dict")
            }
            for (datasetKey, seedList) in zip(datasetSeed.keys, datasetSeed.values) {
                guard let dataset = datasetKey.string, NATSOfficialImporter.datasets.contains(dataset) else { continue }
                guard let seeds = seedList.list?.compactMap(\.int), !seeds.isEmpty else {
                    throw LineError(message: "hp '\(hp)' \(dataset): no seeds in dataset_seed")
                }
                var trials: [Trial] = []
                for seed in seeds {
                    guard let record = all[.tuple([.string(dataset), .int(seed)])] else {
                        throw LineError(message: "hp '\(hp)' \(dataset): dataset_seed lists seed \(seed) but all_results has no (\(dataset), \(seed)) record")
                    }
                    trials.append(try Trial(record, epochs: epochs, context: "hp '\(hp)' \(dataset) seed \(seed)"))
                }
                let sets = evaluationSets(dataset)
                var train = Running(), valid = Running(), test = Running()
                for e in 0..<epochs {
                    let t = train.step(trials.map { $0.train(epoch: e) })
                    let v = sets.valid.map { set in valid.step(trials.map { $0.eval(set, epoch: e) }) } ?? .missing
                    let s = test.step(trials.map { $0.eval(sets.test, epoch: e) })
                    cell.lines.append(.init(dataset: dataset, epochs: epochs, epoch: e, values: [
                        t.loss, t.accuracy, t.perTime(epoch: e), v.loss, v.accuracy, v.perTime(epoch: e),
                        s.loss, s.accuracy, s.perTime(epoch: e)]))
                }
                cell.extras.append(ExtraColumns.summarize(dataset: dataset, epochs: epochs, trials: trials, seeds: seeds, sets: sets))
            }
        }
        return cell
    }

    /// Per-batch results, one slot per cell: each worker writes only its own slots.
    final class Measured: @unchecked Sendable {
        private(set) var results: [Result<CellMeasurement, ImportError>?]
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ result: Result<CellMeasurement, ImportError>) {
            lock.lock(); defer { lock.unlock() }
            results[k] = result
        }
    }

    /// One (dataset, seed) record (`ResultsCount`) of a cell, the fields the table uses, as
    /// arrays by epoch (NaN where an epoch is not recorded).
    struct Trial {
        let trainLoss: [Double], trainAccuracy: [Double], trainTimes: [Double]
        /// Per evaluation set (`x-valid`, `x-test`, `ori-test`).
        let evalAccuracy: [String: [Double]], evalLoss: [String: [Double]], evalTimes: [String: [Double]]
        let params: Double, flops: Double, latency: [Double]

        init(_ record: PickleValue, epochs: Int, context: String) throws {
            guard let trainLoss = record["train_losses"]?.dict, let trainAccuracy = record["train_acc1es"]?.dict,
                  let trainTimes = record["train_times"]?.dict, let evalAccuracy = record["eval_acc1es"]?.dict,
                  let evalLoss = record["eval_losses"]?.dict, let evalTimes = record["eval_times"]?.dict else {
                throw LineError(message: "\(context): a record without train_losses, train_acc1es, train_times, eval_acc1es, eval_losses or eval_times")
            }
            guard record["epochs"]?.int == Int64(epochs) else {
                throw LineError(message: "\(context): epochs is \(record["epochs"]?.int.map(String.init) ?? "missing"), not the hp's \(epochs)")
            }
            self.trainLoss = Self.byEpoch(trainLoss, epochs: epochs)
            self.trainAccuracy = Self.byEpoch(trainAccuracy, epochs: epochs)
            self.trainTimes = Self.byEpoch(trainTimes, epochs: epochs)
            self.evalAccuracy = Self.bySetAndEpoch(evalAccuracy, epochs: epochs)
            self.evalLoss = Self.bySetAndEpoch(evalLoss, epochs: epochs)
            self.evalTimes = Self.bySetAndEpoch(evalTimes, epochs: epochs)
            params = record["params"]?.double ?? .nan
            flops = record["flop"]?.double ?? .nan
            latency = record["latency"]?.list?.compactMap(\.double) ?? []
        }

        /// A dict int epoch → float as an array; keys outside 0..<epochs are ignored.
        static func byEpoch(_ dict: PickleDict, epochs: Int) -> [Double] {
            var out = [Double](repeating: .nan, count: epochs)
            for (key, value) in zip(dict.keys, dict.values) {
                if let e = key.int, (0..<Int64(epochs)).contains(e), let v = value.double { out[Int(e)] = v }
            }
            return out
        }

        /// A dict `'<set>@<epoch>'` → float as one array per set. The keys are parsed as
        /// bytes: a cell has about 7,000 of them.
        static func bySetAndEpoch(_ dict: PickleDict, epochs: Int) -> [String: [Double]] {
            var names: [String] = [], arrays: [[Double]] = []
            for (key, value) in zip(dict.keys, dict.values) {
                guard case .string(let text) = key, let v = value.double else { continue }
                let utf8 = text.utf8
                guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { continue }
                var e = 0, digits = 0, valid = true
                for b in utf8[utf8.index(after: at)...] {
                    guard (48...57).contains(b), digits < 6 else { valid = false; break }
                    e = e * 10 + Int(b - 48)
                    digits += 1
                }
                guard valid, digits > 0, e < epochs else { continue }
                let name = utf8[..<at]
                let slot: Int
                if let i = names.firstIndex(where: { $0.utf8.elementsEqual(name) }) { slot = i } else {
                    names.append(String(Substring(name)))
                    arrays.append([Double](repeating: .nan, count: epochs))
                    slot = names.count - 1
                }
                arrays[slot][e] = v
            }
            return Dictionary(uniqueKeysWithValues: zip(names, arrays))
        }

        /// (loss, accuracy, this epoch's time) of the train set at epoch `e`.
        func train(epoch e: Int) -> Sample? {
            let loss = trainLoss[e], accuracy = trainAccuracy[e]
            return Sample(loss: loss, accuracy: accuracy, time: trainTimes[e], recorded: !loss.isNaN && !accuracy.isNaN)
        }

        /// The same for evaluation set `set` (`x-valid`, `x-test`, `ori-test`). Its time may
        /// be recorded where its loss and accuracy are not (tss hp 200's ori-test on
        /// cifar10-valid): the time is then still summed, as the API sums `eval_times`.
        func eval(_ set: String, epoch e: Int) -> Sample? {
            let time = evalTimes[set]?[e] ?? .nan
            guard let loss = evalLoss[set]?[e], let accuracy = evalAccuracy[set]?[e], !loss.isNaN, !accuracy.isNaN else {
                return Sample(loss: .nan, accuracy: .nan, time: time, recorded: false)
            }
            return Sample(loss: loss, accuracy: accuracy, time: time)
        }
    }

    /// One seed's values at one epoch; `recorded` false where the loss and accuracy are not.
    struct Sample {
        var loss, accuracy, time: Double
        var recorded = true
    }

    /// Per-seed running time sums (Σ_{j≤e} t_j, left to right, as Python's `sum`), and each
    /// epoch's means over seeds (`sum(values) / len(values)`).
    struct Running {
        var allTime: [Double] = []

        struct Epoch {
            var loss = Double.nan, accuracy = Double.nan, meanAllTime = Double.nan
            static let missing = Epoch()
            /// `*-per-time = *-all-time / (iepoch + 1)`.
            func perTime(epoch e: Int) -> Double { meanAllTime / Double(e + 1) }
        }

        /// Adds epoch e's samples (one per seed); the epoch's means, or all NaN when a seed has
        /// no value there (the API leaves the key out).
        mutating func step(_ samples: [Sample?]) -> Epoch {
            if allTime.count != samples.count { allTime = Array(repeating: 0, count: samples.count) }
            for (s, sample) in samples.enumerated() { allTime[s] += sample?.time ?? .nan }
            guard samples.allSatisfy({ $0?.recorded == true }) else { return .missing }
            let values = samples.compactMap { $0 }
            let n = Double(values.count)
            return Epoch(loss: Self.sum(values.map(\.loss)) / n, accuracy: Self.sum(values.map(\.accuracy)) / n,
                         meanAllTime: Self.sum(allTime) / n)
        }

        static func sum(_ values: [Double]) -> Double { values.reduce(0, +) }
    }

    /// params, flops, latency and per-seed last-epoch accuracies, per (dataset, hp).
    struct ExtraColumns {
        let rows: Int
        private var values: [String: [Float]] = [:]
        private var infos: [String: MetricInfo] = [:]
        private var order: [String] = []

        init(rows: Int) { self.rows = rows }

        mutating func set(_ id: String, position: Int, _ value: Double, info: @autoclosure () -> MetricInfo) {
            if values[id] == nil {
                values[id] = [Float](repeating: .nan, count: rows)
                infos[id] = info()
                order.append(id)
            }
            values[id]![position] = Float(value)
        }

        /// get_cost_info's params, flops and latency (each seed's mean latency, positive
        /// ones only, averaged), and each seed's last-epoch accuracies.
        static func summarize(dataset: String, epochs: Int, trials: [Trial], seeds: [Int64],
                              sets: (valid: String?, test: String)) -> ExtraRecord {
            let n = Double(trials.count)
            let latencies = trials.map { $0.latency.isEmpty ? Double.nan : $0.latency.reduce(0, +) / Double($0.latency.count) }.filter { $0 > 0 }
            var record = ExtraRecord(dataset: dataset, epochs: epochs, params: trials.map(\.params).reduce(0, +) / n,
                                     flops: trials.map(\.flops).reduce(0, +) / n,
                                     latency: latencies.isEmpty ? .nan : latencies.reduce(0, +) / Double(latencies.count),
                                     seedAccuracies: [])
            for (seed, trial) in zip(seeds, trials) {
                for (split, set) in [("valid", sets.valid), ("test", Optional(sets.test))] {
                    guard let set, let sample = trial.eval(set, epoch: epochs - 1), sample.recorded else { continue }
                    record.seedAccuracies.append((split, seed, set, sample.accuracy))
                }
            }
            return record
        }

        mutating func record(_ r: ExtraRecord, position: Int) {
            let schedule = "\(r.epochs)-epoch schedule on \(r.dataset)"
            func info(_ id: String, _ unit: String, _ direction: Direction, _ column: String, _ summary: String) -> MetricInfo {
                MetricInfo(id: id, dataset: r.dataset, unit: unit, direction: direction, source: source, sourceColumn: column, summary: summary)
            }
            let suffix = "@\(r.epochs)ep"
            set("\(r.dataset)_params_M\(suffix)", position: position, r.params,
                info: info("\(r.dataset)_params_M\(suffix)", "MB", .min, "params (get_cost_info)", "parameters (MB), mean over seeds, \(schedule)"))
            set("\(r.dataset)_flops_M\(suffix)", position: position, r.flops,
                info: info("\(r.dataset)_flops_M\(suffix)", "MFLOPs", .min, "flop (get_cost_info)", "FLOPs (M), mean over seeds, \(schedule)"))
            set("\(r.dataset)_latency_s\(suffix)", position: position, r.latency,
                info: info("\(r.dataset)_latency_s\(suffix)", "s", .min, "latency (get_cost_info)", "inference latency (s), mean over seeds, \(schedule)"))
            for a in r.seedAccuracies {
                let id = "\(r.dataset)_\(a.split)_acc\(suffix)_seed\(a.seed)"
                set(id, position: position, a.accuracy,
                    info: info(id, "%", .max, "eval_acc1es['\(a.set)@\(r.epochs - 1)'] of seed \(a.seed)",
                               "\(a.split) accuracy (%) after the last epoch of seed \(a.seed)'s run, \(schedule); NaN where the cell has no such seed"))
            }
        }

        func columns() -> [MetricColumn] {
            order.map { MetricColumn(info: infos[$0]!, values: values[$0]!) }
        }
    }
}
