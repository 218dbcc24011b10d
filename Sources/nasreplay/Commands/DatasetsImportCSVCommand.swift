import ArgumentParser
import Benchmarks
import Foundation
import NASCore
import SearchSpaces

extension DatasetsCommand {
    /// `nasreplay datasets import csv`: a sample table from a researcher's own CSV, through
    /// `GenericCSVImporter` with a mapping given as flags.
    struct GenericCSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Import your own CSV of measured architectures as a sample table.",
            discussion: """
            One CSV line per measured architecture (plain or .gz). Gene columns identify the architecture: each distinct value is an option, ascending unless --options fixes the order; a list column such as 3-5-7 gives one gene per position with --split. Lines with the same genes are merged, metrics averaged (/archs/repeats counts them). Metric columns become /metrics/<dataset>/<id>; specs refer to them as id:max or id:min.
              nasreplay datasets import csv --csv runs.csv --name my-ofa \\
                --genes ks,e,d --split ks=- --split e=- --split d=- \\
                --metric top1:acc_top1:%:max --metric latency:lat_ms_phone:ms:min
              nasreplay datasets info my-ofa
            A query that is not a row is answered by the spec's off_table policy (nearest, surrogate:knn, reject), as for the other sample tables (datasets/FORMAT.md).
            """)
        @OptionGroup var locations: Locations
        @Option(help: "The CSV file (.csv or .csv.gz).") var csv: String
        @Option(help: "Table name: the table is written to <datasets>/<name>.h5.") var name: String
        @Option(help: ArgumentHelp("Gene columns, comma-separated, in gene order.", valueName: "COLS")) var genes: String
        @Option(name: .customLong("metric"), parsing: .singleValue,
                help: ArgumentHelp("A metric column, repeatable: COLUMN[:ID[:UNIT]]:max|min (e.g. top1:acc_top1:%:max).", valueName: "SPEC"))
        var metrics: [String] = []
        @Option(parsing: .singleValue, help: ArgumentHelp("A list-valued gene column and its one-character separator, repeatable: COLUMN=SEP (e.g. ks=-).", valueName: "COLUMN=SEP"))
        var split: [String] = []
        @Option(parsing: .singleValue, help: ArgumentHelp("A gene's options in index order, repeatable: COLUMN=V1,V2,… (default: its distinct values, ascending).", valueName: "COLUMN=VALUES"))
        var options: [String] = []
        @Option(help: "The search space the genes encode: tabular (the table's own layout), or ofa-mbv3 / ofa-mbv3-r for DyNAS-T's OFA encoding.")
        var space: String = "tabular"
        @Option(help: "The dataset the metrics were measured on (the /metrics group; a plain name).") var dataset: String = "custom"
        @Option(help: "Where the numbers come from (stored as the source attribute).") var source: String?
        @Option(help: "The data's licence (stored as the licence attribute).") var licence: String = "unspecified"
        @Flag(help: "Overwrite <datasets>/<name>.h5 if it exists, or use a built-in benchmark's name (refused without it).")
        var replace = false

        func run() throws {
            let output = try importTarget(name, folder: locations.datasetsFolder, replace: replace)
            let mapping = try makeMapping()
            let table = try GenericCSVImporter.build(csv: csv, mapping: mapping)
            try checkSpace(table)
            try saveImported(table, to: output, folder: locations.datasetsFolder)
            let lines = table.provenance["sample_rows"]?.intValue ?? Int64(table.rows)
            print("imported \(output): \(table.rows) rows (\(lines) lines), \(mapping.genes.count) gene columns, \(table.metrics.count) metrics; `nasreplay datasets info \(name)` lists them")
        }

        /// The flags as a `GenericCSVMapping`; every problem is checked before the CSV is read.
        func makeMapping() throws -> GenericCSVMapping {
            guard GenericCSVMapping.searchSpaces.contains(space) else {
                throw GenericCSVMapping.MappingError(flag: "--space", value: space, message: "not a space a CSV table can encode; use \(GenericCSVMapping.searchSpaces.joined(separator: ", ")) (tabular: the table's own gene layout)")
            }
            guard PlainName.isValid(dataset) else {
                throw GenericCSVMapping.MappingError(flag: "--dataset", value: dataset, message: "the dataset names the group /metrics/<dataset>: use \(PlainName.rule)")
            }
            func pairs(_ values: [String], flag: String) throws -> [String: String] {
                var out: [String: String] = [:]
                for v in values {
                    guard let eq = v.firstIndex(of: "="), eq != v.startIndex else {
                        throw GenericCSVMapping.MappingError(flag: flag, value: v, message: "write COLUMN=VALUE")
                    }
                    out[String(v[..<eq])] = String(v[v.index(after: eq)...])
                }
                return out
            }
            let columns = genes.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard !columns.isEmpty, !columns.contains(where: \.isEmpty) else {
                throw GenericCSVMapping.MappingError(flag: "--genes", value: genes, message: "give gene column names separated by commas, e.g. ks,e,d")
            }
            guard !metrics.isEmpty else {
                throw GenericCSVMapping.MappingError(flag: "--metric", value: "", message: "give at least one, e.g. --metric top1:acc_top1:%:max")
            }
            let separators = try pairs(split, flag: "--split")
            let optionLists = try pairs(options, flag: "--options")
            for (flag, named) in [("--split", separators), ("--options", optionLists)] {
                if let stray = named.keys.sorted().first(where: { !columns.contains($0) }) {
                    throw GenericCSVMapping.MappingError(flag: flag, value: "\(stray)=\(named[stray] ?? "")", message: "'\(stray)' is not one of --genes \(genes)")
                }
            }
            var geneList: [GenericCSVMapping.Gene] = []
            for column in columns {
                var separator: Character?
                if let s = separators[column] {
                    guard s.count == 1, let c = s.first else {
                        throw GenericCSVMapping.MappingError(flag: "--split", value: "\(column)=\(s)", message: "the separator must be one character, e.g. \(column)=-")
                    }
                    separator = c
                }
                geneList.append(try GenericCSVMapping.Gene(commandLine: column, listSeparator: separator, options: optionLists[column]))
            }
            var metricList: [GenericCSVMapping.Metric] = []
            for m in metrics { metricList.append(try GenericCSVMapping.Metric(commandLine: m, dataset: dataset)) }
            return GenericCSVMapping(name: name, searchSpace: space, genes: geneList, metrics: metricList,
                                     source: source ?? "user CSV \((csv as NSString).lastPathComponent)", licence: licence)
        }

        /// The table must bind to the space it names, or a spec on it would fail later.
        func checkSpace(_ table: BenchmarkTable) throws {
            _ = try SpaceBindings.bind(table)
        }
    }
}
