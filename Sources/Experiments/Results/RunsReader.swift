import Analysis
import Foundation
import HDF5Kit
import NASCore

/// Reads `runs.h5` back into the plain numbers reports and figures need.
public enum RunsReader {
    /// The comparison data of one experiment's runs file.
    ///
    /// A run with a simulated-seconds budget comes back with its curves on a shared time
    /// grid (`ComparisonData.onTimeGrid`: 200 steps up to the budget plus the checkpoints),
    /// so reports and figures compare trials at equal simulated time, not equal counts.
    ///
    /// - Parameter checkpoints: evaluations (seconds, under a seconds budget) at which to
    ///   tabulate; default: the spec's.
    public static func comparison(runsFile path: String, checkpoints override: [Int]? = nil) throws -> ComparisonData {
        let root = try HDF5File.read(path)
        guard let benchmark = root.attributes["benchmark"]?.stringValue, let experiment = root.attributes["experiment"]?.stringValue,
              let group = root.group(at: benchmark) else {
            throw RunError("\(path): not a NASReplay runs file (no experiment/benchmark attributes); rerun `nasreplay run`")
        }
        let objectives = (root.attributes["objectives"]?.stringValue ?? "").split(separator: ",").map(String.init)
        let reported = (root.attributes["reported"]?.stringValue ?? "").split(separator: ",").map(String.init)
        let directions = (root.attributes["reported_directions"]?.stringValue ?? "").split(separator: ",").map { $0 == "max" }
        var algorithms: [ComparisonData.Algorithm] = []
        var length = 0
        var offTable = 0, evaluations = 0, stalled = 0, unanswered = 0
        for (label, node) in group.children {
            guard case .group(let g) = node, let curvesGroup = g.group(at: "curves") else { continue }
            offTable += Int(g.attributes["off_table_answers"]?.intValue ?? 0)
            stalled += Int(g.attributes["stalled_trials"]?.intValue ?? 0)
            unanswered += Int(g.attributes["unanswered_queries"]?.intValue ?? 0)
            evaluations += g.dataset(at: "log/row")?.shape.first ?? 0
            var curves: [String: [[Double]]] = [:]
            for (name, child) in curvesGroup.children {
                guard case .dataset(let ds) = child, case .float64(let values) = ds.data, ds.shape.count == 2 else { continue }
                let (t, n) = (ds.shape[0], ds.shape[1])
                length = max(length, n)
                curves[name] = (0..<t).map { Array(values[($0 * n)..<($0 * n + n)]) }
            }
            if let nhv = curves["normalized_hv"] { curves["hv_regret"] = nhv.map { $0.map { 1 - $0 } } }
            let parameters = [g.attributes["type"]?.stringValue, g.attributes["parameters"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
                              g.attributes["mutation"]?.stringValue.flatMap { $0 == "none" ? nil : "mutation=\($0)" }, g.attributes["cache"]?.stringValue.map { "cache=\($0)" }]
                .compactMap { $0 }.joined(separator: ", ")
            algorithms.append(.init(label: label, curves: curves, parameters: parameters, cumulativeCost: trialCumulativeCosts(g)))
        }
        let storedCheckpoints = root.attributes["checkpoints"].flatMap { a -> [Double]? in if case .doubles(let d) = a { d } else { nil } } ?? []
        let stored = storedCheckpoints.map { Int($0) }
        let secondsBudget = root.attributes["budget_simulated_seconds"]?.doubleValue
        let checkpoints = secondsBudget != nil ? [] : (override ?? (stored.isEmpty ? [length] : stored)).filter { $0 >= 1 && $0 <= max(1, length) }
        var metrics: [ComparisonData.Metric] = []
        let multi = objectives.count >= 2
        if multi {
            metrics.append(.init(curve: "normalized_hv", title: "Normalised hypervolume (1 = the table's whole Pareto front)", higherIsBetter: true))
        }
        if let first = objectives.first {
            metrics += zip(reported, directions + Array(repeating: true, count: max(0, reported.count - directions.count))).map { m, up in
                .init(curve: "incumbent_\(m)", title: "Incumbent's `\(m)` (incumbent = best `\(first.split(separator: ":")[0])` found so far)", higherIsBetter: up)
            }
            if !multi {
                metrics.append(.init(curve: "best_signal", title: "Best `\(first)` found so far", higherIsBetter: first.hasSuffix(":max")))
            }
        }
        var data = ComparisonData(
            experiment: experiment, benchmark: benchmark, trials: Int(root.attributes["trials"]?.intValue ?? 0),
            budget: root.attributes["budget"]?.stringValue ?? "", objectives: objectives, reported: reported,
            hypervolumeConvention: root.attributes["hv_convention"]?.stringValue, checkpoints: checkpoints,
            metrics: metrics, algorithms: algorithms)
        if let budget = secondsBudget {
            let seconds = override.map { $0.map(Double.init) } ?? (storedCheckpoints.isEmpty ? [budget] : storedCheckpoints)
            data = data.onTimeGrid(SimulatedTimeGrid(horizon: budget, including: seconds), checkpointSeconds: seconds)
        }
        // Notes come from runs.h5 alone, so `nasreplay report` rewrites the same summary as `run`.
        if offTable > 0 || root.attributes["sample_table"]?.intValue == 1 {
            let share = String(format: "%.2f", 100 * Double(offTable) / Double(max(1, evaluations)))
            data.notes.append("Off-table answers: \(offTable) of \(evaluations) evaluations (\(share)%).")
        }
        if unanswered > 0 {
            data.notes.append("Queries without an answer: \(unanswered), resampled at no cost (a cell outside the table under `off_table = \"reject\"`, or under a seconds budget a row without a training time).")
        }
        if stalled > 0 {
            data.notes.append("\(stalled) trials stopped early: the algorithm kept revisiting known architectures under `cache = \"free\"`.")
        }
        return data
    }

    /// `log/cumulative_cost` split by `log/trial`, trials in index order.
    static func trialCumulativeCosts(_ g: H5Group) -> [[Double]] {
        guard case .int32(let trials)? = g.dataset(at: "log/trial")?.data,
              case .float64(let cumulative)? = g.dataset(at: "log/cumulative_cost")?.data,
              trials.count == cumulative.count else { return [] }
        var out: [[Double]] = []
        for (t, c) in zip(trials, cumulative) {
            let i = Int(t)
            guard i >= 0 else { continue }
            while out.count <= i { out.append([]) }
            out[i].append(c)
        }
        return out
    }
}
