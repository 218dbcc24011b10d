import Foundation
internal import HDF5Kit
import NASCore

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

    /// Writes `path` atomically.
    ///
    /// - Throws: `BenchmarkError` naming the file and HDF5's reason when the write fails.
    public static func save(_ table: BenchmarkTable, to path: String) throws(BenchmarkError) {
        var root = H5Group()
        root.attributes = table.provenance.h5
        root.attributes["format_version"] = .int(formatVersion)
        root.attributes["name"] = .string(table.name)
        root.attributes["search_space"] = .string(table.searchSpace)
        root.attributes["rows"] = .int(Int64(table.rows))
        root.attributes["built_by"] = .string(builtBy)
        root["archs"] = .group(table.archs.group)
        root["metrics"] = .group(group(of: table.metrics, rows: table.rows))
        if !table.costs.isEmpty { root["costs"] = .group(group(of: table.costs, rows: table.rows)) }
        root.attributes["content_sha256"] = .string(contentDigest(root))
        do { try HDF5File.write(root, to: path) } catch { throw BenchmarkError(error) }
    }

    /// `<dataset>/<id>` datasets: float32 [rows], or [rows, width] with an `axis` attribute
    /// for a column with a `series`.
    static func group(of columns: [MetricColumn], rows: Int) -> H5Group {
        var group = H5Group()
        for column in columns {
            let info = column.info
            var attributes: [String: H5Attribute] = [
                "unit": .string(info.unit), "direction": .string(info.direction.rawValue),
                "source": .string(info.source), "source_column": .string(info.sourceColumn),
                "description": .string(info.summary),
            ]
            let dataset: H5Dataset
            if let series = column.series {
                attributes["axis"] = .string(series.axis.rawValue)
                dataset = H5Dataset(.float32(series.values), shape: [rows, series.width], attributes: attributes)
            } else {
                dataset = H5Dataset(.float32(column.values), attributes: attributes)
            }
            group.set("\(info.dataset)/\(info.id)", dataset)
        }
        return group
    }

    public static func load(_ path: String) throws(BenchmarkError) -> BenchmarkTable {
        let root: H5Group
        do { root = try HDF5File.read(path) } catch { throw BenchmarkError(error) }
        return try table(from: root, path: path)
    }

    /// Validates the layout and builds the table; every problem names the file and the fix.
    static func table(from root: H5Group, path: String) throws(BenchmarkError) -> BenchmarkTable {
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
        let metrics = try columns(in: metricsGroup, at: "/metrics", rows: rows, path: path)
        let costs = try root.group(at: "costs").map { g throws(BenchmarkError) in try columns(in: g, at: "/costs", rows: rows, path: path) } ?? []
        var provenance = [String: TableAttribute](root.attributes)
        for key in ["format_version", "name", "search_space", "rows"] { provenance[key] = nil }
        return BenchmarkTable(name: root.attributes["name"]?.stringValue ?? "", searchSpace: root.attributes["search_space"]?.stringValue ?? "",
                              rows: rows, provenance: provenance, archs: ArchColumns(archs), metrics: metrics, costs: costs)
    }

    /// The columns of `/metrics` or `/costs`: a group per dataset of float32 [rows] or
    /// [rows, width] datasets (a 2-D one becomes a `MetricSeries` along its `axis`).
    static func columns(in parent: H5Group, at location: String, rows: Int, path: String) throws(BenchmarkError) -> [MetricColumn] {
        let rebuild = "rebuild or re-import the table"
        var columns: [MetricColumn] = []
        for (datasetName, node) in parent.children {
            guard case .group(let group) = node else {
                throw BenchmarkError(subject: path, message: "\(location)/\(datasetName) must be a group of columns; \(rebuild)")
            }
            for (id, child) in group.children {
                let where_ = "\(location)/\(datasetName)/\(id)"
                guard case .dataset(let ds) = child, case .float32(let values) = ds.data else {
                    throw BenchmarkError(subject: path, message: "\(where_) must be a float32 column")
                }
                guard let d = ds.attributes["direction"]?.stringValue, let direction = Direction(rawValue: d) else {
                    throw BenchmarkError(subject: path, message: "\(where_) lacks a 'direction' attribute of max or min")
                }
                let info = MetricInfo(
                    id: id, dataset: datasetName, unit: ds.attributes["unit"]?.stringValue ?? "",
                    direction: direction, source: ds.attributes["source"]?.stringValue ?? "",
                    sourceColumn: ds.attributes["source_column"]?.stringValue ?? "",
                    summary: ds.attributes["description"]?.stringValue ?? "")
                switch ds.shape.count {
                case 1:
                    guard values.count == rows else {
                        throw BenchmarkError(subject: path, message: "\(where_) has \(values.count) values, the table has \(rows) rows; \(rebuild)")
                    }
                    columns.append(MetricColumn(info: info, values: values))
                case 2:
                    let width = ds.shape[1]
                    guard ds.shape[0] == rows, width >= 1, values.count == rows * width else {
                        throw BenchmarkError(subject: path, message: "\(where_) has shape \(ds.shape), expected [\(rows), repeats or epochs]; \(rebuild)")
                    }
                    let axisName = ds.attributes["axis"]?.stringValue ?? MetricSeries.Axis.repeat.rawValue
                    guard let axis = MetricSeries.Axis(rawValue: axisName) else {
                        throw BenchmarkError(subject: path, message: "\(where_) has axis '\(axisName)'; expected repeat or epoch")
                    }
                    columns.append(MetricColumn(info: info, series: MetricSeries(axis: axis, width: width, values: values), rows: rows))
                default:
                    throw BenchmarkError(subject: path, message: "\(where_) has \(ds.shape.count) dimensions; columns are [rows] or [rows, repeats or epochs]")
                }
            }
        }
        return columns
    }

    /// SHA-256 over every attribute (except `content_sha256` itself) and every dataset's
    /// name, type, shape and values, in file order. Any edit to the data changes it.
    static func contentDigest(_ root: H5Group) -> String {
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
