import Foundation
import HDF5Kit
import NASCore

/// Builds `runs.h5` from finished trials (layout in README's "Results" section).
///
/// One group per (benchmark, algorithm configuration) with the concatenated evaluation log
/// and per-trial curves as [trials × evaluations] matrices (NaN-padded if a trial ended
/// early). Nothing in it depends on timing or threads, so identical trials give an
/// identical file.
enum RunsFile {
    static func build(experiment: ValidatedExperiment, results: [[TrialResult]], reportedDirections: [Direction]) -> H5Group {
        let spec = experiment.spec, configs = experiment.configs, binding = experiment.binding, front = experiment.front
        var root = H5Group()
        let budget: String
        switch spec.budget {
        case .evaluations(let n): budget = "\(n) evaluations"
        case .simulatedSeconds(let s): budget = "\(s) simulated seconds"
        }
        root.attributes = [
            "experiment": .string(spec.name), "trial_hash": .string(spec.trialHash),
            "code_version": .string("nasreplay \(NASReplayVersion.string)"), "seed": .int(Int64(bitPattern: spec.seed)),
            "trials": .int(Int64(spec.trials)), "budget": .string(budget),
            "objectives": .string(spec.benchmark.objectives.map(\.description).joined(separator: ",")),
            "reported": .string(spec.benchmark.report.joined(separator: ",")),
        ]
        if let front { root.attributes["hv_convention"] = .string(front.conventionNote) }
        root.attributes["checkpoints"] = .doubles(spec.checkpoints)
        root.attributes["reported_directions"] = .string(reportedDirections.map(\.rawValue).joined(separator: ","))
        root.attributes["benchmark"] = .string(spec.benchmark.name)
        root.attributes["sample_table"] = .int(binding.isSampleTable ? 1 : 0)
        // Only for a seconds budget, so runs.h5 of an evaluation budget is as it always was;
        // readers put such a run's curves on a simulated-time grid.
        if case .simulatedSeconds(let s) = spec.budget { root.attributes["budget_simulated_seconds"] = .double(s) }
        let k = spec.benchmark.objectives.count, r = spec.benchmark.report.count
        for (config, trials) in zip(configs, results) {
            var g = H5Group()
            g.attributes = [
                "type": .string(config.typeName), "parameters": .string(config.spec.canonicalParameters.replacingOccurrences(of: ",", with: ", ")),
                "mutation": .string(experiment.recordedMutation(of: config)), "cache": .string(config.cache.rawValue),
                "trial_seeds": .ints(trials.map { Int64(bitPattern: $0.seed) }),
                "off_table_answers": .int(Int64(trials.reduce(0) { $0 + $1.exact.filter { $0 == 0 }.count })),
                "stalled_trials": .int(Int64(trials.filter(\.stalled).count)),
                "unanswered_queries": .int(Int64(trials.reduce(0) { $0 + $1.unanswered })),
            ]
            var trialColumn: [Int32] = [], step: [Int32] = [], rows: [Int32] = []
            var objectives: [Double] = [], reported: [Double] = [], cost: [Double] = [], cumulative: [Double] = []
            var exact: [UInt8] = []
            for t in trials {
                trialColumn += Array(repeating: Int32(t.trial), count: t.evaluations)
                step += (0..<t.evaluations).map { Int32($0 + 1) }
                rows += t.rows; objectives += t.objectives; reported += t.reported
                cost += t.cost; cumulative += t.cumulativeCost; exact += t.exact
            }
            let total = rows.count
            g.set("log/trial", H5Dataset(.int32(trialColumn)))
            g.set("log/step", H5Dataset(.int32(step)))
            g.set("log/row", H5Dataset(.int32(rows)))
            g.set("log/objectives", H5Dataset(.float64(objectives), shape: [total, k]))
            g.set("log/reported", H5Dataset(.float64(reported), shape: [total, r]))
            g.set("log/cost", H5Dataset(.float64(cost)))
            g.set("log/cumulative_cost", H5Dataset(.float64(cumulative)))
            g.set("log/exact", H5Dataset(.uint8(exact)))
            let length = trials.map(\.evaluations).max() ?? 0
            g.set("curves/best_signal", matrix(trials.map(\.bestSignal), length: length))
            for (j, metric) in spec.benchmark.report.enumerated() {
                g.set("curves/incumbent_\(metric)", matrix(trials.map { t in stride(from: j, to: t.incumbentReported.count, by: r).map { t.incumbentReported[$0] } }, length: length))
            }
            if front != nil {
                g.set("curves/hv", matrix(trials.map(\.hypervolume), length: length))
                g.set("curves/normalized_hv", matrix(trials.map(\.normalizedHypervolume), length: length))
                g.set("fronts/trial", H5Dataset(.int32(trials.flatMap { t in Array(repeating: Int32(t.trial), count: t.frontRows.count) })))
                g.set("fronts/row", H5Dataset(.int32(trials.flatMap(\.frontRows))))
            }
            root.set("\(spec.benchmark.name)/\(ResultsStore.safeName(config.label))", .group(g))
        }
        return root
    }

    static func matrix(_ rows: [[Double]], length: Int) -> H5Dataset {
        var values: [Double] = []
        values.reserveCapacity(rows.count * length)
        for row in rows { values += row + Array(repeating: .nan, count: length - row.count) }
        return H5Dataset(.float64(values), shape: [rows.count, length])
    }
}
