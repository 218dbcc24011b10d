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
        static let configuration = CommandConfiguration(abstract: "List known benchmarks and whether they are built.")
        @OptionGroup var locations: Locations

        func run() throws {
            let catalog = DatasetCatalog(folder: locations.datasetsFolder)
            let rows = DatasetCatalog.entries.map { entry -> [String] in
                let exists = FileManager.default.fileExists(atPath: catalog.path(of: entry.name))
                let status = (try? catalog.load(entry.name)).map { "\($0.rows) rows" } ?? (exists ? "unreadable" : "not built")
                return [entry.name, status, exists && status == "unreadable" ? "run `nasreplay datasets verify \(entry.name)`, or rebuild it" : entry.summary]
            }
            let imported = catalog.importedNames().map { name -> [String] in
                guard let table = try? catalog.load(name) else { return [name, "unreadable", "run `nasreplay datasets verify \(name)`"] }
                return [name, "\(table.rows) rows", "imported; \(table.provenance["contents"]?.stringValue ?? "search space \(table.searchSpace)")"]
            }
            print(renderTable(["name", "status", "contents"], rows + imported))
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a table's schema, size and provenance.")
        @OptionGroup var locations: Locations
        @Argument(help: "Benchmark name, e.g. nats-tss.") var name: String

        func run() throws {
            let catalog = DatasetCatalog(folder: locations.datasetsFolder)
            let table = try catalog.load(name)
            print("\(table.name): \(table.rows) rows, search space \(table.searchSpace), file \(catalog.path(of: name))")
            for key in table.provenance.keys.sorted() { print("  \(key): \(table.provenance[key]!)") }
            print("")
            // "values" says how many numbers each row holds: 1, or a repeat or epoch series.
            func line(_ c: MetricColumn) -> [String] {
                [c.info.id, c.info.dataset, c.series?.label ?? "1", c.info.unit, c.info.direction.rawValue, c.info.source, c.info.summary]
            }
            let header = ["metric id", "dataset", "values", "unit", "direction", "source", "description"]
            print(renderTable(header, table.metrics.map(line)))
            if !table.costs.isEmpty {
                print("")
                print("costs (simulated seconds):")
                print(renderTable(["cost id"] + header.dropFirst(), table.costs.map(line)))
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
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
