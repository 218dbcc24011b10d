import ArgumentParser
import Benchmarks
import Analysis
import Experiments
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an experiment spec: seeded trials of each algorithm, in parallel, resumable.",
        discussion: """
        Results go to results/<name>/: one file per finished trial under trials/, then runs.h5 \
        and summary.md. A killed run resumes where it stopped when started again; a trial \
        file that fails its check (copied over another, edited, truncated) is reported on \
        stderr and its trial run again.
        On a cluster, run each slice with --shard i/n (0-based: 0/4 … 3/4; e.g. from a Slurm \
        array) and join them with `nasreplay merge SPEC`; `nasreplay status SPEC --shards n` \
        lists what is missing. Runs may share one results folder: each trial is claimed \
        (a lock its process holds), so concurrent runs and shards never compute the same \
        trial, and a run waits for trials another run is computing. The folder's spec.lock \
        names the spec version it holds; another version is refused before any work.
        A `type = "external"` algorithm is a program of your own, one child process per \
        trial (docs/PROTOCOL.md). One that crashes, hangs or breaks the protocol fails only \
        its trial: the others finish, the run exits 1 listing the failed trials, and running \
        again redoes only those.
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "The experiment spec (TOML).") var spec: String
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Run only slice i of n (0-based: 0/4 … 3/4).") var shard: String?
    @Option(help: "Folder for results.") var results = "results"
    @Option(help: ArgumentHelp("Run the first N trials instead of the spec's count (quick checks).",
                               discussion: "Trial i is the same with any N. Refused when the results folder already holds runs.h5 with another count; pair it with --results.")) var trials: Int?
    @Flag(help: "No progress and no result tables: only the final line.") var quiet = false
    @Flag(help: "Validate the spec against its table and print the resolved configuration (every default that applies, trial count, estimated evaluations); run nothing.")
    var dryRun = false

    func run() throws {
        try checkResultsFolder(results)
        let parsed = try loadSpec(spec, trials: trials, results: results)
        var options = ExperimentRunner.Options()
        if let threads {
            guard threads > 0 else { throw InputError("--threads must be positive, got \(threads)") }
            options.threads = threads
        }
        if let shard { options.shard = try parseShard(shard) }
        options.resultsRoot = results
        options.progress = !quiet
        let experiment = try ValidatedExperiment(spec: parsed, catalog: DatasetCatalog(folder: locations.datasetsFolder))
        if dryRun {
            print(experiment.resolvedConfiguration)
            return
        }
        let runner = ExperimentRunner(experiment: experiment, options: options)
        let start = ContinuousClock.now
        let outcome = try runner.run()
        let seconds = String(format: "%.2f", (ContinuousClock.now - start).seconds)
        let elsewhere = outcome.finishedElsewhere > 0 ? ", \(outcome.finishedElsewhere) finished by another run into the same folder" : ""
        if let report = outcome.report {
            if !quiet { printCompact(report) }
            print("ran \(outcome.ran) trials (\(outcome.resumed) resumed\(elsewhere)) in \(seconds) s; wrote \(runner.store.runsFile) and \(runner.store.summaryFile)")
        } else {
            var results = self.results == "results" ? "" : " --results \(shellQuoted(self.results))"
            if let trials { results += " --trials \(trials)" }
            let datasets = locations.datasetsFolder == "datasets" ? "" : " --datasets \(shellQuoted(locations.datasetsFolder))"
            print("shard \(shard ?? ""): ran \(outcome.ran) trials (\(outcome.resumed) already done\(elsewhere)) in \(seconds) s into \(runner.store.folder)/trials; when every shard is done, join them with `nasreplay merge \(shellQuoted(spec))\(results)\(datasets)` (`nasreplay status \(shellQuoted(spec))\(results) --shards N` lists missing shards)")
        }
    }
}

/// The run's results on a terminal: per metric, mean ± sd at each checkpoint, with a key
/// and where the full summary is.
func printCompact(_ report: ComparisonReport) {
    let data = report.data
    print("\(data.experiment): \(data.benchmark), \(data.trials) trials per algorithm, budget \(data.budget)")
    for table in report.compactTables {
        print("")
        print(table.title)
        print(renderTable(table.header, table.rows))
    }
    print("")
    print("key: mean ± standard deviation over the trials at each checkpoint (\(data.stepUnit)); summary.md adds median [IQR], evaluations to threshold and pairwise tests")
}

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the trials of sharded runs into runs.h5 and summary.md.",
        discussion: """
        Each SHARD_DIR is a results/<name> folder from another machine; its trials are \
        copied in. Without SHARD_DIRs the shards are taken to share one results folder.
        Every trial must be present and come from the same spec; a trial record that fails \
        its check is reported on stderr and never merged.
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "The experiment spec (TOML).") var spec: String
    @Argument(help: "Results folders of shards run elsewhere.") var shardFolders: [String] = []
    @Option(help: "Folder for results.") var results = "results"
    @Option(help: "The trial count the shards were run with (`run --trials N`).") var trials: Int?

    func run() throws {
        try checkResultsFolder(results)
        let parsed = try loadSpec(spec, trials: trials, results: results)
        var options = ExperimentRunner.Options()
        options.resultsRoot = results
        let runner = try ExperimentRunner(spec: parsed, catalog: DatasetCatalog(folder: locations.datasetsFolder), options: options)
        let copied = try runner.importTrials(from: shardFolders)
        let report = try runner.assemble()
        printCompact(report)
        print("merged (\(copied) trials copied in); wrote \(runner.store.runsFile) and \(runner.store.summaryFile)")
    }
}

/// The spec at `path`, with `--trials N` applied when given (`run`, `merge`): checked by
/// `checkTrialOverride` and against the logged-evaluation limit.
func loadSpec(_ path: String, trials: Int?, results: String) throws -> ExperimentSpec {
    var parsed = try ExperimentSpec.load(path)
    if let trials {
        try checkTrialOverride(trials, maximum: ExperimentSpec.maximumTrials,
                               runsFile: ResultsStore(root: results, experiment: parsed.name).runsFile)
        parsed.trials = trials
        try parsed.checkLoggedEvaluations(trialsName: "--trials")
    }
    return parsed
}

/// Checks `--trials N` (for `run` and `predictors evaluate`): N must be in 1…`maximum`, and a
/// stored runs.h5 of another trial count is never overwritten. Trial seeds depend on the
/// trial index only, so a smaller run is a prefix of the full one and determinism is
/// unaffected; but its runs.h5 would replace the full run's summary.
func checkTrialOverride(_ trials: Int, maximum: Int, runsFile: String) throws {
    guard trials > 0 else { throw InputError("--trials must be positive, got \(trials)") }
    guard trials <= maximum else { throw InputError("--trials \(trials) is above the limit of \(maximum) trials") }
    if let stored = StoredRuns.trialCount(at: runsFile), stored != trials {
        throw InputError("--trials \(trials): \(runsFile) holds a run of \(stored) trials; pass --results DIR to write the smaller run elsewhere")
    }
}

/// Checks `--results DIR` before any work: an empty path would put `/<name>` at the
/// filesystem root, and a file cannot hold results.
func checkResultsFolder(_ path: String) throws {
    guard !path.isEmpty else { throw InputError("--results: the folder is empty; give one, e.g. --results results") }
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        throw InputError("--results \(path): a file, not a folder; give a folder for results")
    }
}

func parseShard(_ text: String) throws -> (index: Int, count: Int) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n > 0, (0..<n).contains(i) else {
        throw InputError("--shard: expected i/n with 0 ≤ i < n, 0-based (0/4, 1/4, 2/4, 3/4 for four shards), got '\(text)'")
    }
    return (i, n)
}
