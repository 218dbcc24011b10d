import Foundation
import HDF5Kit
import NASCore

/// Benchmark tables on disk: HDF5 format v1 (datasets/FORMAT.md).
///
/// ```swift
/// try BenchmarkStore.save(table, to: "datasets/nats-tss.h5")
/// let table = try BenchmarkStore.load("datasets/nats-tss.h5")
/// ```
///
/// Saving is atomic. Loading reads the whole file once, checks the format version and the
/// required groups, and closes it: queries never touch HDF5.
public enum BenchmarkStore {
    public static let formatVersion: Int64 = 1
    public static let builtBy = "nasreplay \(NASReplayVersion.string)"

    public static func save(_ table: BenchmarkTable, to path: String) throws(HDF5Error) {
        var root = H5Group()
        root.attributes = table.provenance
        root.attributes["format_version"] = .int(formatVersion)
        root.attributes["name"] = .string(table.name)
        root.attributes["search_space"] = .string(table.searchSpace)
        root.attributes["rows"] = .int(Int64(table.rows))
        root.attributes["built_by"] = .string(builtBy)
        root["archs"] = .group(table.archs)
        var metrics = H5Group()
        for column in table.metrics {
            let info = column.info
            metrics.set("\(info.dataset)/\(info.id)", H5Dataset(.float32(column.values), attributes: [
                "unit": .string(info.unit), "direction": .string(info.direction.rawValue),
                "source": .string(info.source), "source_column": .string(info.sourceColumn),
                "description": .string(info.summary),
            ]))
        }
        root["metrics"] = .group(metrics)
        root.attributes["content_sha256"] = .string(contentDigest(root))
        try HDF5File.write(root, to: path)
    }

    public static func load(_ path: String) throws(BenchmarkError) -> BenchmarkTable {
        let root: H5Group
        do { root = try HDF5File.read(path) } catch {
            throw BenchmarkError(subject: path, message: error.message + (error.stack.first.map { " (HDF5: \($0))" } ?? ""))
        }
        return try table(from: root, path: path)
    }

    /// Validates the layout and builds the table; every problem names the file and the fix.
    public static func table(from root: H5Group, path: String) throws(BenchmarkError) -> BenchmarkTable {
        let rebuild = "rebuild it with `nasreplay datasets build`"
        guard let version = root.attributes["format_version"]?.intValue else {
            throw BenchmarkError(subject: path, message: "not a NASReplay benchmark (no format_version attribute); \(rebuild)")
        }
        guard version == formatVersion else {
            throw BenchmarkError(subject: path, message: "format_version \(version) is not supported (this build reads \(formatVersion)); \(rebuild)")
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
        let rows = Int(root.attributes["rows"]?.intValue ?? -1)
        var metrics: [MetricColumn] = []
        for (datasetName, node) in metricsGroup.children {
            guard case .group(let group) = node else {
                throw BenchmarkError(subject: path, message: "/metrics/\(datasetName) must be a group of metric columns")
            }
            for (id, child) in group.children {
                let where_ = "/metrics/\(datasetName)/\(id)"
                guard case .dataset(let ds) = child, case .float32(let values) = ds.data else {
                    throw BenchmarkError(subject: path, message: "\(where_) must be a float32 column")
                }
                guard values.count == rows else {
                    throw BenchmarkError(subject: path, message: "\(where_) has \(values.count) values, the table has \(rows) rows; \(rebuild)")
                }
                guard let d = ds.attributes["direction"]?.stringValue, let direction = Direction(rawValue: d) else {
                    throw BenchmarkError(subject: path, message: "\(where_) lacks a 'direction' attribute of max or min")
                }
                metrics.append(MetricColumn(info: MetricInfo(
                    id: id, dataset: datasetName, unit: ds.attributes["unit"]?.stringValue ?? "",
                    direction: direction, source: ds.attributes["source"]?.stringValue ?? "",
                    sourceColumn: ds.attributes["source_column"]?.stringValue ?? "",
                    summary: ds.attributes["description"]?.stringValue ?? ""), values: values))
            }
        }
        var provenance = root.attributes
        for key in ["format_version", "name", "search_space", "rows"] { provenance[key] = nil }
        return BenchmarkTable(name: root.attributes["name"]?.stringValue ?? "", searchSpace: root.attributes["search_space"]?.stringValue ?? "",
                              rows: rows, provenance: provenance, archs: archs, metrics: metrics)
    }

    /// SHA-256 over every attribute (except `content_sha256` itself) and every dataset's
    /// name, type, shape and values, in file order. Any edit to the data changes it.
    public static func contentDigest(_ root: H5Group) -> String {
        var hasher = SHA256()
        feed(root, into: &hasher, skipping: "content_sha256")
        return hasher.finalizeHex()
    }

    private static func feed(_ group: H5Group, into hasher: inout SHA256, skipping skipped: String) {
        for key in group.attributes.keys.sorted() where key != skipped {
            hasher.update("A\(key)=\(group.attributes[key]!)\n")
        }
        for (name, node) in group.children {
            switch node {
            case .group(let child):
                hasher.update("G\(name){\n")
                feed(child, into: &hasher, skipping: "")
                hasher.update("}\n")
            case .dataset(let ds):
                hasher.update("D\(name):\(ds.data.typeName):\(ds.shape)\n")
                for key in ds.attributes.keys.sorted() { hasher.update("a\(key)=\(ds.attributes[key]!)\n") }
                switch ds.data {
                case .int8(let a): a.withUnsafeBytes { hasher.update($0) }
                case .uint8(let a): hasher.update(a)
                case .int32(let a): a.withUnsafeBytes { hasher.update($0) }
                case .int64(let a): a.withUnsafeBytes { hasher.update($0) }
                case .uint64(let a): a.withUnsafeBytes { hasher.update($0) }
                case .float32(let a): a.withUnsafeBytes { hasher.update($0) }
                case .float64(let a): a.withUnsafeBytes { hasher.update($0) }
                case .strings(let a): for s in a { hasher.update(s); hasher.update([0]) }
                }
            }
        }
    }
}
