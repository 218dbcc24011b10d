import ArgumentParser
import Benchmarks
import Foundation
import NASCore
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
        nb101-sample (and a table imported with `datasets import nb101`) takes the official hash or a graph:
          nasreplay query nb101-sample 00005c142e6f48ac74fdcf73e3439874
          nasreplay query nb101-sample --adjacency 0100110001000000010010000010000001000000010000000 --ops in,c3,mp3,c3,c3,c1,out
        A NATS topology table imported with `datasets import nats-official` is queried as nats-tss;
        a size-space one (nats-sss) by its channels or official index. --hp H --epoch E prints
        the values after epoch E (0-based) of the H-epoch schedule instead of the last epoch:
          nasreplay query nats-sss 64:64:64:64:64 --hp 12 --epoch 11
        Sample tables (ofa-mbv3-dynast, hat-*, users' CSV imports) take a row number:
          nasreplay query ofa-mbv3-dynast 17
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "Benchmark name.") var benchmark: String
    @Argument(help: "The architecture.") var architecture: String?
    @Option(help: "NB101 only: row-major adjacency bits (with --ops).") var adjacency: String?
    @Option(help: "NB101 only: comma-separated ops (with --adjacency).") var ops: String?
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "Imported NATS tables: the schedule (epochs) whose curves to read, with --epoch.") var hp: Int?
    @Option(help: "Imported NATS tables: the epoch (0-based) of the --hp schedule to print.") var epoch: Int?

    func run() throws {
        // A table too large to load whole (an official NATS import) is loaded without its
        // curves; the row's values are read from the file.
        let table = try DatasetCatalog(folder: locations.datasetsFolder).load(benchmark, series: .only { _, _ in false })
        // Imported tables go by their search space, whatever their name.
        let binding = try SpaceBindings.bind(table)
        if binding is NB101Binding {
            // NB101 also takes a graph (--adjacency/--ops) and prints per-repeat values.
            try NB101Query(benchmark: benchmark, folder: locations.datasetsFolder, architecture: architecture,
                           adjacency: adjacency, ops: ops, json: json).run()
            return
        }
        if adjacency != nil || ops != nil {
            throw InputError("--adjacency and --ops query NB101 tables; \(benchmark) is a \(binding.spaceName) table")
        }
        guard let architecture else {
            throw InputError(binding.isSampleTable ? "\(table.name): give a row number 0…\(table.rows - 1) (sample tables are queried by row), got ''"
                                                   : "give the architecture to query")
        }
        let row = try binding.row(parsing: architecture)
        let fields = try binding.architectureFields(row: row)
        // Each metric's plain value, or one epoch of one schedule.
        let values: [Printed]
        switch (hp, epoch) {
        case (nil, nil):
            values = try table.metrics.map { Printed($0.info, $0.exactValue(row: row), exact: Self.isExact($0)) }
                + table.unloaded.filter { !$0.isCost }.map { Printed($0.info, try $0.summary(row: row), exact: $0.isExact) }
        case let (hp?, epoch?):
            let suffix = "@\(hp)ep"
            // The schedule's curves: the means, and each seed's.
            let named = { (id: String) in id.hasSuffix(suffix) || id.contains(suffix + "_seed") }
            let curves = (table.metrics + table.costs).filter { $0.series?.axis == .epoch && $0.series?.width == hp && named($0.info.id) }
            let unloaded = table.unloaded.filter { $0.axis == .epoch && $0.width == hp && named($0.info.id) }
            guard !curves.isEmpty || !unloaded.isEmpty else {
                let schedules = Set((table.metrics + table.costs).compactMap { $0.series?.axis == .epoch ? $0.series?.width : nil }
                                    + table.unloaded.filter { $0.axis == .epoch }.map(\.width)).sorted()
                throw InputError(schedules.isEmpty ? "--hp: \(benchmark) has no per-epoch curves (an imported NATS table has them)"
                                                   : "--hp \(hp): \(benchmark) has schedules of \(schedules.map(String.init).joined(separator: ", ")) epochs")
            }
            guard (0..<hp).contains(epoch) else { throw InputError("--epoch \(epoch): the \(hp)-epoch schedule has epochs 0…\(hp - 1)") }
            values = curves.map { Printed($0.info, $0.series!.exactValue(row: row, at: epoch), exact: Self.isExact($0)) }
                + (try unloaded.map { Printed($0.info, try $0.values(row: row)[epoch], exact: $0.isExact) })
        default:
            throw InputError("--hp and --epoch go together, e.g. --hp 12 --epoch 11")
        }
        if json {
            let printed = values.map { "\(jsonString($0.info.id)): \($0.value.isFinite ? $0.text : "null")" }.joined(separator: ", ")
            let described = fields.map { "\(jsonString($0.name)): \(jsonValue($0.value))" }.joined(separator: ", ")
            let at = epoch.map { ", \"hp\": \(hp!), \"epoch\": \($0)" } ?? ""
            print("{\"benchmark\": \(jsonString(benchmark)), \(described)\(at), \"metrics\": {\(printed)}}")
            return
        }
        print("benchmark     \(benchmark)")
        for field in fields {
            switch field.value {
            case .lists(let lists):
                for list in lists { print("\(list.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(list.values.map(plainNumber).joined(separator: " "))") }
            default:
                print("\(field.name.padding(toLength: 13, withPad: " ", startingAt: 0)) \(textValue(field.value))")
            }
        }
        if let hp, let epoch { print("after epoch   \(epoch) of the \(hp)-epoch schedule") }
        print("")
        print(renderTable(["metric", "value", "unit", "dir", "dataset", "source"], values.map { p in
            [p.info.id, p.value.isNaN ? "NaN" : p.text, p.info.unit, p.info.direction.rawValue, p.info.dataset, p.info.source]
        }))
    }

    /// A printed value, as the table stores it: a float32 column's shortest float32 text
    /// (`91.37`), a float64 column's double (`91.36999999999999`).
    struct Printed {
        let info: MetricInfo
        let value: Double
        let exact: Bool
        init(_ info: MetricInfo, _ value: Double, exact: Bool) { self.info = info; self.value = value; self.exact = exact }
        var text: String { exact ? "\(value)" : "\(Float(value))" }
    }

    static func isExact(_ column: MetricColumn) -> Bool { column.exact != nil || column.series?.exact != nil }

    private func jsonValue(_ value: ArchitectureField.Value) -> String {
        switch value {
        case .integer(let i): "\(i)"
        case .text(let t): t.map(jsonString) ?? "null"
        case .lists(let lists): "{" + lists.map { "\(jsonString($0.name)): [\($0.values.map(jsonNumber).joined(separator: ", "))]" }.joined(separator: ", ") + "}"
        }
    }

    private func textValue(_ value: ArchitectureField.Value) -> String {
        switch value {
        case .integer(let i): "\(i)"
        case .text(let t): t ?? "(not in the source data)"
        case .lists: ""
        }
    }

    private func plainNumber(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
}

/// `query nb101-sample …`: one NB101 row by hash or by graph, every metric (and, for an
/// imported table, every repeat).
struct NB101Query {
    var benchmark: String
    var folder: String
    var architecture: String?
    var adjacency: String?
    var ops: String?
    var json: Bool

    func run() throws {
        let path = try DatasetCatalog(folder: folder).file(of: benchmark)
        guard FileManager.default.fileExists(atPath: path) else {
            let fix = benchmark == "nb101-sample" ? "run `nasreplay datasets build nb101-sample`"
                                                  : "import it with `nasreplay datasets import nb101 --tfrecord FILE`"
            throw InputError("\(path): not built yet; \(fix), or point --datasets DIR or NASREPLAY_DATASETS at the folder that holds \(benchmark).h5")
        }
        let bench = try NB101Benchmark.load(path)
        let row: Int?
        var given: NB101Cell?
        switch (architecture, adjacency, ops) {
        case (let text?, nil, nil):
            guard MD5Digest(hex: text) != nil else {
                throw InputError("'\(text)' is not a 32-hex NB101 hash; give a hash or --adjacency BITS --ops TOKENS")
            }
            row = bench.row(hashHex: text)
        case (nil, let bits?, let tokens?):
            let cell = try NB101CellArgument.parse(adjacency: bits, ops: tokens)
            do { _ = try cell.canonicalDigest() } catch { throw InputError("\(cell): \(error.description)") }
            given = cell
            row = bench.row(of: cell)
        default:
            throw InputError("give either a hash or both --adjacency and --ops")
        }
        guard let row else {
            let key = given.flatMap { try? $0.canonicalHash() } ?? architecture ?? ""
            throw InputError("\(key) is not in \(benchmark) (\(bench.table.rows) rows)")
        }
        let hash = bench.archs.digests[row].hex
        let graph = bench.archs.cell(at: row)
        let metrics = bench.table.metrics
        func number(_ v: Float) -> String { v.isNaN ? "NaN" : "\(v)" }
        func repeatsText(_ id: String) -> [Float]? {
            guard let r = bench.repeats, let c = r.column(id) else { return nil }
            return Array(c[(row * r.count)..<(row * r.count + r.count)])
        }
        if json {
            let values = metrics.map { m -> String in
                if let reps = repeatsText(m.info.id) {
                    return "\(jsonString(m.info.id)): {\"mean\": \(jsonNumber(m.values[row])), \"repeats\": [\(reps.map(jsonNumber).joined(separator: ", "))]}"
                }
                return "\(jsonString(m.info.id)): \(jsonNumber(m.values[row]))"
            }.joined(separator: ", ")
            let graphJSON = graph.map { "\"adjacency\": \(jsonString($0.adjacencyBits)), \"ops\": \(jsonString($0.opsTokens))" } ?? "\"adjacency\": null, \"ops\": null"
            print("{\"benchmark\": \(jsonString(benchmark)), \"row\": \(row), \"hash\": \(jsonString(hash)), \(graphJSON), \"metrics\": {\(values)}}")
            return
        }
        print("benchmark  \(benchmark)")
        print("row        \(row)")
        print("hash       \(hash)")
        if let graph {
            print("adjacency  \(graph.adjacencyBits)")
            print("ops        \(graph.opsTokens)")
        } else {
            print("graph      (not in the source data for this row)")
        }
        print("")
        let header = bench.repeats == nil ? ["metric", "value", "unit", "dir", "source"]
                                          : ["metric", "mean", "repeats", "unit", "dir", "source"]
        print(renderTable(header, metrics.map { m in
            var line = [m.info.id, number(m.values[row])]
            if bench.repeats != nil { line.append(repeatsText(m.info.id).map { $0.map(number).joined(separator: " ") } ?? "") }
            return line + [m.info.unit, m.info.direction.rawValue, m.info.source]
        }))
    }
}
