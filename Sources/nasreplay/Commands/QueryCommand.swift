import ArgumentParser
import Benchmarks
import Foundation
import SearchSpaces

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Print every metric of one architecture.",
        discussion: """
        nats-tss takes an arch string, an official index (0…15624) or a NASLib tuple:
          nasreplay query nats-tss '|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|'
          nasreplay query nats-tss 1462
          nasreplay query nats-tss 2-2-2-2-2-2
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "Benchmark name.") var benchmark: String
    @Argument(help: "The architecture.") var architecture: String
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let catalog = DatasetCatalog(folder: locations.datasetsFolder)
        guard benchmark == "nats-tss" else {
            _ = try asInput { try DatasetCatalog.entry(benchmark) }
            throw InputError("\(benchmark): query is not available for this benchmark yet")
        }
        let bench = try asInput { try NATSTopologyBenchmark(table: catalog.load(benchmark)) }
        let cell = try asInput { try bench.cell(parsing: architecture) }
        guard let row = bench.row(of: cell) else { throw InputError("\(cell) is not in \(benchmark)") }
        let metrics = bench.table.metrics
        if json {
            let values = metrics.map { "\(jsonString($0.info.id)): \(jsonNumber($0.values[row]))" }.joined(separator: ", ")
            print("{\"benchmark\": \(jsonString(benchmark)), \"index\": \(row), \"arch_str\": \(jsonString(cell.archString)), \"naslib_tuple\": \(jsonString(cell.naslibTuple)), \"metrics\": {\(values)}}")
            return
        }
        print("benchmark     \(benchmark)")
        print("index         \(row)")
        print("arch_str      \(cell.archString)")
        print("naslib_tuple  \(cell.naslibTuple)")
        print("")
        print(renderTable(["metric", "value", "unit", "dir", "dataset", "source"], metrics.map { m in
            [m.info.id, m.values[row].isNaN ? "NaN" : "\(m.values[row])", m.info.unit, m.info.direction.rawValue, m.info.dataset, m.info.source]
        }))
    }
}
