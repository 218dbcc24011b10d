import Benchmarks
import Experiments
import Foundation

/// One algorithm's time per trial on NATS-TSS, one thread, in memory (evaluations, logging
/// and the hypervolume curve included): `trials` trials run together, divided by `trials`.
///
/// ```swift
/// let row = try PerTrialBench(catalog: catalog, repetitions: 3).row(type: "unsga3", objectives: 3, evaluations: 500, floor: "≤ 2 ms")
/// ```
struct PerTrialBench {
    let catalog: DatasetCatalog
    let repetitions: Int
    /// Trials per timed run: enough that one run lasts well above the clock's resolution.
    var trials = 20

    static let objectiveLists = [
        2: #"["c10_valid_200ep:max", "lat_ms_raspi4:min"]"#,
        3: #"["c10_valid_200ep:max", "lat_ms_raspi4:min", "params_M:min"]"#,
    ]

    func row(type: String, objectives: Int, evaluations: Int, floor: String) throws -> [String] {
        let text = """
        name = "bench-\(type)"
        trials = \(trials)
        seed = 1
        [benchmark]
        name = "nats-tss"
        objectives = \(Self.objectiveLists[objectives]!)
        [budget]
        evaluations = \(evaluations)
        [[algorithm]]
        name = "\(type)"
        type = "\(type)"
        """
        let spec = try ExperimentSpec.parse(text, file: "bench-\(type).toml")
        var options = ExperimentRunner.Options()
        options.progress = false
        options.threads = 1
        let runner = try ExperimentRunner(spec: spec, catalog: catalog, options: options)
        let seconds = try medianSeconds(repetitions: max(1, repetitions / 2)) { blackHole(try runner.runInMemory()) }
        return ["\(type), \(objectives) objectives, \(evaluations) evaluations, per trial (1 thread, in memory)",
                formatSeconds(seconds / Double(trials)), floor]
    }
}
