import Foundation
import NASCore
import SearchSpaces

/// Builds a sample table from a user's CSV (plain or gzip) with a `GenericCSVMapping`.
///
/// ```swift
/// let table = try GenericCSVImporter.build(csv: "runs.csv", mapping: mapping)
/// let bench = try SampleTableBenchmark(table: table, offTable: OffTablePolicy(parsing: "surrogate:knn"))
/// ```
///
/// Rows with the same genes are merged with their metrics averaged (`/archs/repeats`), as
/// for the DyNAS-T runs. Every problem is an `ImportError` with the file, the line and the
/// column.
public enum GenericCSVImporter {
    public static func build(csv path: String, mapping: GenericCSVMapping) throws(ImportError) -> BenchmarkTable {
        let csv = try CSVTable.read(path)
        guard csv.rowCount > 0 else { throw ImportError(file: path, message: "has a header but no data rows; a table needs at least one row") }
        guard !mapping.genes.isEmpty else { throw ImportError(file: path, message: "the mapping names no gene columns") }
        guard !mapping.metrics.isEmpty else { throw ImportError(file: path, message: "the mapping names no metric columns") }

        // Cell values per gene column, each a list (one value for scalar columns).
        var cells: [[[Double]]] = []
        for gene in mapping.genes {
            let c = try csv.column(gene.column)
            var column: [[Double]] = []
            for (k, row) in csv.rows.enumerated() {
                let parts = gene.separator.map { s in row[c].split(separator: s, omittingEmptySubsequences: false).map(String.init) } ?? [row[c]]
                var values: [Double] = []
                for p in parts {
                    guard let v = Double(p.trimmingSpaces), v.isFinite else {
                        throw ImportError(file: path, line: k + 2, message: "gene column '\(gene.column)' has non-numeric value '\(row[c])'")
                    }
                    values.append(v)
                }
                if let first = column.first, first.count != values.count {
                    throw ImportError(file: path, line: k + 2, message: "gene column '\(gene.column)' has \(values.count) values; line 2 has \(first.count)")
                }
                column.append(values)
            }
            cells.append(column)
        }
        var parameters: [GeneParameter] = []
        for (gene, column) in zip(mapping.genes, cells) {
            let count = column.first?.count ?? 1
            let options = gene.options ?? Array(Set(column.joined())).sorted()
            guard options.count <= 65_536 else {
                throw ImportError(file: path, message: "gene column '\(gene.column)' has \(options.count) distinct values; a gene needs a finite option list")
            }
            parameters.append(GeneParameter(gene.name, count: count, options: options))
        }
        let layout = GeneLayout(parameters)

        var infos: [MetricInfo] = []
        var values: [[Double]] = []
        for m in mapping.metrics {
            infos.append(MetricInfo(id: m.id, dataset: m.dataset, unit: m.unit, direction: m.direction, source: mapping.source,
                                    sourceColumn: m.column, summary: m.summary.isEmpty ? "column '\(m.column)' of \((path as NSString).lastPathComponent)" : m.summary))
            values.append(try csv.doubles(m.column))
        }
        let ids = infos.map(\.id)
        if let dup = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
            throw ImportError(file: path, message: "metric id '\(dup)' is mapped twice; give each metric its own id")
        }

        var builder = SampleTableBuilder(layout: layout, metrics: infos, sourceNames: [(path as NSString).lastPathComponent])
        for k in 0..<csv.rowCount {
            var genes: [Int] = []
            for (p, column) in cells.enumerated() {
                for v in column[k] {
                    guard let i = parameters[p].index(of: v) else {
                        throw ImportError(file: path, line: k + 2, message: "gene column '\(mapping.genes[p].column)' value \(GeneParameter.pythonNumber(v)) is not one of the mapped options \(parameters[p].optionList)")
                    }
                    genes.append(i)
                }
            }
            let config = mapping.genes.map { g in "\(g.name)=\(csv.rows[k][csv.header.firstIndex(of: g.column) ?? 0])" }.joined(separator: ",")
            builder.add(genes: genes, config: config, values: values.map { $0[k] }, source: 0)
        }
        var digest = ""
        if let bytes = try? GzipFile.readRaw(path) { digest = "\((path as NSString).lastPathComponent) \(SHA256.hex(bytes))" }
        return builder.table(
            name: mapping.name, searchSpace: mapping.searchSpace,
            provenance: ["source": .string(mapping.source), "source_sha256": .string(digest), "licence": .string(mapping.licence)],
            description: "one row per distinct gene vector of \((path as NSString).lastPathComponent); genes index the options of each mapped column")
    }
}
