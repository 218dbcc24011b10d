import Experiments
import Foundation

/// The whole results path as a user pays it: `nasreplay run` of 300 aging-evolution
/// trials × 1,000 evaluations on NATS-TSS as its own process (table load, search, trial
/// files, runs.h5, summary.md; a fresh results folder each time, every core), against a plain
/// Python REA doing the same work (`scripts/bench/rea_python.py`: stdlib, a dict, NATS-Bench's
/// settings, its curves written as CSV).
///
/// ```swift
/// rows += try ResultsPathBench(datasets: "datasets", data: "../shared/data", repetitions: 7).rows()
/// ```
struct ResultsPathBench {
    let datasets: String
    /// The shared data folder, for the Python baseline's CSV.
    let data: String
    let repetitions: Int
    var root = FileManager.default.currentDirectoryPath

    static let spec = """
    name = "bench-aging"
    trials = 300
    seed = 20261123

    [benchmark]
    name = "nats-tss"
    objectives = ["c10_valid_200ep:max"]
    report = ["c10_test_200ep"]

    [budget]
    evaluations = 1000
    checkpoints = [100, 300, 500, 1000]

    [[algorithm]]
    name = "aging"
    type = "aging-evolution"
    preset = "nats-bench"
    """

    func rows() throws -> [[String]] {
        try withBenchFolder(rows(folder:))
    }

    private func rows(folder: String) throws -> [[String]] {
        let specPath = folder + "/bench-aging.toml"
        try Self.spec.write(toFile: specPath, atomically: true, encoding: .utf8)
        let binary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var attempt = 0
        let run = try medianSeconds(repetitions: repetitions) {
            attempt += 1
            try runChecked(binary, ["run", specPath, "--datasets", datasets, "--results", "\(folder)/r\(attempt)", "--quiet"])
        }
        var rows = [["300 aging-evolution trials × 1,000 on NATS-TSS, whole `nasreplay run` (load, search, trial records, runs.h5, summary; all cores)",
                     formatSeconds(run), "≤ 0.1 s (issue 18)"]]
        let script = root + "/scripts/bench/rea_python.py"
        let csv = data + "/nats-tss/nats_tss_15625.csv.gz"
        guard FileManager.default.fileExists(atPath: script), FileManager.default.fileExists(atPath: csv) else {
            rows.append(["plain Python REA baseline", "skipped: needs scripts/bench/ (run from the repository root) and --data DIR", "—"])
            return rows
        }
        let python = try medianSeconds(repetitions: max(1, repetitions / 2)) {
            try runChecked("/usr/bin/env", ["python3", script, csv, "300", "1000", folder + "/rea.csv"])
        }
        rows.append(["the same in plain Python (REA, dict lookup, stdlib; load, search, CSV of curves; one core)", formatSeconds(python), "baseline"])
        rows.append(["  ratio, Python ÷ nasreplay run", String(format: "%.1f ×", python / run), "≥ 20 × (issue 18)"])
        return rows
    }
}
