import Foundation
import Testing
@testable import Experiments

/// What the external-algorithm tests share: the repository's paths, whether python3 is
/// there, a folder with a spec and client scripts, and a runner over it.
///
/// ```swift
/// let folder = try ExternalFixtures.folder(spec: ExternalFixtures.spec(command: #"["python3", "x.py"]"#))
/// let runner = try ExternalFixtures.runner(folder)
/// ```
enum ExternalFixtures {
    static var repository: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }

    static var examples: String { repository + "/examples/algorithms" }
    static var client: String { repository + "/clients/python" }

    /// Whether `python3` runs here; the tests that need it are skipped, saying so, otherwise.
    static let hasPython: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    static let noPython: Comment = "python3 (3.9 or newer) is not on PATH: the external-algorithm tests need it to run their clients"

    /// A spec on NATS-TSS with one external algorithm.
    static func spec(name: String, trials: Int = 3, evaluations: Int = 20, label: String = "ext",
                     command: String, extra: String = "", objectives: String = #"["c10_valid_200ep:max"]"#) -> String {
        """
        name = "\(name)"
        trials = \(trials)
        seed = 11

        [benchmark]
        name = "nats-tss"
        objectives = \(objectives)
        report = ["c10_test_200ep"]

        [budget]
        evaluations = \(evaluations)
        checkpoints = [\(evaluations)]

        [[algorithm]]
        name = "\(label)"
        type = "external"
        command = \(command)
        \(extra)
        """
    }

    /// A fresh folder holding `spec.toml` and the given scripts.
    static func folder(spec: String, files: [String: String] = [:]) throws -> String {
        let folder = ExperimentFixtures.temporaryFolder()
        try spec.write(toFile: folder + "/spec.toml", atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        return folder
    }

    static func runner(_ folder: String, threads: Int = 2) throws -> ExperimentRunner {
        let spec = try ExperimentSpec.load(folder + "/spec.toml")
        var options = ExperimentRunner.Options()
        options.threads = threads
        options.resultsRoot = folder + "/results"
        options.progress = false
        return try ExperimentRunner(spec: spec, catalog: ExperimentFixtures.catalog, options: options)
    }

    /// A client that misbehaves in trial `fault_trials` while a file `fault-on` is in its
    /// folder, as `params.fault` says, and logs each trial it starts to `starts.log`.
    static var faultyClient: String {
        """
        import os, random, sys, time
        sys.path.insert(0, \(pythonString(client)))
        import nasreplay

        def search(trial):
            with open("starts.log", "a") as log:
                log.write("%d\\n" % trial.index)
            fault = trial.params.get("fault", "")
            faulty = os.path.exists("fault-on") and trial.index in trial.params.get("fault_trials", [])
            rng = random.Random(trial.seed)
            while not trial.done:
                if faulty and trial.budget_left <= trial.budget["evaluations"] - 2:
                    if fault == "crash":
                        raise RuntimeError("deliberate crash in trial %d" % trial.index)
                    if fault == "hang":
                        sys.stderr.write("about to hang in trial %d\\n" % trial.index)
                        sys.stderr.flush()
                        time.sleep(120)
                    if fault == "garbage":
                        sys.stderr.write("printing garbage in trial %d\\n" % trial.index)
                        sys.stderr.flush()
                        print("this is not JSON", flush=True)
                        time.sleep(120)
                    if fault == "early":
                        sys.stderr.write("leaving early in trial %d\\n" % trial.index)
                        sys.exit(0)
                trial.evaluate([trial.space.sample(rng)])

        nasreplay.run(search)
        """
    }

    /// A Python string literal.
    static func pythonString(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
