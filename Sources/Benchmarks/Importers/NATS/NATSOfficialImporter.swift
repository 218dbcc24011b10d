import Foundation
import NASCore
import SearchSpaces

/// Imports the CSV that `scripts/export_nats_official.py` writes from NATS-Bench's official
/// files: per-epoch curves and training times of the topology (`tss`) or size (`sss`) space.
///
/// ```swift
/// let summary = try NATSOfficialImporter.importFile("nats_tss_official.csv.gz",
///                                                  to: "datasets/nats-tss-official.h5",
///                                                  name: "nats-tss-official")
/// let table = try BenchmarkStore.load("datasets/nats-tss-official.h5")
/// let curve = try table.metric("cifar10-valid_valid_acc@200ep").series   // [rows × 200]
/// ```
///
/// The input is long-format, one line per (architecture, dataset, hp, epoch):
/// `space,index,arch,dataset,hp,epoch,train_loss,train_acc,train_time_s,valid_loss,valid_acc,
/// valid_time_s,test_loss,test_acc,test_time_s` (the exporter's docstring; values are the
/// mean over seeds of `get_more_info(index, dataset, iepoch=epoch, hp=hp, is_random=False)`,
/// Dong et al., NATS-Bench, TPAMI 2021; ALGORITHMS.md §5). It is streamed line by line
/// (`CSVRecordReader`): the official tss export is about 13 million lines.
///
/// Output (datasets/FORMAT.md, "NATS-Bench official curves"): one row per architecture in
/// the file, in official index order; per (dataset, hp) the metric curves
/// `<dataset>_{train,valid,test}_{loss,acc}@<hp>ep` as float32 [rows, hp] epoch series, and
/// the costs `<dataset>_train_seconds@<hp>ep` (cumulative) and
/// `<dataset>_{valid,test}_eval_seconds@<hp>ep` (per epoch). Every bad line is one
/// `ImportError` naming the file, the line, the field and the fix; nothing is written then.
public enum NATSOfficialImporter {
    /// The exporter's columns, in its order (`FIELDS` in the script).
    public static let fields = ["space", "index", "arch", "dataset", "hp", "epoch"]
        + NATSOfficialSchedule.quantities.map(\.column)
    /// The datasets the exporter visits, in its order (`DATASETS`).
    public static let datasets = ["cifar10-valid", "cifar10", "cifar100", "ImageNet16-120"]
    static let source = "D-X-Y/NATS-Bench official benchmark files (MIT), exported by scripts/export_nats_official.py"

    /// What the `space` column may say, and what it means.
    public enum Space: String, Sendable, CaseIterable {
        case tss, sss
        /// The search space name stored with the table.
        var searchSpace: String { self == .tss ? "nats-topology" : "nats-size" }
        /// Architectures in the space: the range of `index`.
        var capacity: Int { self == .tss ? NATSTopologyCell.cellCount : NATSSizeCell.cellCount }
    }

    public struct Summary: Sendable {
        public var space: Space
        public var rows: Int
        public var lines: Int
        /// `(dataset, hp)` pairs present, in the exporter's order.
        public var schedules: [(dataset: String, epochs: Int)]
        /// Columns left out because the file has no value for them (e.g. cifar10's valid split).
        public var emptyColumns: [String]
    }

    /// Reads `csv` and writes the table to `output` atomically; nothing is written on error.
    @discardableResult
    public static func importFile(_ csv: String, to output: String, name: String) throws -> Summary {
        let (table, summary) = try read(csv, name: name)
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try BenchmarkStore.save(table, to: output)
        return summary
    }

    /// The table in memory.
    ///
    /// - Complexity: O(lines + architectures × Σ hp × 9) time and memory.
    public static func read(_ csv: String, name: String) throws(ImportError) -> (BenchmarkTable, Summary) {
        let reader = try CSVRecordReader(path: csv)
        guard let header = try reader.next() else {
            throw ImportError(file: csv, message: "empty file: expected the header line of scripts/export_nats_official.py")
        }
        let names = header.fields.map(\.trimmingSpaces)
        var position: [Int] = []
        for field in fields {
            guard let i = names.firstIndex(of: field) else {
                throw ImportError(file: csv, line: 1, message: "missing column '\(field)'; re-export with scripts/export_nats_official.py, whose header is \(fields.joined(separator: ","))")
            }
            position.append(i)
        }
        var collector: Collector?
        var lines = 0
        while let next = try reader.next() {
            let (line, record) = (next.line, next.fields)
            guard record.count == names.count else {
                throw ImportError(file: csv, line: line, message: "has \(record.count) fields, the header has \(names.count); fix the line or re-export the file")
            }
            let value = { (field: Int) in record[position[field]] }
            if collector == nil {
                guard let space = Space(rawValue: value(0)) else {
                    throw ImportError(file: csv, line: line, message: "field 'space' is '\(value(0))'; expected tss or sss (the exporter's --space)")
                }
                collector = Collector(space: space)
            }
            do { try collector?.add(value) } catch {
                throw ImportError(file: csv, line: line, message: error.message)
            }
            lines += 1
        }
        guard let collector, lines > 0 else {
            throw ImportError(file: csv, message: "holds a header but no data lines; re-export with scripts/export_nats_official.py")
        }
        return try collector.table(name: name, file: csv, lines: lines)
    }

    /// A line's problem, before the importer adds the file and line.
    struct LineError: Error { var message: String }

    /// Everything read so far, indexed by official architecture index.
    struct Collector {
        let space: Space
        var archOf: [String?]
        var schedules: [NATSOfficialSchedule] = []
        var scheduleOf: [String: Int] = [:]
        init(space: Space) {
            self.space = space
            archOf = Array(repeating: nil, count: space.capacity)
        }

        /// Checks and stores one line; `value(k)` is the text of `fields[k]`.
        mutating func add(_ value: (Int) -> String) throws(LineError) {
            guard value(0) == space.rawValue else {
                throw LineError(message: "field 'space' is '\(value(0))' but earlier lines say '\(space.rawValue)'; export one space per file")
            }
            guard let index = Int(value(1)), (0..<space.capacity).contains(index) else {
                throw LineError(message: "field 'index' is '\(value(1))'; expected an official \(space.rawValue) index 0…\(space.capacity - 1)")
            }
            let dataset = value(3)
            guard let epochs = Int(value(4)), (1...10_000).contains(epochs) else {
                throw LineError(message: "field 'hp' is '\(value(4))'; expected the schedule's epoch count, such as 12 or 200 (tss) or 01, 12, 90 (sss)")
            }
            guard let epoch = Int(value(5)), (0..<epochs).contains(epoch) else {
                throw LineError(message: "field 'epoch' is '\(value(5))'; expected 0…\(epochs - 1) for hp \(value(4))")
            }
            var measured: [Double] = []
            for (k, quantity) in NATSOfficialSchedule.quantities.enumerated() {
                let text = value(6 + k)
                if text.isEmpty || text == "nan" || text == "NaN" || text == "None" { measured.append(.nan); continue }
                guard let v = Double(text) else {
                    throw LineError(message: "field '\(quantity.column)' has non-numeric value '\(text)'; write a number, or leave it empty where NATS-Bench has none")
                }
                measured.append(v)
            }
            try add(index: index, arch: value(2), dataset: dataset, epochs: epochs, epoch: epoch, measured: measured)
        }

        /// Checks and stores one (index, dataset, hp, epoch)'s nine values (NaN = none).
        mutating func add(index: Int, arch: String, dataset: String, epochs: Int, epoch: Int, measured: [Double]) throws(LineError) {
            if let known = archOf[index] {
                guard known == arch else {
                    throw LineError(message: "field 'arch' is '\(arch)' but earlier lines give index \(index) the arch '\(known)'; re-export the file")
                }
            } else {
                try Self.check(arch: arch, space: space)
                archOf[index] = arch
            }
            guard NATSOfficialImporter.datasets.contains(dataset) else {
                throw LineError(message: "field 'dataset' is '\(dataset)'; expected one of \(NATSOfficialImporter.datasets.joined(separator: ", "))")
            }
            let key = "\(dataset)@\(epochs)"
            let s: Int
            if let known = scheduleOf[key] { s = known } else {
                s = schedules.count
                scheduleOf[key] = s
                schedules.append(NATSOfficialSchedule(dataset: dataset, epochs: epochs, capacity: space.capacity))
            }
            guard schedules[s].fill(index: index, epoch: epoch, with: measured) else {
                throw LineError(message: "duplicates an earlier line for index \(index), dataset \(dataset), hp \(epochs), epoch \(epoch); keep one line per (index, dataset, hp, epoch)")
            }
        }

        /// A tss arch must be a NATS topology arch string, an sss arch five channel counts.
        static func check(arch: String, space: Space) throws(LineError) {
            switch space {
            case .tss:
                do { _ = try NATSTopologyCell(archString: arch) } catch {
                    throw LineError(message: "field 'arch': \(error.description)")
                }
            case .sss:
                do { _ = try NATSSizeCell(parsing: arch) } catch {
                    throw LineError(message: "field 'arch': \(error.description)")
                }
            }
        }

        func table(name: String, file: String, lines: Int) throws(ImportError) -> (BenchmarkTable, Summary) {
            let indices = archOf.indices.filter { archOf[$0] != nil }
            let arches = indices.map { archOf[$0] ?? "" }
            let archs: ArchColumns
            do { archs = try NATSOfficialImporter.archColumns(space: space, indices: indices, arches: arches) } catch {
                throw ImportError(file: file, message: error.message)
            }

            // The exporter's order: dataset, then hp ascending.
            let ordered = schedules.sorted {
                let a = NATSOfficialImporter.datasets.firstIndex(of: $0.dataset) ?? 0, b = NATSOfficialImporter.datasets.firstIndex(of: $1.dataset) ?? 0
                return a != b ? a < b : $0.epochs < $1.epochs
            }
            var metrics: [MetricColumn] = [], costs: [MetricColumn] = [], empty: [String] = []
            for schedule in ordered {
                let c = schedule.columns(indices: indices, source: NATSOfficialImporter.source)
                metrics += c.metrics; costs += c.costs; empty += c.empty
            }
            let base = (file as NSString).lastPathComponent
            var provenance: [String: TableAttribute] = [
                "source": .string(NATSOfficialImporter.source + " as \(base)"),
                "source_sha256": .string("\(base) \(sha256(ofFile: file))"),
                "licence": .string("MIT"),
                "paper": .string("Dong et al., NATS-Bench (TPAMI 2021); Dong & Yang, NAS-Bench-201 (ICLR 2020)"),
                "contents": .string("NATS-Bench \(space.rawValue) per-epoch curves from \(base): \(indices.count) architectures, schedules \(ordered.map { "\($0.dataset)@\($0.epochs)ep" }.joined(separator: ", "))"),
                "csv_lines": .int(Int64(lines)),
            ]
            if !empty.isEmpty { provenance["empty_columns"] = .string(empty.joined(separator: ", ")) }
            if let charged = NATSOfficialImporter.chargedCost(costs.map(\.info.id)) { provenance["cost_metric"] = .string(charged) }
            let table = BenchmarkTable(name: name, searchSpace: space.searchSpace, rows: indices.count, provenance: provenance,
                                       archs: archs, metrics: metrics, costs: costs)
            let summary = Summary(space: space, rows: indices.count, lines: lines,
                                  schedules: ordered.map { ($0.dataset, $0.epochs) }, emptyColumns: empty)
            return (table, summary)
        }
    }

    /// The `/archs` of a table of the official indices `indices` (ascending) with arch
    /// strings `arches`: the same layout as `nats-tss` for the topology space (so
    /// `NATSTopologyBenchmark` binds it), the channel lists for the size space.
    static func archColumns(space: Space, indices: [Int], arches: [String]) throws(LineError) -> ArchColumns {
        var archs = ArchColumns()
        archs["index"] = ArchColumn(.int32(indices.map(Int32.init)))
        archs["arch_str"] = ArchColumn(.strings(arches))
        for arch in arches { try Collector.check(arch: arch, space: space) }
        switch space {
        case .tss:
            let cells = arches.compactMap { try? NATSTopologyCell(archString: $0) }
            do { _ = try NATSTopologyIndex(cells: cells) } catch {
                throw LineError(message: "field 'arch': \(error.description); each index must have its own architecture")
            }
            archs.attributes["description"] = .string("one row per architecture of the file, in official index order (index); edge_ops[i] are the 6 edge ops in arch-string order, coded by op_names")
            archs["edge_ops"] = ArchColumn(.int8(cells.flatMap { $0.ops.map { Int8($0.rawValue) } }), shape: [indices.count, 6])
            archs["op_names"] = ArchColumn(.strings(NATSOp.allCases.map(\.name)))
        case .sss:
            let cells = arches.compactMap { try? NATSSizeCell(parsing: $0) }
            guard Set(cells).count == cells.count else {
                throw LineError(message: "field 'arch': two indices have the same channel list; each index must have its own architecture")
            }
            archs.attributes["description"] = .string("one row per architecture of the file, in official index order (index); channels[i] are the 5 channel counts of arch_str")
            archs["channels"] = ArchColumn(.int32(cells.flatMap { $0.channels.map(Int32.init) }), shape: [indices.count, 5])
        }
        return archs
    }

    /// The cost a NATS-Bench search charges, of the cost ids in table order: cifar10-valid's
    /// training seconds, on the longest schedule present.
    static func chargedCost(_ ids: [String]) -> String? {
        ids.filter { $0.hasPrefix("cifar10-valid_train_seconds@") }.last ?? ids.first { $0.contains("_train_seconds@") }
    }

    /// The file's SHA-256 as stored (compressed), read in chunks: the export can be GBs.
    static func sha256(ofFile path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "unreadable" }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let data = try? handle.read(upToCount: 1 << 20), !data.isEmpty { hasher.update(data) }
        return hasher.finalizeHex()
    }
}
