import Foundation
import NASCore
import SearchSpaces

/// Collects source rows of a sample table, merges rows with the same gene vector, and builds
/// the format v1 table.
///
/// ```swift
/// var builder = SampleTableBuilder(layout: space.layout, metrics: infos, sourceNames: files)
/// builder.add(genes: g, config: text, values: [params, macs, acc], source: 2)
/// let table = builder.table(name: "ofa-mbv3-dynast", searchSpace: "ofa-mbv3", provenance: p, description: d)
/// ```
///
/// A repeated gene vector becomes one row whose values are the mean of its source values
/// (NaN-free values only), with the repeat count in `/archs/repeats` and the sources it came
/// from as a bit mask in `/archs/sources`. Rows keep the order in which they were first seen.
public struct SampleTableBuilder {
    public let layout: GeneLayout
    public var metrics: [MetricInfo]
    public let sourceNames: [String]
    private var index: [[Int]: Int] = [:]
    private(set) var genes: [[Int]] = []
    private(set) var configs: [String] = []
    private var sums: [[Double]] = []
    private var counts: [[Int]] = []
    private(set) var repeats: [Int] = []
    private var sources: [Int32] = []

    public init(layout: GeneLayout, metrics: [MetricInfo], sourceNames: [String]) {
        precondition(sourceNames.count <= 31, "source bit mask is int32")
        self.layout = layout; self.metrics = metrics; self.sourceNames = sourceNames
    }

    public var rowCount: Int { genes.count }
    public var sourceRowCount: Int { repeats.reduce(0, +) }

    /// Adds one source row.
    ///
    /// - Complexity: O(genes + metrics)
    public mutating func add(genes g: [Int], config: String, values: [Double], source: Int) {
        let row: Int
        if let r = index[g] {
            row = r
        } else {
            row = genes.count
            index[g] = row
            genes.append(g); configs.append(config)
            sums.append(Array(repeating: 0, count: metrics.count))
            counts.append(Array(repeating: 0, count: metrics.count))
            repeats.append(0); sources.append(0)
        }
        repeats[row] += 1
        sources[row] |= Int32(1) << Int32(source)
        for (m, v) in values.enumerated() where !v.isNaN {
            sums[row][m] += v
            counts[row][m] += 1
        }
    }

    /// Metric columns of the merged rows: the mean per row, NaN where no source had a value.
    public func columns() -> [MetricColumn] {
        metrics.enumerated().map { m, info in
            MetricColumn(info: info, values: (0..<genes.count).map { r in
                counts[r][m] == 0 ? .nan : Float(sums[r][m] / Double(counts[r][m]))
            })
        }
    }

    /// Whether a metric is 0 in every source row (a column the source did not measure).
    public func isAllZero(_ m: Int) -> Bool {
        (0..<genes.count).allSatisfy { sums[$0][m] == 0 }
    }

    /// Drops the metric columns that are 0 in every row; returns their descriptions.
    public mutating func dropAllZeroColumns() -> [MetricInfo] {
        let zero = (0..<metrics.count).filter(isAllZero)
        let dropped = zero.map { metrics[$0] }
        let keep = (0..<metrics.count).filter { !zero.contains($0) }
        metrics = keep.map { metrics[$0] }
        sums = sums.map { s in keep.map { s[$0] } }
        counts = counts.map { c in keep.map { c[$0] } }
        return dropped
    }

    public func table(name: String, searchSpace: String, provenance: [String: TableAttribute], description: String) -> BenchmarkTable {
        let archs = SampleTableLayout.archColumns(layout: layout, genes: genes, configs: configs, repeats: repeats,
                                                 sources: sources, sourceNames: sourceNames, description: description)
        var provenance = provenance
        provenance["sample_rows"] = .int(Int64(sourceRowCount))
        return BenchmarkTable(name: name, searchSpace: searchSpace, rows: genes.count, provenance: provenance,
                              archs: archs, metrics: columns())
    }

    /// `file sha256` lines for the `source_sha256` attribute.
    public static func sourceDigests(_ files: [(relative: String, path: String)]) throws(ImportError) -> String {
        var lines: [String] = []
        for f in files { lines.append("\(f.relative) \(SHA256.hex(try GzipFile.readRaw(f.path)))") }
        return lines.joined(separator: ";")
    }
}
