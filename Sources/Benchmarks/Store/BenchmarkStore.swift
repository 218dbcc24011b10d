import Foundation
internal import HDF5Kit
import NASCore
import Synchronization

/// Benchmark tables on disk: HDF5 format v1 (datasets/FORMAT.md).
///
/// ```swift
/// try BenchmarkStore.save(table, to: "datasets/nats-tss.h5")
/// let table = try BenchmarkStore.load("datasets/nats-tss.h5")
/// ```
///
/// Saving is atomic. Loading reads the whole file once, checks the format version and the
/// required groups, and closes it: queries never touch HDF5. HDF5Kit stays behind this type:
/// tables hold `TableAttribute`s and `ArchColumns`, and HDF5's errors arrive as
/// `BenchmarkError`s with the same one-line message.
public enum BenchmarkStore {
    public static let formatVersion: Int64 = 1
    public static let builtBy = "nasreplay \(NASReplayVersion.string)"

    /// The most rows a table may declare (datasets/FORMAT.md, "Limits"); the full
    /// NAS-Bench-101 has 423,624.
    public static let maxRows = 100_000_000
    /// The most values per row of a 2-D metric or cost column (repeats or epochs).
    public static let maxSeriesWidth = 10_000
    /// The most entries of an `/archs` lookup (a dataset whose first extent is not `rows`,
    /// such as `op_names` or `options/<parameter>`), and the most values per row of an
    /// `/archs` column.
    public static let maxArchsLookup = 65_536

    /// Writes `path` atomically.
    ///
    /// - Throws: `BenchmarkError` naming the file and HDF5's reason when the write fails.
    public static func save(_ table: BenchmarkTable, to path: String) throws(BenchmarkError) {
        try checkNames(of: (table.metrics + table.costs).map(\.info), path: path)
        var root = H5Group()
        root.attributes = rootAttributes(name: table.name, searchSpace: table.searchSpace, rows: table.rows, provenance: table.provenance)
        root["archs"] = .group(table.archs.group)
        root["metrics"] = .group(group(of: table.metrics, rows: table.rows))
        if !table.costs.isEmpty { root["costs"] = .group(group(of: table.costs, rows: table.rows)) }
        root.attributes["content_sha256"] = .string(try contentDigest(root))
        do { try HDF5File.write(root, to: path) } catch {
            var failed = BenchmarkError(error)
            failed.isFailedWrite = true
            throw failed
        }
    }

    /// Each column is the dataset /metrics/<dataset>/<id>: both parts must be one name.
    static func checkNames(of columns: [MetricInfo], path: String) throws(BenchmarkError) {
        for info in columns {
            guard PlainName.isValid(info.dataset) else {
                throw BenchmarkError(subject: path, message: "metric dataset '\(info.dataset)' of '\(info.id)' is not a plain name: use \(PlainName.rule)")
            }
            let id = info.id
            guard !id.isEmpty, id != ".", id != "..", !id.contains("/") else {
                throw BenchmarkError(subject: path, message: "metric id '\(id)' cannot be a file name: give it a name without '/', other than '.' and '..'")
            }
        }
    }

    /// The root attributes of a table file, but its `content_sha256`.
    static func rootAttributes(name: String, searchSpace: String, rows: Int, provenance: [String: TableAttribute]) -> [String: H5Attribute] {
        var attributes = provenance.h5
        attributes["format_version"] = .int(formatVersion)
        attributes["name"] = .string(name)
        attributes["search_space"] = .string(searchSpace)
        attributes["rows"] = .int(Int64(rows))
        attributes["built_by"] = .string(builtBy)
        return attributes
    }

    /// What a column's dataset says about it; `axis` names the second dimension of a 2-D one.
    static func columnAttributes(_ info: MetricInfo, axis: MetricSeries.Axis?) -> [String: H5Attribute] {
        var attributes: [String: H5Attribute] = [
            "unit": .string(info.unit), "direction": .string(info.direction.rawValue),
            "source": .string(info.source), "source_column": .string(info.sourceColumn),
            "description": .string(info.summary),
        ]
        if let axis { attributes["axis"] = .string(axis.rawValue) }
        return attributes
    }

    /// `<dataset>/<id>` datasets: float32 [rows], or [rows, width] with an `axis` attribute
    /// for a column with a `series`; float64 for a column kept in double precision.
    static func group(of columns: [MetricColumn], rows: Int) -> H5Group {
        var group = H5Group()
        for column in columns {
            let attributes = columnAttributes(column.info, axis: column.series?.axis)
            let dataset: H5Dataset
            if let series = column.series {
                dataset = H5Dataset(series.exact.map { .float64($0) } ?? .float32(series.values), shape: [rows, series.width], attributes: attributes)
            } else {
                dataset = H5Dataset(column.exact.map { .float64($0) } ?? .float32(column.values), attributes: attributes)
            }
            group.set("\(column.info.dataset)/\(column.info.id)", dataset)
        }
        return group
    }

    /// Reads and validates a table file.
    ///
    /// The file's extents are checked before its data are read: the root's `rows` must be
    /// 1…`maxRows`, every `/metrics` and `/costs` dataset must be [rows] or [rows, width ≤
    /// `maxSeriesWidth`], and every `/archs` dataset [rows] or [rows, width] or a lookup of
    /// at most `maxArchsLookup` entries, so a damaged or hostile file is refused with one
    /// line before anything it declares is allocated (HDF5Kit's `ReadLimits` bound the rest).
    /// From now on `load` lets libhdf5 parse each table in a child process, so a table
    /// forged to pass its checksum cannot crash or corrupt this one (HDF5File's
    /// `parseChecksummedFilesInChildProcess`). The CLI calls it first thing, before any thread
    /// starts; in-process loading stays the default for libraries and tests.
    public static func parseTablesInChildProcess() {
        HDF5File.parseChecksummedFilesInChildProcess()
    }

    /// Which 2-D columns a load reads.
    public enum SeriesSelection: Sendable {
        case all
        /// The 2-D columns `wanted(id, costMetric)` accepts; `costMetric` is the table's
        /// declared `cost_metric`. Plain columns are always read.
        case only(@Sendable (_ id: String, _ costMetric: String?) -> Bool)
    }

    /// A table file larger than this is loaded with only the 2-D columns a command names
    /// (`load`'s `series`); a smaller one is loaded whole, through the tree cache. 256 MB
    /// unless the CLI's `NASREPLAY_WHOLE_LOAD_MB` says otherwise (docs/LIMITS.md).
    public static var wholeLoadBytes: Int { wholeLoadLimit.load(ordering: .relaxed) }
    private static let wholeLoadLimit = Atomic<Int>(256 << 20)

    /// Sets `wholeLoadBytes` (at start-up, before tables are loaded).
    public static func setWholeLoadBytes(_ bytes: Int) { wholeLoadLimit.store(max(0, bytes), ordering: .relaxed) }

    /// Loads a table; `series` says which of its 2-D columns a command needs, and applies to
    /// a file over `wholeLoadBytes` (an import of NATS-Bench's official curves is gigabytes):
    /// the others are listed in `unloaded`, not read.
    public static func load(_ path: String, series: SeriesSelection = .all) throws(BenchmarkError) -> BenchmarkTable {
        try load(path, series: series, wholeLoadBytes: wholeLoadBytes)
    }

    static func load(_ path: String, series: SeriesSelection, wholeLoadBytes: Int) throws(BenchmarkError) -> BenchmarkTable {
        try loadWithTree(path, series: series, wholeLoadBytes: wholeLoadBytes).table
    }

    /// The table and the tree it was built from (what `datasets verify` digests).
    static func loadWithTree(_ path: String, series: SeriesSelection,
                             wholeLoadBytes: Int = wholeLoadBytes) throws(BenchmarkError) -> (table: BenchmarkTable, root: H5Group) {
        var skip: HDF5File.ShapeTest?
        if case .only(let wanted) = series, let size = FileSize.of(path),
           size > wholeLoadBytes {
            skip = { location, shape, root in
                guard shape.count == 2, location.hasPrefix("/metrics/") || location.hasPrefix("/costs/") else { return false }
                let id = String(location.split(separator: "/").last ?? "")
                return !wanted(id, root["cost_metric"]?.stringValue)
            }
        }
        let root: H5Group
        // A table must carry its checksum: one without is never handed to libhdf5 (see
        // HDF5File.read); every table NASReplay builds or imports has one.
        do { root = try HDF5File.read(path, requireChecksum: true, shapeCheck: admit, skip: skip) } catch { throw BenchmarkError(error) }
        return (try table(from: root, path: path), root)
    }

    /// `load`'s check of one dataset's extent against the root attributes, before it is read.
    static func admit(_ location: String, _ shape: [Int], _ root: [String: H5Attribute]) -> String? {
        let rows: Int
        switch declaredRows(root) {
        case .failure(let error): return error.message
        case .success(let r): rows = r
        }
        let rebuild = "rebuild or re-import the table"
        let first = shape.first ?? 0
        if location.hasPrefix("/metrics/") || location.hasPrefix("/costs/") {
            guard first == rows else { return "\(location) has \(first) rows, the table has \(rows); \(rebuild)" }
            if shape.count == 2, !(1...maxSeriesWidth).contains(shape[1]) {
                return "\(location) has \(shape[1]) values per row, outside 1…\(maxSeriesWidth) (datasets/FORMAT.md, Limits); \(rebuild)"
            }
        } else if location.hasPrefix("/archs/") {
            guard first == rows || first <= maxArchsLookup else {
                return "\(location) has \(first) entries: neither the table's \(rows) rows nor a lookup of at most \(maxArchsLookup) (datasets/FORMAT.md, Limits); \(rebuild)"
            }
            if shape.count == 2, shape[1] > maxArchsLookup {
                return "\(location) has \(shape[1]) values per row, above \(maxArchsLookup) (datasets/FORMAT.md, Limits); \(rebuild)"
            }
        } else if shape.reduce(1, { $0.multipliedReportingOverflow(by: $1).partialValue }) > maxArchsLookup {
            return "\(location) is not part of the format and holds more than \(maxArchsLookup) values; \(rebuild)"
        }
        return nil
    }

    /// The root's `rows`, once `format_version` says the file is a table this build reads.
    static func declaredRows(_ root: [String: H5Attribute]) -> Result<Int, BenchmarkError> {
        let rebuild = "rebuild it with `nasreplay datasets build`"
        func fail(_ message: String) -> Result<Int, BenchmarkError> { .failure(BenchmarkError(subject: "", message: message)) }
        guard let version = root["format_version"]?.intValue else {
            return fail("not a NASReplay benchmark (no format_version attribute); \(rebuild)")
        }
        guard version == formatVersion else {
            return fail("format_version \(version) is not supported (this build reads \(formatVersion)); \(rebuild)")
        }
        guard let attribute = root["rows"] else { return fail("missing root attribute 'rows'; \(rebuild)") }
        guard let rows = attribute.intValue else { return fail("root attribute 'rows' must be one integer, not \(attribute); \(rebuild)") }
        guard (1...Int64(maxRows)).contains(rows) else {
            return fail("root attribute 'rows' is \(rows), outside 1…\(maxRows) (datasets/FORMAT.md, Limits); rebuild or re-import the table")
        }
        return .success(Int(rows))
    }

    /// Validates the layout and builds the table; every problem names the file and the fix.
    static func table(from root: H5Group, path: String) throws(BenchmarkError) -> BenchmarkTable {
        let rebuild = "rebuild it with `nasreplay datasets build`"
        if case .failure(let error) = declaredRows(root.attributes) {
            throw BenchmarkError(subject: path, message: error.message)
        }
        for key in ["name", "search_space", "rows"] where root.attributes[key] == nil {
            throw BenchmarkError(subject: path, message: "missing root attribute '\(key)'; \(rebuild)")
        }
        guard let archs = root.group(at: "archs") else {
            throw BenchmarkError(subject: path, message: "missing group /archs; \(rebuild)")
        }
        guard let metricsGroup = root.group(at: "metrics") else {
            throw BenchmarkError(subject: path, message: "missing group /metrics; \(rebuild)")
        }
        let rows = (try? declaredRows(root.attributes).get()) ?? 0
        var unloaded: [UnloadedColumn] = []
        let metrics = try columns(in: metricsGroup, at: "/metrics", rows: rows, path: path, unloaded: &unloaded)
        var costs: [MetricColumn] = []
        if let group = root.group(at: "costs") { costs = try columns(in: group, at: "/costs", rows: rows, path: path, unloaded: &unloaded) }
        var provenance = [String: TableAttribute](root.attributes)
        for key in ["format_version", "name", "search_space", "rows"] { provenance[key] = nil }
        return BenchmarkTable(name: root.attributes["name"]?.stringValue ?? "", searchSpace: root.attributes["search_space"]?.stringValue ?? "",
                              rows: rows, provenance: provenance, archs: ArchColumns(archs), metrics: metrics, costs: costs, unloaded: unloaded)
    }

    /// The columns of `/metrics` or `/costs`: a group per dataset of float32 or float64 [rows] or
    /// [rows, width] datasets (a 2-D one becomes a `MetricSeries` along its `axis`).
    static func columns(in parent: H5Group, at location: String, rows: Int, path: String,
                        unloaded: inout [UnloadedColumn]) throws(BenchmarkError) -> [MetricColumn] {
        let rebuild = "rebuild or re-import the table"
        var columns: [MetricColumn] = []
        for (datasetName, node) in parent.children {
            guard case .group(let group) = node else {
                throw BenchmarkError(subject: path, message: "\(location)/\(datasetName) must be a group of columns; \(rebuild)")
            }
            for (id, child) in group.children {
                let where_ = "\(location)/\(datasetName)/\(id)"
                guard case .dataset(let ds) = child else {
                    throw BenchmarkError(subject: path, message: "\(where_) must be a float32 or float64 column")
                }
                let values: [Float], exact: [Double]?
                switch ds.data {
                case .float32(let v): values = v; exact = nil
                case .float64(let v): values = v.map { Float($0) }; exact = v
                default: throw BenchmarkError(subject: path, message: "\(where_) must be a float32 or float64 column")
                }
                guard let d = ds.attributes["direction"]?.stringValue, let direction = Direction(rawValue: d) else {
                    throw BenchmarkError(subject: path, message: "\(where_) lacks a 'direction' attribute of max or min")
                }
                let info = MetricInfo(
                    id: id, dataset: datasetName, unit: ds.attributes["unit"]?.stringValue ?? "",
                    direction: direction, source: ds.attributes["source"]?.stringValue ?? "",
                    sourceColumn: ds.attributes["source_column"]?.stringValue ?? "",
                    summary: ds.attributes["description"]?.stringValue ?? "")
                if ds.isSkipped {
                    let axis = ds.attributes["axis"]?.stringValue.flatMap(MetricSeries.Axis.init(rawValue:)) ?? .repeat
                    let width = ds.shape.last ?? 0
                    let reader = ds.stored.map { stored in
                        { @Sendable (row: Int) -> Result<[Double], BenchmarkError> in
                            Result { () throws(HDF5Error) in try stored.values(elements: (row * width)..<(row * width + width)) }
                                .mapError { BenchmarkError($0) }
                        }
                    }
                    unloaded.append(UnloadedColumn(info: info, axis: axis, width: width, isCost: location == "/costs",
                                                   isExact: exact != nil, rowReader: reader))
                    continue
                }
                switch ds.shape.count {
                case 1:
                    guard values.count == rows else {
                        throw BenchmarkError(subject: path, message: "\(where_) has \(values.count) values, the table has \(rows) rows; \(rebuild)")
                    }
                    columns.append(exact.map { MetricColumn(info: info, exact: $0) } ?? MetricColumn(info: info, values: values))
                case 2:
                    let width = ds.shape[1]
                    guard ds.shape[0] == rows, width >= 1, values.count == rows * width else {
                        throw BenchmarkError(subject: path, message: "\(where_) has shape \(ds.shape), expected [\(rows), repeats or epochs]; \(rebuild)")
                    }
                    let axisName = ds.attributes["axis"]?.stringValue ?? MetricSeries.Axis.repeat.rawValue
                    guard let axis = MetricSeries.Axis(rawValue: axisName) else {
                        throw BenchmarkError(subject: path, message: "\(where_) has axis '\(axisName)'; expected repeat or epoch")
                    }
                    let series = exact.map { MetricSeries(axis: axis, width: width, exact: $0) } ?? MetricSeries(axis: axis, width: width, values: values)
                    columns.append(MetricColumn(info: info, series: series, rows: rows))
                default:
                    throw BenchmarkError(subject: path, message: "\(where_) has \(ds.shape.count) dimensions; columns are [rows] or [rows, repeats or epochs]")
                }
            }
        }
        return columns
    }

    /// SHA-256 over every attribute (except `content_sha256` itself) and every dataset's
    /// name, type, shape and values, in file order. Any edit to the data changes it. A
    /// dataset a read left out (a large table's curves) is read from its file in chunks.
    static func contentDigest(_ root: H5Group) throws(BenchmarkError) -> String {
        var hasher = ContentHasher()
        do { try feed(root, into: &hasher, skipping: "content_sha256") } catch { throw BenchmarkError(error) }
        return hasher.finalize()
    }

    static func feed(_ group: H5Group, into hasher: inout ContentHasher, skipping skipped: String) throws(HDF5Error) {
        hasher.attributes(group.attributes, marker: "A", skipping: skipped)
        for (name, node) in group.children {
            switch node {
            case .group(let child):
                hasher.beginGroup(name)
                try feed(child, into: &hasher, skipping: "")
                hasher.endGroup()
            case .dataset(let ds):
                hasher.beginDataset(name, typeName: ds.data.typeName, shape: ds.shape, attributes: ds.attributes)
                if ds.isSkipped {
                    guard let stored = ds.stored else {
                        throw HDF5Error(file: "", message: "dataset '\(name)' was not read and its values cannot be read from the file; this is a bug")
                    }
                    try stored.forEachChunk { hasher.values($0) }
                    continue
                }
                switch ds.data {
                case .int8(let a): a.withUnsafeBytes { hasher.values($0) }
                case .uint8(let a): a.withUnsafeBytes { hasher.values($0) }
                case .int32(let a): a.withUnsafeBytes { hasher.values($0) }
                case .int64(let a): a.withUnsafeBytes { hasher.values($0) }
                case .uint64(let a): a.withUnsafeBytes { hasher.values($0) }
                case .float32(let a): a.withUnsafeBytes { hasher.values($0) }
                case .float64(let a): a.withUnsafeBytes { hasher.values($0) }
                case .strings(let a): hasher.strings(a)
                }
            }
        }
    }
}

/// The table's content digest (`content_sha256`), fed in file order: by `contentDigest`
/// from a tree in memory, or by `TableStreamWriter` as it writes, band by band. Both feed
/// the same bytes, so a table has one digest whichever way it was written.
struct ContentHasher {
    private var sha = SHA256()

    mutating func attributes(_ attributes: [String: H5Attribute], marker: String, skipping skipped: String = "") {
        for key in attributes.keys.sorted() where key != skipped {
            sha.update("\(marker)\(key)=\(attributes[key]!)\n")
        }
    }

    mutating func beginGroup(_ name: String) { sha.update("G\(name){\n") }
    mutating func endGroup() { sha.update("}\n") }

    /// A dataset's name, type, shape and attributes; its values follow.
    mutating func beginDataset(_ name: String, typeName: String, shape: [Int], attributes: [String: H5Attribute]) {
        sha.update("D\(name):\(typeName):\(shape)\n")
        self.attributes(attributes, marker: "a")
    }

    /// Values as stored (little-endian), in row-major order; any number of calls per dataset.
    mutating func values(_ bytes: UnsafeRawBufferPointer) { sha.update(buffer: bytes) }

    mutating func strings(_ strings: [String]) {
        for s in strings { sha.update(s); sha.update([0]) }
    }

    mutating func finalize() -> String { sha.finalizeHex() }
}
