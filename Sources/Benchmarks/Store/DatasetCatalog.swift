import Foundation
internal import HDF5Kit
import NASCore

/// The benchmarks NASReplay knows how to build, and where their files live.
///
/// ```swift
/// let catalog = DatasetCatalog(folder: "datasets")
/// try catalog.build("nats-tss", from: "../shared/data")
/// let table = try catalog.load("nats-tss")
/// ```
public struct DatasetCatalog: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        /// Source files, relative to the data folder.
        public var sources: [String]
        /// Data lines (header excluded) of each source file as published; `build` checks them.
        public var sourceRows: [String: Int] = [:]
        public var build: @Sendable (String) throws(ImportError) -> BenchmarkTable
    }

    public static let entries: [Entry] = [
        Entry(name: "nats-tss",
              summary: "NATS-Bench topology space (NAS-Bench-201), all 15,625 cells: accuracies, NASWT/Zen scores, params, 27 latencies",
              sources: [NATSTSSImporter.sourceFile], sourceRows: [NATSTSSImporter.sourceFile: 15_625], build: NATSTSSImporter.build),
        Entry(name: "nb101-sample",
              summary: "NAS-Bench-101 slice: first 20,001 cells in hash order + 500 NASLib zero-cost cells; for queries and smoke tests, not comparisons",
              sources: [NB101SampleImporter.first20kFile, NB101SampleImporter.zc500File],
              sourceRows: [NB101SampleImporter.first20kFile: 20_001, NB101SampleImporter.zc500File: 500], build: NB101SampleImporter.build),
        Entry(name: "ofa-mbv3-dynast",
              summary: "OFA-MobileNetV3 w1.0 sample table: 2,223 distinct sub-networks of five DyNAS-T runs (ImageNet top-1, params, MACs; no latency)",
              sources: DynaSTResultsImporter.ofaRuns,
              sourceRows: Dictionary(uniqueKeysWithValues: zip(DynaSTResultsImporter.ofaRuns, [364, 540, 554, 361, 554])),
              build: DynaSTResultsImporter.buildOFAMobileNetV3),
        Entry(name: "ofa-mbv3-help",
              summary: "OFA-MobileNetV3 with elastic resolution, 5,000 HELP sub-networks: latency on 4 GPUs × batch 1/32/64 (no accuracy)",
              sources: [HELPLatencyImporter.ofaFile], sourceRows: [HELPLatencyImporter.ofaFile: 5_000], build: HELPLatencyImporter.buildOFAMobileNetV3),
        Entry(name: "fbnet-help",
              summary: "FBNet space, 5,000 HELP architectures (22 blocks × 9 ops): latency on 27 device settings (no accuracy)",
              sources: [HELPLatencyImporter.fbnetFile], sourceRows: [HELPLatencyImporter.fbnetFile: 5_000], build: HELPLatencyImporter.buildFBNet),
    ] + HATLatencyImporter.tables.map { table in
        Entry(name: HATLatencyImporter.benchmarkName(table),
              summary: "HAT SubTransformer latencies (\(table.replacingOccurrences(of: "_", with: " "))): ~2,000 configs as per-layer averages, encoder/decoder ms (no BLEU)",
              sources: [HATLatencyImporter.file(table)], sourceRows: [HATLatencyImporter.file(table): 2_000],
              build: { folder throws(ImportError) in try HATLatencyImporter.build(table, from: folder) })
    }

    /// Where built `.h5` files are kept.
    public var folder: String

    public init(folder: String = "datasets") { self.folder = folder }

    public static func entry(_ name: String) throws(BenchmarkError) -> Entry {
        guard let entry = entries.first(where: { $0.name == name }) else {
            let known = entries.map(\.name).joined(separator: ", ")
            throw BenchmarkError(subject: name, message: "unknown benchmark; known benchmarks: \(known)")
        }
        return entry
    }

    /// `<folder>/<name>.h5`, as written; `file(of:)` checks the name first.
    public func path(of name: String) -> String { "\(folder)/\(name).h5" }

    /// The file of a table, once its name is a plain name (`PlainName`), so that it is a
    /// file inside the datasets folder: `../outside` or `a/b` never reach the disk.
    ///
    /// - Throws: `BenchmarkError` quoting the name and the rule.
    public func file(of name: String) throws(BenchmarkError) -> String {
        guard PlainName.isValid(name) else { throw Self.notAName(name) }
        return path(of: name)
    }

    static func notAName(_ name: String) -> BenchmarkError {
        let shown = name.count > 40 ? String(name.prefix(40)) + "…" : name
        return BenchmarkError(subject: "'\(shown)'", message: "not a benchmark name: use \(PlainName.rule) (a table is the file <datasets>/<name>.h5)")
    }

    /// Imports the sources from `dataFolder` and writes `<folder>/<name>.h5` atomically.
    ///
    /// When `dataFolder` holds a `SHA256SUMS` file (as `../shared/data` does), each source
    /// must be listed there and match its checksum before it is read; after the import,
    /// each source must have its published number of data lines (`Entry.sourceRows`). A
    /// truncated, edited or substituted source is an error that names it; nothing is written.
    @discardableResult
    public func build(_ name: String, from dataFolder: String) throws -> BenchmarkTable {
        let entry = try Self.entry(name)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dataFolder, isDirectory: &isFolder), isFolder.boolValue else {
            throw BenchmarkError(subject: dataFolder, message: "source folder not found; pass --from DIR with the benchmark data (e.g. ../shared/data)")
        }
        if let sums = try SourceChecksums(folder: dataFolder) {
            for source in entry.sources { try sums.verify(source) }
        }
        let table = try entry.build(dataFolder)
        for source in entry.sources {
            if let rows = entry.sourceRows[source] { try SourceChecksums.checkRows(source, in: dataFolder, published: rows) }
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try BenchmarkStore.save(table, to: path(of: name))
        return table
    }

    /// Loads a built or imported table, with a hint to build it when it is missing.
    ///
    /// Any `<folder>/<name>.h5` is loaded, not only the catalog's own entries, so the tables
    /// a user imports (`nasreplay datasets import`) answer `datasets info`, `verify` and specs.
    /// `series`: the 2-D columns a command needs, when the table is too large to load whole
    /// (`BenchmarkStore.load`).
    public func load(_ name: String, series: BenchmarkStore.SeriesSelection = .all) throws(BenchmarkError) -> BenchmarkTable {
        try BenchmarkStore.load(try existingFile(of: name), series: series)
    }

    /// The table file of `name`, or an error with the hint to build, import or point at it.
    func existingFile(of name: String) throws(BenchmarkError) -> String {
        let file = try file(of: name)
        guard FileManager.default.fileExists(atPath: file) else {
            guard Self.entries.contains(where: { $0.name == name }) else {
                let known = Self.entries.map(\.name).joined(separator: ", ")
                throw BenchmarkError(subject: name, message: "unknown benchmark: no \(file); known benchmarks: \(known), or a table imported with `nasreplay datasets import` into this folder (tables elsewhere: --datasets DIR or NASREPLAY_DATASETS=DIR)")
            }
            throw BenchmarkError(subject: file, message: "not built yet; run `nasreplay datasets build \(name)` (or `make datasets` in the checkout), or point --datasets DIR or the NASREPLAY_DATASETS environment variable at the folder that holds \(name).h5")
        }
        return file
    }

    /// Names of the tables in the folder that are not catalog entries (the imported ones).
    /// A file whose name is not a plain name cannot be named by a command, so it is left out.
    public func importedNames() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let known = Set(Self.entries.map(\.name))
        return files.filter { $0.hasSuffix(".h5") }.map { String($0.dropLast(3)) }
            .filter { !known.contains($0) && PlainName.isValid($0) }.sorted()
    }

    /// Checks the stored checksum and the schema; returns what was checked, one line each.
    public func verify(_ name: String, dataFolder: String?) throws -> [String] {
        let file = try existingFile(of: name)
        // The schema, and the tree to digest; a large table's curves are digested from the
        // file in chunks, never held.
        let (table, root) = try BenchmarkStore.loadWithTree(file, series: .only { _, _ in false })
        var report = [HDF5File.checksumStamp(file).map { "file checksum: xxh64 \($0) (matches)" } ?? "file checksum: none",
                      "schema: format v\(BenchmarkStore.formatVersion), required groups and attributes present"]
        let series = (table.metrics + table.costs).compactMap { $0.series.map { s in "\(s.label)" } } + table.unloaded.map(\.label)
        if !series.isEmpty {
            let counts = Dictionary(grouping: series, by: { $0 }).map { "\($1.count) × \($0)" }.sorted()
            report.append("2-D columns: \(counts.joined(separator: ", ")) per row, [\(table.rows), n] each")
        }
        guard let stored = root.attributes["content_sha256"]?.stringValue else {
            throw BenchmarkError(subject: file, message: "no content_sha256 attribute; rebuild with `nasreplay datasets build \(name)`")
        }
        let actual = try BenchmarkStore.contentDigest(root)
        guard stored == actual else {
            throw BenchmarkError(subject: file, message: "content checksum mismatch (stored \(stored.prefix(12))…, actual \(actual.prefix(12))…): the file was modified; rebuild it with `nasreplay datasets build \(name)`")
        }
        report.append("content sha256: \(actual) (matches)")
        if let dataFolder, let recorded = root.attributes["source_sha256"]?.stringValue {
            for line in recorded.split(separator: ";") {
                let parts = line.split(separator: " ").map(String.init)
                guard parts.count == 2 else { continue }
                let source = dataFolder + "/" + parts[0]
                if let bytes = try? GzipFile.readRaw(source) {
                    let sha = SHA256.hex(bytes)
                    guard sha == parts[1] else {
                        throw BenchmarkError(subject: source, message: "differs from the file the table was built from (sha256 \(sha.prefix(12))… vs \(parts[1].prefix(12))…); rebuild the table")
                    }
                    report.append("source \(parts[0]): sha256 matches")
                } else {
                    report.append("source \(parts[0]): not found under \(dataFolder), not compared")
                }
            }
        }
        return report
    }
}
