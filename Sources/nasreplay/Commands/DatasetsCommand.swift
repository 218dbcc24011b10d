import ArgumentParser
import Benchmarks
import Foundation

struct DatasetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Build, list, describe and verify benchmark tables.",
        subcommands: [Build.self, List.self, Info.self, Verify.self, Import.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "build",
            abstract: "Build benchmark tables (.h5) from the published source files.",
            discussion: "Without NAME, builds every benchmark whose sources are present in --from. When --from holds a SHA256SUMS file (as ../shared/data does), each source must be listed there and match; each must also have its published number of lines. Nothing is written for a source that fails.")
        @OptionGroup var locations: Locations
        @Option(help: "Folder holding the source tables (the layout of ../shared/data).")
        var from: String = "../shared/data"
        @Argument(help: "Benchmarks to build (default: all known).")
        var names: [String] = []

        func run() throws {
            let catalog = DatasetCatalog(folder: locations.datasetsFolder)
            let wanted = names.isEmpty ? DatasetCatalog.entries.map(\.name) : names
            for name in wanted {
                let start = ContinuousClock.now
                let table = try catalog.build(name, from: from)
                let seconds = (ContinuousClock.now - start).seconds
                print("built \(catalog.path(of: name)): \(table.rows) rows, \(table.metrics.count) metrics (\(String(format: "%.2f", seconds)) s)")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List known benchmarks and whether they are built.")
        @OptionGroup var locations: Locations
        @Flag(help: "Print JSON: one object per table (docs/JSON.md).") var json = false

        /// One table of the listing.
        struct Entry {
            var name: String
            /// "built", "not built", "unreadable" or "imported".
            var status: String
            var rows: Int?
            var contents: String
        }

        func run() throws {
            let catalog = DatasetCatalog(folder: locations.datasetsFolder)
            let known = DatasetCatalog.entries.map { entry -> Entry in
                let exists = FileManager.default.fileExists(atPath: catalog.path(of: entry.name))
                guard let table = try? catalog.load(entry.name) else {
                    return exists ? Entry(name: entry.name, status: "unreadable", contents: "run `nasreplay datasets verify \(entry.name)`, or rebuild it")
                        : Entry(name: entry.name, status: "not built", contents: entry.summary)
                }
                return Entry(name: entry.name, status: "built", rows: table.rows, contents: entry.summary)
            }
            let imported = catalog.importedNames().map { name -> Entry in
                guard let table = try? catalog.load(name) else {
                    return Entry(name: name, status: "unreadable", contents: "run `nasreplay datasets verify \(name)`")
                }
                return Entry(name: name, status: "imported", rows: table.rows,
                             contents: table.provenance["contents"]?.stringValue ?? "search space \(table.searchSpace)")
            }
            let all = known + imported
            if json {
                printJSON(all.map { e -> [String: Any] in
                    ["name": e.name, "status": e.status, "rows": e.rows.map { $0 as Any } ?? NSNull(), "contents": e.contents,
                     "file": catalog.path(of: e.name)]
                })
                return
            }
            // Run outside the checkout, every table would read "not built": say where we looked.
            if !all.contains(where: { $0.rows != nil }) {
                let folder = URL(fileURLWithPath: locations.datasetsFolder).standardizedFileURL.path
                print("no table found in \(folder); if your tables are elsewhere, pass --datasets DIR or set NASREPLAY_DATASETS=DIR")
            }
            print(renderTable(["name", "status", "contents"], all.map { e in
                [e.name, e.rows.map { "\($0) rows" } ?? e.status, e.status == "imported" ? "imported; \(e.contents)" : e.contents]
            }))
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "info", abstract: "Show a table's schema, size and provenance.")
        @OptionGroup var locations: Locations
        @Argument(help: "Benchmark name, e.g. nats-tss.") var name: String
        @Flag(help: "Print JSON: provenance, metrics and costs (docs/JSON.md).") var json = false

        /// The table's description for `--json`.
        static func jsonObject(_ table: BenchmarkTable, file: String) -> [String: Any] {
            func value(_ a: TableAttribute) -> Any {
                switch a {
                case .int(let v): v
                case .double(let v): v.isFinite ? v : NSNull()
                case .string(let v): v
                case .ints(let v): v
                case .doubles(let v): v.map { $0.isFinite ? $0 as Any : NSNull() }
                }
            }
            func column(_ c: Described) -> [String: Any] {
                ["id": c.info.id, "dataset": c.info.dataset, "unit": c.info.unit, "direction": c.info.direction.rawValue,
                 "source": c.info.source, "source_column": c.info.sourceColumn, "description": c.info.summary,
                 "values_per_row": c.width, "series": c.axis.map { $0 == .repeat ? "repeats" : "epochs" } ?? NSNull()]
            }
            let (metrics, costs) = described(table)
            return ["name": table.name, "rows": table.rows, "search_space": table.searchSpace, "file": file,
                    "provenance": table.provenance.mapValues(value), "metrics": metrics.map(column), "costs": costs.map(column)]
        }

        /// A column as `info` shows it, loaded or not.
        struct Described {
            var info: MetricInfo
            var axis: MetricSeries.Axis?
            var width: Int
            var label: String { axis.map { "\(width) \($0 == .repeat ? "repeats" : "epochs")" } ?? "1" }
        }

        /// Every metric and cost column: the loaded ones in file order, then the 2-D ones a
        /// large table's load left out (info reads no curve).
        static func described(_ table: BenchmarkTable) -> (metrics: [Described], costs: [Described]) {
            func loaded(_ c: MetricColumn) -> Described { Described(info: c.info, axis: c.series?.axis, width: c.series?.width ?? 1) }
            func left(_ c: UnloadedColumn) -> Described { Described(info: c.info, axis: c.axis, width: c.width) }
            return (table.metrics.map(loaded) + table.unloaded.filter { !$0.isCost }.map(left),
                    table.costs.map(loaded) + table.unloaded.filter(\.isCost).map(left))
        }

        func run() throws {
            let catalog = DatasetCatalog(folder: locations.datasetsFolder)
            // Only the plain columns' values are read; a large table's curves are described.
            let table = try catalog.load(name, series: .only { _, _ in false })
            if json {
                printJSON(Self.jsonObject(table, file: catalog.path(of: name)))
                return
            }
            print("\(table.name): \(table.rows) rows, search space \(table.searchSpace), file \(catalog.path(of: name))")
            for key in table.provenance.keys.sorted() { print("  \(key): \(table.provenance[key]!)") }
            print("")
            // "values" says how many numbers each row holds: 1, or a repeat or epoch series.
            func line(_ c: Described) -> [String] {
                [c.info.id, c.info.dataset, c.label, c.info.unit, c.info.direction.rawValue, c.info.source, c.info.summary]
            }
            let header = ["metric id", "dataset", "values", "unit", "direction", "source", "description"]
            let (metrics, costs) = Self.described(table)
            print(renderTable(header, metrics.map(line)))
            if !costs.isEmpty {
                print("")
                print("costs (simulated seconds):")
                print(renderTable(["cost id"] + header.dropFirst(), costs.map(line)))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check a table's schema and content checksum (and its source file's sha256 when present).")
        @OptionGroup var locations: Locations
        @Option(help: "Folder of source tables to compare sha256 against.") var from: String = "../shared/data"
        @Argument(help: "Benchmark name.") var name: String

        func run() throws {
            let catalog = DatasetCatalog(folder: locations.datasetsFolder)
            let lines = try catalog.verify(name, dataFolder: from)
            for line in lines { print("ok  \(line)") }
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
