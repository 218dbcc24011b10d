import ArgumentParser
import Benchmarks
import Experiments
import Foundation
import Indicators
import NASCore
import SearchSpaces

struct FrontCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "front",
        abstract: "Print a table's true Pareto front for some objectives, and its hypervolume.",
        discussion: """
        Objectives are metric ids with a direction, comma-separated:
          nasreplay front nats-tss --objectives c10_valid_200ep:max,lat_ms_raspi4:min
        `nasreplay datasets info NAME` lists the metric ids.
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "Benchmark name.") var benchmark: String
    @Option(help: "Comma-separated objectives, each metric:max or metric:min.") var objectives: String
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() throws {
        let catalog = DatasetCatalog(folder: locations.datasetsFolder)
        let parsed = try objectives.split(separator: ",").map { try Objective(parsing: String($0)) }
        let named = Set(parsed.map(\.metric))
        let table = try catalog.load(benchmark, series: .only { id, _ in named.contains(id) })
        guard parsed.count >= 2 else { throw InputError("--objectives: a Pareto front needs at least two objectives, got \(parsed.count)") }
        let front = try TableParetoFront(table: table, objectives: parsed)
        let columns = try parsed.map { try table.metric($0.metric).values }
        let binding = try SpaceBindings.bind(table)
        if json {
            let items = front.rows.map { r in
                "{\"row\": \(r), \"arch\": \(jsonString(binding.architectureText(row: r))), \"values\": [\(columns.map { jsonNumber($0[r]) }.joined(separator: ", "))]}"
            }
            print("{\"benchmark\": \(jsonString(benchmark)), \"objectives\": [\(parsed.map { jsonString($0.description) }.joined(separator: ", "))], \"hypervolume\": \(front.score.trueHypervolume), \"reference\": \(front.normalizer.reference), \"front\": [\(items.joined(separator: ", "))]}")
            return
        }
        print("\(benchmark): \(front.rows.count) of \(table.rows) rows on the Pareto front of \(parsed.map(\.description).joined(separator: ", "))")
        if front.excludedRows > 0 { print("(\(front.excludedRows) rows without a value for some objective were left out)") }
        print("")
        print(renderTable(["row"] + parsed.map(\.description) + ["architecture"], front.rows.map { r in
            ["\(r)"] + columns.map { "\($0[r])" } + [binding.architectureText(row: r)]
        }))
        print("")
        print("hypervolume of the front: \(front.score.trueHypervolume)")
        print("convention: \(front.conventionNote)")
    }
}
