import Benchmarks
import Experiments
import Foundation
import NASCore

/// The external-algorithm harness's cost per evaluation: a trivial python3 client that asks
/// for the same genes in batches of 1 or 50, over docs/PROTOCOL.md.
///
/// ```swift
/// rows += try ProtocolBench(catalog: catalog, repetitions: 7).rows()
/// ```
struct ProtocolBench {
    let catalog: DatasetCatalog
    let repetitions: Int

    /// Stdlib only, so the time is the protocol's and the harness's, not a client library's.
    static let client = """
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

    func rows() throws -> [[String]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let script = folder + "/trivial_client.py"
        try Self.client.write(toFile: script, atomically: true, encoding: .utf8)
        return try [1, 50].map { batch in
            // Two budgets, so the python3 start-up (the same in both) cancels out.
            let small = try trialSeconds(script: script, batch: batch, evaluations: 200)
            let large = try trialSeconds(script: script, batch: batch, evaluations: 20_200)
            return ["protocol round trip, trivial python3 client, batches of \(batch) (per evaluation)",
                    formatSeconds((large - small) / 20_000), "reported"]
        }
    }

    /// One trial of the trivial client, in memory, one thread.
    func trialSeconds(script: String, batch: Int, evaluations: Int) throws -> Double {
        let text = """
        name = "bench-protocol"
        trials = 1
        seed = 1
        [benchmark]
        name = "nats-tss"
        objectives = ["c10_valid_200ep:max", "lat_ms_raspi4:min"]
        [budget]
        evaluations = \(evaluations)
        [[algorithm]]
        name = "trivial"
        type = "external"
        command = ["python3", "\(script)"]
        params = { batch = \(batch) }
        """
        let spec = try ExperimentSpec.parse(text, file: "bench-protocol.toml")
        var options = ExperimentRunner.Options()
        options.progress = false
        options.threads = 1
        let runner = try ExperimentRunner(spec: spec, catalog: catalog, options: options)
        return try medianSeconds(repetitions: repetitions) { blackHole(try runner.runInMemory()) }
    }
}
