import Benchmarks
import Experiments
import Foundation
import NASCore

/// The external-algorithm harness's cost (docs/PROTOCOL.md):
///
/// - per evaluation, with a trivial python3 client that asks for the same genes in batches of
///   1 or 50: the harness's own CPU time (its process, every thread: parsing, evaluating,
///   logging, replying, the pipe's system calls), and the wall time of the whole round trip,
///   the client's Python included;
/// - the stdlib random search of `examples/algorithms/` over the pipe, 100 trials × 500
///   evaluations, against the same Python loop alone (the same program and draws, its
///   `evaluate` answered in-process with no harness), each trial a python3 process in both.
///
/// ```swift
/// rows += try ProtocolBench(catalog: catalog, repetitions: 7).rows()
/// ```
struct ProtocolBench {
    let catalog: DatasetCatalog
    let repetitions: Int
    /// Where `examples/algorithms/random_search.py` is looked for: the repository root.
    var root = FileManager.default.currentDirectoryPath

    /// Stdlib only, so the time is the protocol's and the harness's, not a client library's.
    static let trivialClient = """
    import json, sys
    start = json.loads(sys.stdin.readline())
    batch = int(start["params"]["batch"])
    left = start["budget"]["evaluations"]
    genes = [lo for lo, hi in start["space"]["bounds"]]
    while left > 0:
        n = min(batch, left)
        sys.stdout.write(json.dumps({"type": "evaluate", "genes": [genes] * n}) + "\\n")
        sys.stdout.flush()
        left = json.loads(sys.stdin.readline())["budget_left"]["evaluations"]
    sys.stdout.write('{"type":"finish"}\\n')
    sys.stdout.flush()
    """

    /// The example's `search` with `Trial.evaluate` answered in-process: each answer is a
    /// constant, so what is left is the Python loop itself (start-up, draws, Result objects).
    static let aloneDriver = """
    import os, sys
    examples, seed, budget = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    sys.path.insert(0, os.path.join(examples, "..", "..", "clients", "python"))
    sys.path.insert(0, examples)
    import nasreplay, random_search

    class AloneTrial(nasreplay.Trial):
        def evaluate(self, batch):
            batch = [[int(g) for g in genes] for genes in batch][: self.budget_left]
            self.budget_left -= len(batch)
            self.done = self.budget_left <= 0
            return [nasreplay.Result(genes, {"objectives": [90.0, 1.0], "cost": 0, "exact": True, "charged": True})
                    for genes in batch]

    start = {"type": "start", "protocol": nasreplay.PROTOCOL_VERSION, "trial": 0, "seed": seed,
             "budget": {"evaluations": budget},
             "objectives": [{"metric": "a", "direction": "max"}, {"metric": "b", "direction": "min"}],
             "space": {"name": "nats-topology", "genes": 6, "bounds": [[0, 4]] * 6}, "params": {"batch": 50}}
    random_search.search(AloneTrial(start, None, None))
    """

    func rows() throws -> [[String]] {
        try withBenchFolder(rows(folder:))
    }

    private func rows(folder: String) throws -> [[String]] {
        let script = folder + "/trivial_client.py"
        try Self.trivialClient.write(toFile: script, atomically: true, encoding: .utf8)
        var rows: [[String]] = []
        for batch in [1, 50] {
            // Two budgets, so the python3 start-up (the same in both) cancels out.
            let small = try trialCost(command: ["python3", script], params: "{ batch = \(batch) }", evaluations: 200)
            let large = try trialCost(command: ["python3", script], params: "{ batch = \(batch) }", evaluations: 20_200)
            rows.append(["protocol round trip, batches of \(batch): harness CPU per evaluation (all its threads)",
                         formatSeconds((large.cpu - small.cpu) / 20_000), batch == 50 ? "≤ 5 µs" : "reported"])
            rows.append(["protocol round trip, batches of \(batch): wall per evaluation, trivial python3 client included",
                         formatSeconds((large.wall - small.wall) / 20_000), "reported"])
        }
        rows += try randomSearchRows(folder: folder)
        return rows
    }

    /// The example random search over the pipe (100 trials × 500 evaluations, batches of
    /// 50, one thread, in memory) and the same loop alone, one python3 process per trial.
    func randomSearchRows(folder: String) throws -> [[String]] {
        let examples = root + "/examples/algorithms"
        guard FileManager.default.fileExists(atPath: examples + "/random_search.py") else {
            return [["stdlib random search over the pipe vs alone", "skipped: run from the repository root", "—"]]
        }
        let driver = folder + "/alone.py"
        try Self.aloneDriver.write(toFile: driver, atomically: true, encoding: .utf8)
        let trials = 100
        let piped = try trialCost(command: ["python3", examples + "/random_search.py"], params: "{ batch = 50 }",
                                  evaluations: 500, trials: trials).wall
        let alone = try medianSeconds(repetitions: repetitions) {
            for seed in 0..<trials { try runChecked("/usr/bin/env", ["python3", driver, examples, String(seed), "500"]) }
        }
        return [
            ["stdlib random search, \(trials) trials × 500, batches of 50, over the pipe (one thread)", formatSeconds(piped), "≤ 3 × alone"],
            ["the same Python loop alone (\(trials) python3 processes, evaluate answered in-process)", formatSeconds(alone), "reported"],
            ["  ratio, over the pipe ÷ alone", String(format: "%.2f ×", piped / alone), "≤ 3 ×"],
        ]
    }

    /// Median wall time and the harness process's CPU time (user + system, all threads;
    /// children excluded) of one run of the external algorithm, in memory, one thread.
    func trialCost(command: [String], params: String, evaluations: Int, trials: Int = 1) throws -> (wall: Double, cpu: Double) {
        let text = """
        name = "bench-protocol"
        trials = \(trials)
        seed = 1
        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
        [budget]
        evaluations = \(evaluations)
        [[algorithm]]
        name = "client"
        type = "external"
        command = [\(command.map(JSONText.quoted).joined(separator: ", "))]
        params = \(params)
        """
        let spec = try ExperimentSpec.parse(text, file: "bench-protocol.toml")
        var options = ExperimentRunner.Options()
        options.progress = false
        options.threads = 1
        let runner = try ExperimentRunner(spec: spec, catalog: catalog, options: options)
        var cpuTimes: [Double] = []
        let wall = try medianSeconds(repetitions: repetitions) {
            let before = Self.processCPUSeconds()
            blackHole(try runner.runInMemory())
            cpuTimes.append(Self.processCPUSeconds() - before)
        }
        cpuTimes.sort()
        return (wall, cpuTimes[cpuTimes.count / 2])
    }

    static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
