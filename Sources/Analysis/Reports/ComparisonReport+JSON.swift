import Foundation

extension ComparisonReport {
    /// What summary.md reports, as one JSON object (`nasreplay report --json`), for
    /// JSONSerialization: numbers exact (not rounded for reading), NaN as null.
    ///
    /// ```text
    /// {"experiment", "benchmark", "trials", "budget", "objectives", "reported", "step_unit",
    ///  "checkpoints": [n…],
    ///  "metrics": [{"curve", "title", "direction",
    ///               "algorithms": [{"label", "parameters",
    ///                               "at": [{"checkpoint", "n", "mean", "sd", "median", "q1", "q3"}]}],
    ///               "pairwise": [{"checkpoint", "first", "second", "mean_difference", "a12",
    ///                             "p", "p_holm", "significant", "sentence"}]}],
    ///  "notes": […]}
    /// ```
    public var jsonObject: [String: Any] {
        func number(_ x: Double) -> Any { x.isFinite ? x : NSNull() }
        let metrics: [[String: Any]] = data.metrics.map { metric in
            let algorithms: [[String: Any]] = data.algorithms.map { a in
                let at: [[String: Any]] = data.checkpoints.map { c in
                    let v = values(a, metric.curve, at: c)
                    guard !v.isEmpty else { return ["checkpoint": c, "n": 0] }
                    let (mean, sd) = Self.meanAndStandardDeviation(v)
                    let sorted = v.sorted()
                    return ["checkpoint": c, "n": v.count, "mean": number(mean), "sd": number(sd),
                            "median": number(Self.quantile(sorted, 0.5)), "q1": number(Self.quantile(sorted, 0.25)),
                            "q3": number(Self.quantile(sorted, 0.75))]
                }
                return ["label": a.label, "parameters": a.parameters, "at": at]
            }
            let pairwise: [[String: Any]] = data.algorithms.count < 2 ? [] : data.checkpoints.flatMap { c in
                pairTests(metric, at: c).map { t -> [String: Any] in
                    ["checkpoint": c, "first": t.first, "second": t.second, "mean_difference": number(t.meanDifference),
                     "a12": number(t.a12), "p": number(t.p), "p_holm": number(t.holm), "significant": t.significant,
                     "sentence": t.sentence]
                }
            }
            return ["curve": metric.curve, "title": metric.title, "direction": metric.direction.rawValue,
                    "algorithms": algorithms, "pairwise": pairwise]
        }
        return ["experiment": data.experiment, "benchmark": data.benchmark, "trials": data.trials, "budget": data.budget,
                "objectives": data.objectives.map(\.description), "reported": data.reported, "step_unit": data.stepUnit,
                "checkpoints": data.checkpoints, "metrics": metrics, "notes": data.notes]
    }
}
