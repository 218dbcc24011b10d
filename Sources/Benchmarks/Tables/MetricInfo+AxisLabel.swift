extension MetricInfo {
    /// The metric as a figure's axis names it: what was measured, on what, in which unit,
    /// e.g. "CIFAR-10 validation accuracy, 200 ep (%)" for `c10_valid_200ep`, "latency
    /// on raspi4 (ms)" for `lat_ms_raspi4`. Tables name their columns by short ids; a
    /// reader of a figure needs the words.
    ///
    /// Ids in the project's conventions (datasets/FORMAT.md) are spelled out; any other
    /// metric gets the first clause of its description and its unit.
    public var axisLabel: String {
        let unitSuffix = unit.isEmpty || unit == "count" || unit == "score" ? "" : " (\(unit))"
        let parts = id.split(separator: "_").map(String.init)
        if id.hasPrefix("lat_ms_"), parts.count >= 3 {
            return "latency on \(parts.dropFirst(2).joined(separator: "_")) (ms)"
        }
        switch id {
        case "params_M": return "parameters (millions)"
        case "flops_M": return "FLOPs (millions)"
        default: break
        }
        if unit == "%", let kind = parts.lazy.compactMap({ Self.splitNames[$0] }).first {
            let epochs = parts.last.flatMap { $0.hasSuffix("ep") ? Int($0.dropLast(2)) : nil }
            return "\(datasetName) \(kind) accuracy\(epochs.map { ", \($0) ep" } ?? "") (%)"
        }
        var clause = summary
        for stop in [";", ", mean over", " as the ", " ("] {
            if let r = clause.range(of: stop) { clause = String(clause[..<r.lowerBound]) }
        }
        if clause.isEmpty { return id + unitSuffix }
        return clause.contains("(\(unit))") ? clause : clause + unitSuffix
    }

    /// The split an id names: NATS-Bench's `valid`, `val`, `test` and `validtest`.
    static let splitNames = ["valid": "validation", "val": "validation", "test": "test", "validtest": "validation + test"]

    /// The dataset as papers write it.
    var datasetName: String {
        switch dataset.lowercased() {
        case "cifar10": "CIFAR-10"
        case "cifar100": "CIFAR-100"
        case "imagenet16-120": "ImageNet16-120"
        case "imagenet": "ImageNet"
        default: dataset
        }
    }
}
