import Foundation
import HDF5Kit
import Testing
@testable import Experiments

/// `type = "external"`: a client program per trial, the budget exact, faults kept in their
/// trial, reruns that redo only the failed trials, and the same runs.h5 for the same seed.
@Suite(.enabled(if: ExternalFixtures.hasPython, ExternalFixtures.noPython))
struct ExternalAlgorithmTests {
    var randomSearch: String {
        #"["python3", "# + ExternalFixtures.pythonString(ExternalFixtures.examples + "/random_search.py") + "]"
    }

    @Test("the Python random search runs as an external algorithm; each trial spends exactly its budget")
    func pythonRandomSearchSpendsExactlyItsBudget() throws {
        let folder = try ExternalFixtures.folder(spec: ExternalFixtures.spec(name: "byo-rs", command: randomSearch, extra: "params = { batch = 7 }"))
        let runner = try ExternalFixtures.runner(folder)
        let outcome = try runner.run()
        #expect(outcome.ran == 3)
        let runs = try runner.store.readRuns()
        let log = try #require(runs.configuration("ext")).log
        #expect(log.trial.count == 3 * 20)
        for t in 0..<3 { #expect(log.trial.filter { $0 == Int32(t) }.count == 20) }
        #expect(log.row.allSatisfy { $0 >= 0 })
    }

    @Test("the same seed gives the same runs.h5, with any thread count")
    func sameSeedSameRunsFile() throws {
        let spec = ExternalFixtures.spec(name: "byo-det", trials: 4, evaluations: 30, command: randomSearch, extra: "params = { batch = 4 }")
        let a = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: spec), threads: 1)
        let b = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: spec), threads: 3)
        _ = try a.run()
        _ = try b.run()
        #expect(try HDF5File.read(a.store.runsFile) == (try HDF5File.read(b.store.runsFile)))
    }

    @Test("the REA example spends its budget in every trial")
    func regularizedEvolutionRuns() throws {
        let command = #"["python3", "# + ExternalFixtures.pythonString(ExternalFixtures.examples + "/regularized_evolution.py") + "]"
        let folder = try ExternalFixtures.folder(spec: ExternalFixtures.spec(name: "byo-rea", trials: 2, evaluations: 40, command: command))
        let runner = try ExternalFixtures.runner(folder)
        _ = try runner.run()
        #expect(try #require(try runner.store.readRuns().configuration("ext")).log.trial.count == 2 * 40)
    }

    @Test("a client that asks beyond its budget, or for bad genes, gets error replies and the budget stays exact")
    func overspendingGetsErrorsAndTheBudgetStaysExact() throws {
        let client = """
        import json, sys
        sys.path.insert(0, \(ExternalFixtures.pythonString(ExternalFixtures.client)))
        import nasreplay

        def search(trial):
            notes = []
            for bad in ([[9, 0, 0, 0, 0, 0]], [[0, 0, 0]], [[-1, 0, 0, 0, 0, 0]]):
                try:
                    trial.evaluate(bad)
                except nasreplay.ProtocolError as e:
                    notes.append("error fatal=%s: %s" % (e.fatal, e.message))
            rng = __import__("random").Random(trial.seed)
            out = trial.evaluate([trial.space.sample(rng) for _ in range(trial.budget_left + 3)])
            notes.append("past budget: %d" % sum(1 for r in out if r.error == "budget spent"))
            notes.append("done: %s" % trial.done)
            try:
                trial.evaluate([[0, 0, 0, 0, 0, 0]])
            except nasreplay.ProtocolError as e:
                notes.append("after done: %s" % e.message)
            with open("notes-%d.txt" % trial.index, "w") as f:
                f.write("\\n".join(notes) + "\\n")

        nasreplay.run(search)
        """
        let folder = try ExternalFixtures.folder(spec: ExternalFixtures.spec(name: "byo-over", trials: 2, command: #"["python3", "greedy.py"]"#),
                                                 files: ["greedy.py": client])
        let runner = try ExternalFixtures.runner(folder)
        _ = try runner.run()
        #expect(try #require(try runner.store.readRuns().configuration("ext")).log.trial.count == 2 * 20)
        let notes = try String(contentsOfFile: folder + "/notes-0.txt", encoding: .utf8)
        #expect(notes == """
            error fatal=False: genes[0][0] = 9 is outside its bounds [0, 4]
            error fatal=False: genes[0] has 3 genes; nats-topology has 6
            error fatal=False: genes[0][0] = -1 is outside its bounds [0, 4]
            past budget: 3
            done: True
            after done: budget spent: send finish

            """)
    }

    @Test("a faulty client fails its own trial only; the run lists it; a rerun redoes only it and equals a clean run",
          arguments: ["crash", "hang", "garbage", "early"])
    func faultStaysInItsTrial(fault: String) throws {
        let spec = ExternalFixtures.spec(name: "byo-\(fault)", trials: 3, command: #"["python3", "faulty.py"]"#,
                                         extra: "timeout_s = 3\nparams = { fault = \"\(fault)\", fault_trials = [1] }")
        let folder = try ExternalFixtures.folder(spec: spec, files: ["faulty.py": ExternalFixtures.faultyClient, "fault-on": ""])
        let runner = try ExternalFixtures.runner(folder)
        let error = try #require(throws: RunError.self) { try runner.run() }
        #expect(error.exitStatus == .runFailed)
        #expect(!error.description.contains("\n"), "\(error)")
        #expect(error.description.hasPrefix("1 of 3 trials failed; the others are saved, and running the spec again redoes only the failed ones. algorithm 'ext' trial 1: "),
                "\(error)")
        let expected = [
            "crash": "deliberate crash in trial 1",
            "hang": "about to hang in trial 1",
            "garbage": "line is not JSON: this is not JSON",
            "early": "leaving early in trial 1",
        ][fault]!
        #expect(error.description.contains(expected), "\(error)")
        if fault == "hang" { #expect(error.description.contains("sent nothing for 3 s (timeout_s) and was killed")) }
        // The other trials are saved; runs.h5 is not written while a trial is missing.
        #expect(!FileManager.default.fileExists(atPath: runner.store.runsFile))
        for t in [0, 2] {
            guard case .valid? = try runner.store.read(runner.slot(config: 0, trial: t)) else { Issue.record("trial \(t) not saved"); continue }
        }
        #expect(try runner.store.read(runner.slot(config: 0, trial: 1)) == nil)

        // Fixed, the rerun starts the client for trial 1 only.
        try FileManager.default.removeItem(atPath: folder + "/fault-on")
        try FileManager.default.removeItem(atPath: folder + "/starts.log")
        let outcome = try ExternalFixtures.runner(folder).run()
        #expect(outcome.ran == 1 && outcome.resumed == 2)
        #expect(try String(contentsOfFile: folder + "/starts.log", encoding: .utf8) == "1\n")
        #expect(try #require(try runner.store.readRuns().configuration("ext")).log.trial.count == 3 * 20)

        // And the repaired run's runs.h5 is the one a clean run writes.
        let clean = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: spec, files: ["faulty.py": ExternalFixtures.faultyClient]))
        #expect(try clean.run().ran == 3)
        #expect(try HDF5File.read(runner.store.runsFile) == (try HDF5File.read(clean.store.runsFile)))
    }

    @Test("a client that cannot start fails its trials with the reason, not the run")
    func missingProgramFailsItsTrials() throws {
        let folder = try ExternalFixtures.folder(spec: ExternalFixtures.spec(name: "byo-missing", trials: 2, command: #"["./no-such-program"]"#))
        let error = try #require(throws: RunError.self) { try ExternalFixtures.runner(folder).run() }
        #expect(error.description.hasPrefix("2 of 2 trials failed"), "\(error)")
        #expect(error.description.contains("algorithm 'ext' trials 0, 1: the client exited with status 127"), "\(error)")
        #expect(!error.description.contains("\n"), "\(error)")
    }

    @Test("command is required, and params takes any keys")
    func commandIsRequired() throws {
        let text = ExternalFixtures.spec(name: "x", command: "[]")
        #expect(throws: SpecError.self) { _ = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: text)) }
        let withoutCommand = text.replacingOccurrences(of: "command = []", with: "")
        let error = try #require(throws: SpecError.self) { _ = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: withoutCommand)) }
        #expect(error.description.contains("algorithm 'ext': type external needs command = [\"program\", \"argument\", …]"), "\(error)")
        let free = ExternalFixtures.spec(name: "x", command: randomSearch, extra: "params = { anything = [1, 2], nested = { ok = true } }")
        let runner = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: free))
        #expect(runner.configs.count == 1, "a list inside params is not a sweep")
    }

    @Test("a client that stops reading its replies is killed after timeout_s, not waited on forever")
    func clientThatStopsReadingFails() throws {
        let client = """
        import sys, time
        sys.stdin.readline()
        for _ in range(5000):
            sys.stdout.write('{"type":"evaluate","genes":[[0,1,2,3,4,0]]}\\n')
        sys.stdout.flush()
        sys.stderr.write("not reading any more\\n")
        sys.stderr.flush()
        time.sleep(120)
        """
        let folder = try ExternalFixtures.folder(spec: ExternalFixtures.spec(name: "byo-deaf", trials: 1, command: #"["python3", "deaf.py"]"#,
                                                                             extra: "timeout_s = 3"),
                                                 files: ["deaf.py": client])
        let error = try #require(throws: RunError.self) { try ExternalFixtures.runner(folder).run() }
        #expect(error.description.contains("the client stopped reading its stdin for 3 s (timeout_s) and was killed"), "\(error)")
        #expect(error.description.contains("not reading any more"), "\(error)")
    }

    @Test("shards of an external run merge to the same runs.h5 as the whole run")
    func shardsMerge() throws {
        let spec = ExternalFixtures.spec(name: "byo-shards", trials: 4, evaluations: 15, command: randomSearch)
        let whole = try ExternalFixtures.runner(try ExternalFixtures.folder(spec: spec))
        _ = try whole.run()
        let folder = try ExternalFixtures.folder(spec: spec)
        for i in 0..<2 {
            let loaded = try ExperimentSpec.load(folder + "/spec.toml")
            var options = ExperimentRunner.Options()
            options.shard = (i, 2)
            options.resultsRoot = folder + "/results"
            options.progress = false
            _ = try ExperimentRunner(spec: loaded, catalog: ExperimentFixtures.catalog, options: options).run()
        }
        let merged = try ExternalFixtures.runner(folder)
        _ = try merged.assemble()
        #expect(try HDF5File.read(merged.store.runsFile) == (try HDF5File.read(whole.store.runsFile)))
    }

    @Test("nasreplay run exits 1 and names the failed trial; the rerun exits 0")
    func cliExitStatus() throws {
        let spec = ExternalFixtures.spec(name: "byo-cli", trials: 2, command: #"["python3", "faulty.py"]"#,
                                         extra: "params = { fault = \"crash\", fault_trials = [0] }")
        let folder = try ExternalFixtures.folder(spec: spec, files: ["faulty.py": ExternalFixtures.faultyClient, "fault-on": ""])
        let arguments = ["run", folder + "/spec.toml", "--datasets", ExperimentFixtures.datasets, "--results", folder + "/results"]
        let failed = try ExperimentFixtures.nasreplay(arguments)
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(failed.stderr.contains("1 of 2 trials failed"), "\(failed.stderr)")
        #expect(failed.stderr.contains("algorithm 'ext' trial 0: the client exited with status 1"), "\(failed.stderr)")
        try FileManager.default.removeItem(atPath: folder + "/fault-on")
        let rerun = try ExperimentFixtures.nasreplay(arguments)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stderr.contains("1 trials already finished, resuming with 1"), "\(rerun.stderr)")
    }
}

@Suite struct FailedTrialsMessageTests {
    /// Trials that failed alike are one entry with their trial numbers as runs; the message
    /// stays on one line.
    @Test func alikeFailuresAreOneEntry() {
        let missing = "the client exited with status 2 with 500 of 500 evaluations left; stderr: needs numba"
        var failures = (0..<100).map { ExternalTrialFailure(algorithm: "pymoo-age-moea", trial: $0, reason: missing) }
        failures += [ExternalTrialFailure(algorithm: "ext", trial: 3, reason: "timed out"),
                     ExternalTrialFailure(algorithm: "ext", trial: 7, reason: "timed out"),
                     ExternalTrialFailure(algorithm: "ext", trial: 5, reason: "crashed")]
        let text = ExperimentRunner.failedTrials(failures, of: 300).description
        #expect(text == "103 of 300 trials failed; the others are saved, and running the spec again redoes only the failed ones. "
                + "algorithm 'pymoo-age-moea' trials 0–99: \(missing); algorithm 'ext' trials 3, 7: timed out; algorithm 'ext' trial 5: crashed")
    }
}
