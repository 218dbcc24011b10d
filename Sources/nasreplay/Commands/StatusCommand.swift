import ArgumentParser
import Benchmarks
import Experiments
import Foundation
import NASCore

struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show which trials of a spec are done, running and missing, and how to finish the run.",
        discussion: """
        Every trial record is checked as a run would check it; one that fails counts as \
        missing. A trial is running while a live process (on any host sharing the folder) \
        holds its claim. With --shards N (the count of a sharded run, e.g. a Slurm array), \
        it lists the incomplete shard indices (0-based) and prints the commands that \
        complete the run: one `nasreplay run --shard i/N` per shard, the `sbatch --array` \
        line that resubmits them, then `nasreplay merge`. Exit status 0 either way; \
        `--json` has a `complete` field.
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "The experiment spec (TOML).") var spec: String
    @Option(help: "Folder for results.") var results = "results"
    @Option(help: "The shard count of a sharded run: list the incomplete shards (0-based).") var shards: Int?
    @Option(help: "The trial count the run was started with (`run --trials N`).") var trials: Int?
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try checkResultsFolder(results)
        if let shards, shards <= 0 { throw InputError("--shards must be positive, got \(shards)") }
        var parsed = try ExperimentSpec.load(spec)
        if let trials {
            guard (1...ExperimentSpec.maximumTrials).contains(trials) else {
                throw InputError("--trials must be in 1…\(ExperimentSpec.maximumTrials), got \(trials)")
            }
            parsed.trials = trials
        }
        var options = ExperimentRunner.Options()
        options.resultsRoot = results
        options.progress = false
        options.notice = { _ in }   // rejected files are part of the report
        let runner = try ExperimentRunner(spec: parsed, catalog: DatasetCatalog(folder: locations.datasetsFolder), options: options)
        let status = try runner.status(shards: shards)
        let commands = nextCommands(status)
        print(json ? jsonText(status, commands) : text(status, commands))
    }

    /// Options that must be repeated for a printed command to act on the same folders.
    private var locationArguments: String {
        var text = ""
        if results != "results" { text += " --results \(shellQuoted(results))" }
        if locations.datasetsFolder != "datasets" { text += " --datasets \(shellQuoted(locations.datasetsFolder))" }
        if let trials { text += " --trials \(trials)" }
        return text
    }

    /// The commands that complete the run, in order.
    private func nextCommands(_ status: RunStatus) -> [String] {
        let spec = shellQuoted(self.spec)
        if status.complete {
            return status.hasRunsFile ? [] : ["nasreplay merge \(spec)\(locationArguments)"]
        }
        guard let shards = status.shards else {
            return ["nasreplay run \(spec)\(locationArguments)"]
        }
        var lines = status.incompleteShards.map { "nasreplay run \(spec) --shard \($0)/\(shards)\(locationArguments)" }
        let array = status.incompleteShards.map(String.init).joined(separator: ",")
        lines.append("sbatch --array=\(array) experiments/slurm/run-array.sbatch \(spec) \(shards)\(locationArguments)")
        lines.append("nasreplay merge \(spec)\(locationArguments)")
        return lines
    }

    private func text(_ status: RunStatus, _ commands: [String]) -> String {
        var out = "\(status.experiment): \(status.totalDone)/\(status.totalTrials) trials done in \(status.folder)"
        out += status.hasRunsFile ? " (runs.h5 written)\n" : " (no runs.h5 yet)\n"
        let rows = status.algorithms.map { a -> [String] in
            [a.label, "\(a.done)/\(status.trials)", "\(a.running.count)", "\(a.missing.count)", IndexRuns.text(a.missing)]
        }
        out += renderTable(["algorithm", "done", "running", "missing", "missing trials"], rows) + "\n"
        for a in status.algorithms {
            for r in a.running { out += "running: \(a.label) trial \(r.trial) (\(r.owner))\n" }
            for line in a.rejected.prefix(5) { out += "failed its check: \(line)\n" }
            if a.rejected.count > 5 { out += "failed its check: \(a.rejected.count - 5) more files of \(a.label)\n" }
        }
        if let shards = status.shards, !status.complete {
            out += "incomplete shards of \(shards) (0-based): \(status.incompleteShards.map(String.init).joined(separator: ", "))\n"
        }
        if commands.isEmpty {
            out += "complete: runs.h5 and summary.md are written"
        } else {
            out += (status.complete ? "all trials are done; assemble runs.h5 with:\n" : "to complete the run:\n")
            out += commands.map { "  " + $0 }.joined(separator: "\n")
        }
        return out
    }

    private func jsonText(_ status: RunStatus, _ commands: [String]) -> String {
        let algorithms = status.algorithms.map { a in
            let running = a.running.map { "{\"trial\": \($0.trial), \"owner\": \(jsonString($0.owner))}" }
            return "{\"name\": \(jsonString(a.label)), \"done\": \(a.done), \"running\": [\(running.joined(separator: ", "))], "
                + "\"missing\": [\(a.missing.map(String.init).joined(separator: ", "))], "
                + "\"rejected\": [\(a.rejected.map(jsonString).joined(separator: ", "))]}"
        }
        var fields = [
            "\"experiment\": \(jsonString(status.experiment))", "\"folder\": \(jsonString(status.folder))",
            "\"trials\": \(status.trials)", "\"done\": \(status.totalDone)", "\"total\": \(status.totalTrials)",
            "\"complete\": \(status.complete)", "\"runs_file\": \(status.hasRunsFile)",
            "\"algorithms\": [\(algorithms.joined(separator: ", "))]",
        ]
        if let shards = status.shards {
            fields.append("\"shards\": {\"count\": \(shards), \"incomplete\": [\(status.incompleteShards.map(String.init).joined(separator: ", "))]}")
        }
        fields.append("\"commands\": [\(commands.map(jsonString).joined(separator: ", "))]")
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// `text` as one shell word: unchanged when it is plain, else single-quoted.
func shellQuoted(_ text: String) -> String {
    let plain = !text.isEmpty && text.unicodeScalars.allSatisfy {
        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "/._-+=:,@%".unicodeScalars.contains($0))
    }
    return plain ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
