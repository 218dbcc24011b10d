import ArgumentParser
import Benchmarks
import Foundation
import NASCore

@main
struct NASReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nasreplay",
        abstract: "Replay tabular NAS benchmarks and compare search algorithms over seeded trials.",
        discussion: """
        Tables are built once from the published data (`nasreplay datasets build`) and then \
        answered from memory. See README.md for the workflow and datasets/FORMAT.md for the files.
        """,
        version: NASReplayVersion.string,
        subcommands: [DatasetsCommand.self, QueryCommand.self, AlgorithmsCommand.self, SpaceCommand.self, FrontCommand.self, ServeCommand.self, RunCommand.self, MergeCommand.self, StatusCommand.self, ReportCommand.self, PlotCommand.self, IndicatorsCommand.self, StatsCommand.self, PredictorsCommand.self, BenchCommand.self]
    )

    /// Exit codes: 0 success, 1 a run failed, 2 bad input or usage (DESIGN.md, Reliability).
    /// The one place errors become exit codes: each `UserFacingError` carries its own.
    static func main() {
        // Before any thread starts (fork copies only the calling thread): a hostile table
        // is parsed in a child process (docs/LIMITS.md, "Damaged and hostile HDF5 files").
        BenchmarkStore.parseTablesInChildProcess()
        do {
            try readEnvironmentLimits()
            var command = try parseAsRoot()
            try command.run()
        } catch let error as any UserFacingError {
            // Error types escape what they quote; this keeps any other to one line too.
            FileHandle.standardError.write(Data("error: \(OneLineText.escapingControls(error.description))\n".utf8))
            Foundation.exit(error.exitStatus.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 0 { exit(withError: error) }
            // ArgumentParser uses 64 (EX_USAGE) for usage errors; this project promises 2,
            // and one line, like every other error: the parser's message without the usage
            // text that follows it (`--help` prints that).
            let message = Self.oneLineMessage(message(for: error), arguments: Array(CommandLine.arguments.dropFirst()))
            if !message.isEmpty { FileHandle.standardError.write(Data(("error: " + message + "\n").utf8)) }
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }

    /// `NASREPLAY_WHOLE_LOAD_MB`: tables larger than this many MB load only the curves a
    /// command needs (docs/LIMITS.md); 0 makes every table load that way.
    static func readEnvironmentLimits() throws {
        guard let text = EnvironmentVariable.value("NASREPLAY_WHOLE_LOAD_MB"), !text.isEmpty else { return }
        guard let megabytes = Int(text), (0...1 << 30).contains(megabytes) else {
            throw InputError("NASREPLAY_WHOLE_LOAD_MB is '\(text)'; set it to a whole number of megabytes, 0 or more (default 256), or unset it")
        }
        BenchmarkStore.setWholeLoadBytes(megabytes << 20)
    }

    /// The first line of a parser error, with "Error: " dropped, and a hint when an
    /// argument is a negative number: the parser reads `-1` as an option, so it needs
    /// `--alpha=-1` (or, for an argument, to come after `--`).
    static func oneLineMessage(_ parserMessage: String, arguments: [String]) -> String {
        var line = parserMessage.split(separator: "\n").first.map(String.init) ?? ""
        if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
        line = line.trimmingCharacters(in: .whitespaces)
        if let i = arguments.firstIndex(where: { $0.hasPrefix("-") && Double($0) != nil }) {
            let negative = arguments[i]
            if i > 0, arguments[i - 1].hasPrefix("--"), Double(arguments[i - 1]) == nil {
                line += " (the parser reads \(negative) as an option: write \(arguments[i - 1])=\(negative))"
            } else {
                line += " (the parser reads \(negative) as an option: put -- before a negative argument, as in -- \(negative))"
            }
        }
        if !line.isEmpty { line += "; see --help" }
        return line
    }
}
