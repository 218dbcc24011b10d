import Foundation
internal import HDF5Kit
import NASCore

/// Writes a benchmark table whose columns are too large to hold in memory together
/// (NATS-Bench's official curves: gigabytes of float64), one column at a time, one band of
/// rows at a time.
///
/// ```swift
/// let columns = [TableStreamWriter.Column(info: curveInfo, axis: .epoch, width: 200, isCost: false)]
/// try TableStreamWriter.write(to: "datasets/nats-tss-official.h5", name: "nats-tss-official",
///                             searchSpace: "nats-topology", rows: 15_625, provenance: provenance,
///                             archs: archs, columns: columns) { column, rows, values in
///     spool.read(column, rows: rows, into: values)       // rows.count × width doubles
/// }
/// ```
///
/// The file is `BenchmarkStore.save`'s format (datasets/FORMAT.md), with float64 columns,
/// and its `content_sha256` is the one `BenchmarkStore` computes from the file once loaded
/// (the same `ContentHasher`, fed the same bytes in the same order), so `datasets verify`
/// checks it as any table. Memory is one band of one column; the file is built under a
/// temporary name and renamed into place when complete (`HDF5StreamWriter`).
public enum TableStreamWriter {
    /// One column of the table, written as a float64 dataset.
    public struct Column: Sendable {
        public var info: MetricInfo
        /// The second dimension of a 2-D column; nil for a plain [rows] column.
        public var axis: MetricSeries.Axis?
        /// Values per row (1 for a plain column).
        public var width: Int
        /// A `/costs` column (simulated seconds) rather than a metric.
        public var isCost: Bool

        public init(info: MetricInfo, axis: MetricSeries.Axis?, width: Int, isCost: Bool) {
            self.info = info; self.axis = axis; self.width = width; self.isCost = isCost
        }
    }

    /// Rows per band: 4,096 rows of a 200-epoch float64 curve are 6.5 MB.
    public static let bandRows = 4_096

    /// Writes the table; `fill(column, rows, values)` puts the rows' values (row-major,
    /// `rows.count × width`) of `columns[column]` into `values`.
    ///
    /// Columns are stored as `BenchmarkStore.save` stores a table's: metrics then costs, each
    /// grouped by dataset in the order datasets first appear.
    public static func write(to path: String, name: String, searchSpace: String, rows: Int,
                             provenance: [String: TableAttribute], archs: ArchColumns, columns: [Column],
                             fill: (_ column: Int, _ rows: Range<Int>, _ values: UnsafeMutableBufferPointer<Double>) throws -> Void) throws {
        try BenchmarkStore.checkNames(of: columns.map(\.info), path: path)
        let writer: HDF5StreamWriter
        do { writer = try HDF5StreamWriter(path: path) } catch { throw failedWrite(error) }
        var hasher = ContentHasher()
        let root = BenchmarkStore.rootAttributes(name: name, searchSpace: searchSpace, rows: rows, provenance: provenance)
        hasher.attributes(root, marker: "A")
        let archsGroup = archs.group
        hasher.beginGroup("archs")
        try BenchmarkStore.feed(archsGroup, into: &hasher, skipping: "")
        hasher.endGroup()
        do {
            try writer.setAttributes(root, at: "/")
            try writeTree(archsGroup, at: "archs", to: writer)
            for (groupName, isCost) in [("metrics", false), ("costs", true)] {
                let members = columns.indices.filter { columns[$0].isCost == isCost }
                // `/costs` exists only when the table has costs; `/metrics` always.
                guard !members.isEmpty || !isCost else { continue }
                hasher.beginGroup(groupName)
                if members.isEmpty { try writer.setAttributes([:], at: groupName) }
                for dataset in orderedUnique(members.map { columns[$0].info.dataset }) {
                    hasher.beginGroup(dataset)
                    for c in members where columns[c].info.dataset == dataset {
                        try writeColumn(columns[c], index: c, rows: rows, at: "\(groupName)/\(dataset)/\(columns[c].info.id)",
                                        to: writer, hasher: &hasher, fill: fill)
                    }
                    hasher.endGroup()
                }
                hasher.endGroup()
            }
            try writer.setAttributes(["content_sha256": .string(hasher.finalize())], at: "/")
            try writer.finish()
        } catch let error as HDF5Error {
            writer.abandon()
            throw failedWrite(error)
        } catch {
            writer.abandon()
            throw error
        }
    }

    private static func writeColumn(_ column: Column, index: Int, rows: Int, at location: String, to writer: HDF5StreamWriter,
                                    hasher: inout ContentHasher,
                                    fill: (Int, Range<Int>, UnsafeMutableBufferPointer<Double>) throws -> Void) throws {
        let shape = column.axis == nil ? [rows] : [rows, column.width]
        let attributes = BenchmarkStore.columnAttributes(column.info, axis: column.axis)
        hasher.beginDataset(column.info.id, typeName: "float64", shape: shape, attributes: attributes)
        let dataset = try writer.beginDataset(location, type: .float64, shape: shape, attributes: attributes)
        let band = UnsafeMutableBufferPointer<Double>.allocate(capacity: bandRows * column.width)
        defer { band.deallocate() }
        for start in stride(from: 0, to: rows, by: bandRows) {
            let range = start..<min(rows, start + bandRows)
            let values = UnsafeMutableBufferPointer(rebasing: band[0..<(range.count * column.width)])
            try fill(index, range, values)
            let bytes = UnsafeRawBufferPointer(values)
            // The digest and the write read the same band: side by side, they take the
            // time of the longer (SHA-256 of a full import is about 10 s on one core).
            var written: Result<Void, HDF5Error> = .success(())
            let writing = DispatchWorkItem { written = Result { () throws(HDF5Error) in try writer.append(bytes, to: dataset) } }
            DispatchQueue.global().async(execute: writing)
            hasher.values(bytes)
            writing.wait()
            try written.get()
        }
    }

    /// A group written whole: its attributes, datasets and subgroups, in order.
    private static func writeTree(_ group: H5Group, at location: String, to writer: HDF5StreamWriter) throws(HDF5Error) {
        try writer.setAttributes(group.attributes, at: location)
        for (name, node) in group.children {
            switch node {
            case .group(let child): try writeTree(child, at: location + "/" + name, to: writer)
            case .dataset(let dataset): try writer.write(location + "/" + name, dataset)
            }
        }
    }

    private static func orderedUnique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    private static func failedWrite(_ error: HDF5Error) -> BenchmarkError {
        var failed = BenchmarkError(error)
        failed.isFailedWrite = true
        return failed
    }
}
