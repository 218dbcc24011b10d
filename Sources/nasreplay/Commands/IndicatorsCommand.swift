import ArgumentParser
import Foundation
import Indicators

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Multi-objective indicators on your own points (all objectives minimised).",
        discussion: """
        POINTS is a CSV or whitespace file, one point per row; an optional first row of \
        column names is allowed.
        """,
        subcommands: [HV.self, Rank.self])

    struct HV: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hv", abstract: "Exact hypervolume of a point set.",
            discussion: "In 4 or more objectives the non-dominated points are limited (4-D 3,000; 6-D 800; 8-D 100; 10-D 40; docs/LIMITS.md).")
        @Option(parsing: .unconditional, help: "Reference point, comma-separated, one value per objective (negative values as typed: --ref -19.1,0.13).") var ref: String
        @Argument(help: "Points file.") var points: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let set = try readPoints(points)
            let reference = try PointsFile.parseReference(ref)
            try PointsFile.checkReference(reference, dimension: set[0].count, path: points)
            let hv = try Hypervolume.checkedCompute(set, reference: reference, subject: points)
            print(json ? "{\"hypervolume\": \(hv), \"points\": \(set.count), \"reference\": \(reference)}" : "\(hv)")
        }
    }

    struct Rank: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rank",
            abstract: "Front rank (0 = non-dominated) and crowding distance within its front, per point (pymoo semantics).")
        @Argument(help: "Points file.") var points: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let set = try readPoints(points)
            let ranks = NonDominatedSorting.ranks(set)
            var crowding = [Double](repeating: 0, count: set.count)
            for front in NonDominatedSorting.fronts(ranks: ranks) {
                let values = CrowdingDistance.compute(set, members: front)
                for (k, i) in front.enumerated() { crowding[i] = values[k] }
            }
            if json {
                let items = set.indices.map { "{\"point\": \($0), \"rank\": \(ranks[$0]), \"crowding\": \(crowding[$0].isFinite ? "\(crowding[$0])" : "\"inf\"")}" }
                print("[\(items.joined(separator: ", "))]")
                return
            }
            print(renderTable(["point", "rank", "crowding"], set.indices.map { ["\($0)", "\(ranks[$0])", "\(crowding[$0])"] }))
        }
    }
}

private func readPoints(_ path: String) throws -> [[Double]] {
    guard let data = FileManager.default.contents(atPath: path) else { throw InputError("\(path): file not found or unreadable") }
    return try PointsFile.parse(text: String(decoding: data, as: UTF8.self), path: path)
}
