import Foundation
import NASCore
import SearchSpaces

/// Imports NATS-Bench's official benchmark directory natively: `meta.pickle.pbz2` and one
/// `NNNNNN.pickle.pbz2` per cell (`NATS-tss-v1_0-3ffb9-simple/`, `NATS-sss-v1_0-50262-simple/`),
/// read with libbz2 and `RestrictedUnpickler`; no Python.
///
/// ```swift
/// let summary = try NATSOfficialPickleImporter.importDirectory("NATS-tss-v1_0-3ffb9-simple",
///                                                              to: "datasets/nats-tss-official.h5", name: "nats-tss-official")
/// let table = try BenchmarkStore.load("datasets/nats-tss-official.h5")
/// try table.metric("cifar10-valid_valid_acc@200ep").series?.exact   // [cells × 200], mean over seeds
/// ```
///
/// The columns are `NATSOfficialCell`'s, in double precision (float64: the files' values are
/// doubles, and float32 would move them by up to 6e-8 relative): per (dataset, hp) the mean
/// curves, the costs, params/FLOPs/latency, and each seed's curves where the schedule has
/// more than one seed.
///
/// A folder with only some cell files (the 3-cell fixture) imports the cells present, in
/// official index order; `provenance["cells"]` says how many of the space's.
///
/// It streams: cells are read in parallel batches and their values spooled to a scratch
/// file beside the output (`ColumnSpool`), then the table is written column by column
/// (`TableStreamWriter`). Memory is a batch of cells, a band of one column and each
/// column's spool buffer, whatever the folder holds; the full topology space is about
/// 2.6 GB of float64 on disk.
public enum NATSOfficialPickleImporter {
    public struct Summary: Sendable {
        public var space: NATSOfficialImporter.Space
        public var cells: Int
        public var schedules: [(dataset: String, epochs: Int)]
        public var emptyColumns: [String]
        public var metrics: Int
        public var costs: Int
        /// `provenance["cells"]`: "3 of the space's 15625".
        public var cellsOfSpace: String
    }

    static let source = "D-X-Y/NATS-Bench official benchmark files (MIT), read natively"
    /// The most decompressed bytes of one cell file (an official one is about 0.33 MB).
    static let maxCellBytes = 16 << 20

    /// Imports the cells in `directory` into the table file `output` (written atomically);
    /// `progress(done, total)` is called as cells are read.
    ///
    /// - Parameter asNamed: the official API's reading, as a named variant: a file's name
    ///   alone says whose cell it is, and its architecture is the meta file's, whatever
    ///   `arch_index` and `arch_str` inside say. Off (the default), a file that says it is
    ///   another cell is refused, since a misnamed file would silently give one architecture
    ///   another's results.
    @discardableResult
    public static func importDirectory(_ directory: String, to output: String, name: String, asNamed: Bool = false,
                                       threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                                       progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        let (metaPath, archs, space) = try meta(in: directory)
        let total = space.capacity
        let files = try cellFiles(in: directory, total: total)
        guard !files.isEmpty else {
            throw ImportError(file: directory, message: "holds meta.pickle.pbz2 but no cell files (NNNNNN.pickle.pbz2); nothing to import")
        }
        let indices = files.map(\.index)
        let archColumns: ArchColumns
        do { archColumns = try NATSOfficialImporter.archColumns(space: space, indices: indices, arches: indices.map { archs[$0] }) } catch {
            throw ImportError(file: metaPath, message: error.message)
        }
        let folder = (output as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let spool = try ColumnSpool(besides: output, rows: files.count)
        var columnOf: [NATSOfficialCell.Key: Int] = [:]
        var keys: [NATSOfficialCell.Key] = []
        var seen = Set<NATSOfficialCell.Key>()
        // Decompressing and reading cells is the work (about 7 ms of bzip2 per cell): batches
        // of cells are measured in parallel, then spooled in index order, so the table does
        // not depend on the thread count and memory holds one batch of cells.
        let workers = max(1, threads)
        let batch = workers * 8
        for start in stride(from: 0, to: files.count, by: batch) {
            let range = start..<min(files.count, start + batch)
            let measured = Measured(count: range.count)
            let lanes = max(1, min(workers, range.count))
            DispatchQueue.concurrentPerform(iterations: lanes) { worker in
                for k in stride(from: worker, to: range.count, by: lanes) {
                    let file = files[range.lowerBound + k]
                    measured.set(k, Result { () throws(ImportError) -> NATSOfficialCell in
                        let root = try RestrictedUnpickler.load(try Bzip2File.read(file.path, maxBytes: maxCellBytes), file: file.path)
                        do {
                            return try NATSOfficialCell(root, index: file.index, arch: archs[file.index], asNamed: asNamed)
                        } catch let error as NATSOfficialImporter.LineError {
                            throw ImportError(file: file.path, message: error.message)
                        } catch {
                            throw ImportError(file: file.path, message: "\(error)")
                        }
                    })
                }
            }
            for (k, result) in measured.results.enumerated() {
                let row = range.lowerBound + k, file = files[row]
                let cell: NATSOfficialCell
                switch result {
                case .success(let value): cell = value
                case .failure(let error): throw error
                case nil: throw ImportError(file: file.path, message: "was not read; this is a bug in the reader")
                }
                for (key, values) in cell.columns {
                    seen.insert(key)
                    let column: Int
                    if let known = columnOf[key] { column = known } else {
                        // A column starts at its first value: one the files never fill
                        // (cifar10 has no valid split) is left out.
                        guard values.contains(where: { !$0.isNaN }) else { continue }
                        column = spool.addColumn(width: key.width)
                        columnOf[key] = column
                        keys.append(key)
                    }
                    guard values.count == spool.width(of: column) else {
                        throw ImportError(file: file.path, message: "\(key.id) has \(values.count) epochs where earlier cells have \(spool.width(of: column)); the folder mixes files of different versions")
                    }
                    try spool.append(row: row, values, to: column)
                }
                progress?(row + 1, files.count)
            }
        }
        try spool.finish()

        let order = keys.indices.sorted { NATSOfficialCell.Key.precedes(keys[$0], keys[$1]) }
        let columns = order.map { c in
            TableStreamWriter.Column(info: keys[c].info(source: source), axis: keys[c].quantity.isCurve ? .epoch : nil,
                                     width: keys[c].width, isCost: keys[c].quantity.isCost)
        }
        let schedules = uniqueSchedules(keys.sorted(by: NATSOfficialCell.Key.precedes))
        let empty = seen.subtracting(keys).sorted(by: NATSOfficialCell.Key.precedes).map(\.id)
        let base = (directory as NSString).lastPathComponent
        let cells = "\(files.count) of the space's \(total)"
        var provenance: [String: TableAttribute] = [
            "source": .string(source + " from \(base)/"),
            "source_sha256": .string("meta.pickle.pbz2 \(NATSOfficialImporter.sha256(ofFile: metaPath))"),
            "licence": .string("MIT"),
            "paper": .string("Dong et al., NATS-Bench (TPAMI 2021); Dong & Yang, NAS-Bench-201 (ICLR 2020)"),
            "cells": .string(cells),
            "contents": .string("NATS-Bench \(space.rawValue) from the official files in \(base)/: \(cells) cells, schedules \(schedules.map { "\($0.dataset)@\($0.epochs)ep" }.joined(separator: ", "))"),
        ]
        if !empty.isEmpty { provenance["empty_columns"] = .string(empty.joined(separator: ", ")) }
        if let charged = NATSOfficialImporter.chargedCost(columns.filter(\.isCost).map(\.info.id)) {
            provenance["cost_metric"] = .string(charged)
        }
        try TableStreamWriter.write(to: output, name: name, searchSpace: space.searchSpace, rows: files.count, provenance: provenance,
                                    archs: archColumns, columns: columns) { column, rows, values in
            try spool.read(order[column], rows: rows, into: values)
        }
        return Summary(space: space, cells: files.count, schedules: schedules, emptyColumns: empty,
                       metrics: columns.filter { !$0.isCost }.count, costs: columns.filter(\.isCost).count, cellsOfSpace: cells)
    }

    /// `nats-tss-official` or `nats-sss`, by the space `directory`'s meta file says.
    public static func defaultName(directory: String) throws -> String {
        try meta(in: directory).space == .sss ? "nats-sss" : "nats-tss-official"
    }

    /// `meta.pickle.pbz2`: its path, every architecture string by official index, and the
    /// space its `total_archs` says.
    static func meta(in directory: String) throws -> (path: String, archs: [String], space: NATSOfficialImporter.Space) {
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
        return (metaPath, archs, space)
    }

    /// The table of the cells in `directory`, imported into a temporary file and loaded:
    /// for tests and small folders.
    public static func read(directory: String, name: String, asNamed: Bool = false) throws -> (BenchmarkTable, Summary) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nats-official-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let summary = try importDirectory(directory, to: folder + "/\(name).h5", name: name, asNamed: asNamed)
        return (try BenchmarkStore.load(folder + "/\(name).h5"), summary)
    }

    /// The (dataset, hp) pairs of the columns, in the table's order.
    static func uniqueSchedules(_ keys: [NATSOfficialCell.Key]) -> [(dataset: String, epochs: Int)] {
        var out: [(dataset: String, epochs: Int)] = []
        for key in keys where !out.contains(where: { $0.dataset == key.dataset && $0.epochs == key.epochs }) {
            out.append((key.dataset, key.epochs))
        }
        return out
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

    /// Reads one cell file's decompressed pickle as an import does, without the identity
    /// checks (`asNamed`); returns how many columns it gives. For fuzzing.
    public static func measureCell(pickle bytes: [UInt8], file: String) throws(ImportError) -> Int {
        let root = try RestrictedUnpickler.load(bytes, file: file)
        do {
            return try NATSOfficialCell(root, index: 0, arch: "", asNamed: true).columns.count
        } catch let error as NATSOfficialImporter.LineError {
            throw ImportError(file: file, message: error.message)
        } catch {
            throw ImportError(file: file, message: "\(error)")
        }
    }

    /// Per-batch results, one slot per cell: each worker writes only its own slots.
    final class Measured: @unchecked Sendable {
        private(set) var results: [Result<NATSOfficialCell, ImportError>?]
        private let lock = NSLock()
        init(count: Int) { results = Array(repeating: nil, count: count) }
        func set(_ k: Int, _ result: Result<NATSOfficialCell, ImportError>) {
            lock.lock(); defer { lock.unlock() }
            results[k] = result
        }
    }
}
