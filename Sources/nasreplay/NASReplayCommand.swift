import ArgumentParser
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
        subcommands: [DatasetsCommand.self, QueryCommand.self, AlgorithmsCommand.self, SpaceCommand.self, FrontCommand.self, ServeCommand.self, RunCommand.self, MergeCommand.self, ReportCommand.self, PlotCommand.self, IndicatorsCommand.self, StatsCommand.self, PredictorsCommand.self, BenchCommand.self]
    )

    /// Exit codes: 0 success, 1 a run failed, 2 bad input or usage (DESIGN.md, Reliability).
    /// The one place errors become exit codes: each `UserFacingError` carries its own.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as any UserFacingError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            Foundation.exit(error.exitStatus.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success || code.rawValue == 0 { exit(withError: error) }
            // ArgumentParser uses 64 (EX_USAGE) for usage errors; this project promises 2.
            let message = fullMessage(for: error)
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}
