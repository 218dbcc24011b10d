import ArgumentParser
import Foundation
import SearchSpaces

/// `nasreplay space …`: search-space utilities that need no table.
///
/// ```
/// nasreplay space nb101 hash --adjacency 0110000010000010000100000 --ops in,c3,c1,mp3,out
/// ```
struct SpaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "space",
        abstract: "Search-space utilities (no benchmark table needed).",
        subcommands: [NB101.self])

    struct NB101: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nb101", abstract: "NAS-Bench-101 cells.", subcommands: [Hash.self])
    }

    /// Prints nasbench's module hash (`ModelSpec.hash_spec`, ALGORITHMS.md §4.3) of a cell.
    struct Hash: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hash",
            abstract: "Print the official NAS-Bench-101 hash of a cell (pruned, as nasbench keys it).",
            discussion: """
            The adjacency is the V×V matrix as V² row-major bits; ops are V comma-separated tokens \
            (in, c3, c1, mp3, out, or nasbench's names). An invalid cell (input and output not \
            connected, more than 7 vertices or 9 edges after pruning, bad tokens) is an error (exit 2).
              nasreplay space nb101 hash --adjacency 010001000 --ops in,c3,out
            """)
        @Option(help: "Row-major adjacency bits, V² characters of 0/1.") var adjacency: String
        @Option(help: "Comma-separated ops, input first and output last.") var ops: String
        @Flag(help: "Print JSON (hash and the pruned cell).") var json = false

        func run() throws {
            let cell = try NB101CellArgument.parse(adjacency: adjacency, ops: ops)
            let hash: String
            do { hash = try cell.canonicalHash() } catch { throw InputError("\(cell): \(error.description)") }
            guard json else { print(hash); return }
            let pruned = cell.pruned() ?? cell
            print("{\"hash\": \(jsonString(hash)), \"pruned_adjacency\": \(jsonString(pruned.adjacencyBits)), \"pruned_ops\": \(jsonString(pruned.opsTokens)), \"vertices\": \(pruned.vertexCount), \"edges\": \(pruned.edgeCount)}")
        }
    }
}

/// Parses `--adjacency/--ops` into a cell, turning parse errors into one-line input errors.
enum NB101CellArgument {
    static func parse(adjacency: String, ops: String) throws -> NB101Cell {
        do { return try NB101Cell(adjacency: adjacency, ops: ops) } catch {
            throw InputError("--adjacency \(adjacency) --ops \(ops): \(error.description)")
        }
    }
}
