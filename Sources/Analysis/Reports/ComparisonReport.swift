import Foundation
import NASCore

/// `summary.md` for a comparison of search algorithms: per metric, tables at the budgets,
/// evaluations-to-threshold in the form of the LINAS paper's Table 3, pairwise tests with
/// effect sizes and Holm-corrected p-values, and one plain sentence per pair.
///
/// ```swift
/// let markdown = ComparisonReport(data).markdown
/// ```
///
/// The tests are two-sided Mann–Whitney U on the trials' values at a checkpoint (trials are
/// independent, so unpaired); the effect size is Vargha–Delaney A12 (probability that a
/// trial of the first algorithm beats one of the second, ties counted half); p-values are
/// Holm-corrected over all pairs at that checkpoint. The references' own code has no
/// statistical test at all (ALGORITHMS.md §1.2, §2.3).
public struct ComparisonReport: Sendable {
    public let data: ComparisonData
    public var significance = 0.05

    public init(_ data: ComparisonData) { self.data = data }

    public var markdown: String {
        var out: [String] = ["# \(data.experiment)", ""]
        out.append("Benchmark `\(data.benchmark)`; \(data.trials) independent trials per algorithm; budget \(data.budget).")
        out.append("Search objectives: \(data.objectives.map { "`\($0)`" }.joined(separator: ", "))" +
                   (data.reported.isEmpty ? "." : "; reported for the incumbent (never seen by the search): \(data.reported.map { "`\($0)`" }.joined(separator: ", "))."))
        if let hv = data.hypervolumeConvention { out.append("Hypervolume: \(hv).") }
        out.append("Tables give mean ± standard deviation and median [interquartile range] over trials.")
        out.append("")
        out.append("Algorithms: " + data.algorithms.map { a in a.parameters.isEmpty ? "`\(a.label)`" : "`\(a.label)` (\(a.parameters))" }.joined(separator: "; ") + ".")
        out.append("")
        for metric in data.metrics {
            out += section(metric)
        }
        if !data.notes.isEmpty { out += ["## Notes", ""] + data.notes.map { "- \($0)" } + [""] }
        return out.joined(separator: "\n")
    }

    /// The evaluations-to-threshold table of the report's first metric (normalised HV in a
    /// multi-objective run), with a header naming the run: the LINAS paper's Table 3 on its
    /// own, for `nasreplay report --thresholds`.
    public var thresholdsMarkdown: String {
        guard let metric = data.metrics.first else { return "# \(data.experiment)\n\nNo metric to tabulate.\n" }
        var out = ["## \(data.experiment): \(metric.title)", ""]
        out.append("Benchmark `\(data.benchmark)`, objectives \(data.objectives.map { "`\($0)`" }.joined(separator: ", ")); \(data.trials) trials; budget \(data.budget).")
        out.append("")
        out += thresholds(metric)
        return out.joined(separator: "\n")
    }

    /// One small table per metric, for a terminal: a row per algorithm, a column per
    /// checkpoint, each cell the mean ± standard deviation over trials, rounded for reading.
    /// summary.md has the rest (median [IQR], thresholds, tests).
    public var compactTables: [(title: String, header: [String], rows: [[String]])] {
        data.metrics.map { metric in
            let header = ["algorithm"] + data.checkpoints.map { "@\(data.stepLabel($0))" }
            let rows = data.algorithms.map { a in
                [a.label] + data.checkpoints.map { c in Self.meanAndDeviation(values(a, metric.curve, at: c)) }
            }
            return (metric.title, header, rows)
        }
    }

    /// "mean ± sd", or "—" for no values.
    public static func meanAndDeviation(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "—" }
        let (mean, sd) = meanAndStandardDeviation(values)
        return "\(format(mean)) ± \(format(sd))"
    }

    /// The sample mean and the standard deviation with n − 1 (0 for one value).
    static func meanAndStandardDeviation(_ values: [Double]) -> (Double, Double) {
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        let sd = values.count > 1 ? (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)).squareRoot() : 0
        return (mean, sd)
    }

    /// The trials' values of `curve` at `checkpoint` (each trial's last value if it ended earlier), NaN left out.
    public func values(_ algorithm: ComparisonData.Algorithm, _ curve: String, at checkpoint: Int) -> [Double] {
        (algorithm.curves[curve] ?? []).compactMap { row in
            guard !row.isEmpty else { return nil }
            let v = row[min(checkpoint, row.count) - 1]
            return v.isNaN ? nil : v
        }
    }

    func section(_ metric: ComparisonData.Metric) -> [String] {
        var out = ["## \(metric.title)", ""]
        out.append("| algorithm | " + data.checkpoints.map { "@\(data.stepLabel($0))" }.joined(separator: " | ") + " |")
        out.append("|---|" + String(repeating: "---|", count: data.checkpoints.count))
        for a in data.algorithms {
            let cells = data.checkpoints.map { c in Self.describe(values(a, metric.curve, at: c)) }
            out.append("| \(a.label) | " + cells.joined(separator: " | ") + " |")
        }
        out.append("")
        if data.algorithms.count >= 2 {
            out += thresholds(metric)
            for c in data.checkpoints { out += pairwise(metric, at: c) }
        }
        return out
    }

    /// LINAS Table 3: for each algorithm R, the best mean value R reached; then for every
    /// algorithm the first evaluation at which its mean curve reaches that value.
    func thresholds(_ metric: ComparisonData.Metric) -> [String] {
        let means = data.algorithms.map { Self.meanCurve($0.curves[metric.curve] ?? []) }
        let unit = data.timeGrid == nil ? "Evaluations" : "Simulated seconds"
        var out = ["\(unit) to reach each algorithm's best mean value (LINAS Table 3 form; — = never within the budget):", ""]
        out.append("| threshold | value | " + data.algorithms.map(\.label).joined(separator: " | ") + " |")
        out.append("|---|---|" + String(repeating: "---|", count: data.algorithms.count))
        for (r, reference) in data.algorithms.enumerated() {
            let finite = means[r].filter { !$0.isNaN }
            guard let best = metric.direction.best(of: finite) else { continue }
            let cells = means.map { curve -> String in
                guard let i = curve.firstIndex(where: { !$0.isNaN && metric.direction.isAtLeastAsGood($0, as: best) }) else { return "—" }
                return data.stepLabel(i + 1)
            }
            out.append("| best of \(reference.label) | \(Self.format(best)) | " + cells.joined(separator: " | ") + " |")
        }
        out.append("")
        return out
    }

    /// One pair's test at a checkpoint: two-sided Mann–Whitney U, A12 oriented so that
    /// above 0.5 means the first is better in the metric's direction, p Holm-corrected over
    /// all pairs at that checkpoint.
    public struct PairTest: Sendable {
        public var first: String
        public var second: String
        public var meanDifference: Double
        public var a12: Double
        public var p: Double
        public var holm: Double
        /// Whether the Holm-corrected p is below `significance`.
        public var significant: Bool
        /// The verdict in one plain sentence.
        public var sentence: String
    }

    /// Every pair of algorithms with at least two values each, tested at `checkpoint`.
    public func pairTests(_ metric: ComparisonData.Metric, at checkpoint: Int) -> [PairTest] {
        struct Pair { var a: String; var b: String; var p: Double; var a12: Double; var meanA: Double; var meanB: Double }
        var pairs: [Pair] = []
        for i in data.algorithms.indices {
            for j in data.algorithms.indices where j > i {
                let x = values(data.algorithms[i], metric.curve, at: checkpoint)
                let y = values(data.algorithms[j], metric.curve, at: checkpoint)
                guard x.count >= 2, y.count >= 2 else { continue }
                // Identical samples (e.g. both at the table's optimum) have no test: p = 1.
                let p = (try? MannWhitneyU.test(x, y, alternative: .twoSided, method: .auto).pValue) ?? 1
                let a12 = (try? EffectSizes.varghaDelaney(x, y).a12) ?? 0.5
                pairs.append(Pair(a: data.algorithms[i].label, b: data.algorithms[j].label, p: p.isNaN ? 1 : p,
                                  a12: a12, meanA: x.reduce(0, +) / Double(x.count), meanB: y.reduce(0, +) / Double(y.count)))
            }
        }
        guard !pairs.isEmpty else { return [] }
        let adjusted = MultipleComparisons.adjust(pairs.map(\.p), method: .holm)
        let at = "\(data.stepLabel(checkpoint)) \(data.stepUnit)"
        return pairs.enumerated().map { k, pair in
            // A12 counts x > y; for a lower-is-better metric "beats" means smaller.
            let a12 = metric.direction == .max ? pair.a12 : 1 - pair.a12
            let ahead = a12 >= 0.5 ? (pair.a, pair.b) : (pair.b, pair.a)
            let effect = Swift.max(a12, 1 - a12)
            let significant = adjusted[k] < significance
            let sentence = significant
                ? "\(ahead.0) ahead of \(ahead.1) at \(at): p = \(Self.formatP(adjusted[k])) (Holm), A12 = \(Self.format(effect)) (\(Self.magnitude(effect)))."
                : "\(pair.a) vs \(pair.b) at \(at): no significant difference (p = \(Self.formatP(adjusted[k])) Holm, A12 = \(Self.format(a12)))."
            return PairTest(first: pair.a, second: pair.b, meanDifference: pair.meanA - pair.meanB, a12: a12, p: pair.p,
                            holm: adjusted[k], significant: significant, sentence: sentence)
        }
    }

    func pairwise(_ metric: ComparisonData.Metric, at checkpoint: Int) -> [String] {
        let tests = pairTests(metric, at: checkpoint)
        guard !tests.isEmpty else { return [] }
        let at = "\(data.stepLabel(checkpoint)) \(data.stepUnit)"
        var out = ["Pairwise at \(at) (two-sided Mann–Whitney U; A12 = P(first beats second); p Holm-corrected over \(tests.count) pairs):", ""]
        out.append("| pair | mean difference | A12 | p | p (Holm) |")
        out.append("|---|---|---|---|---|")
        for t in tests {
            out.append("| \(t.first) vs \(t.second) | \(Self.format(t.meanDifference)) | \(Self.format(t.a12)) | \(Self.formatP(t.p)) | \(Self.formatP(t.holm)) |")
        }
        return out + [""] + tests.map { "- " + $0.sentence } + [""]
    }

    /// Vargha & Delaney's (2000) thresholds on max(A12, 1 − A12).
    static func magnitude(_ a: Double) -> String {
        a < 0.56 ? "negligible" : a < 0.64 ? "small" : a < 0.71 ? "medium" : "large"
    }

    static func meanCurve(_ rows: [[Double]]) -> [Double] {
        let length = rows.map(\.count).max() ?? 0
        return (0..<length).map { s in
            let v = rows.compactMap { s < $0.count && !$0[s].isNaN ? $0[s] : nil }
            return v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count)
        }
    }

    static func describe(_ values: [Double]) -> String {
        guard !values.isEmpty else { return "—" }
        let (mean, sd) = meanAndStandardDeviation(values)
        let s = values.sorted()
        return "\(format(mean)) ± \(format(sd)), \(format(quantile(s, 0.5))) [\(format(quantile(s, 0.25)))–\(format(quantile(s, 0.75)))]"
    }

    /// numpy's default (linear) quantile of sorted values.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lo = Int(position.rounded(.down)), hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - Double(lo))
    }

    /// A number rounded for reading: 2 decimals from 100, 3 from 1, 4 from 0.001, else 3 significant digits.
    public static func format(_ x: Double) -> String {
        let a = Swift.abs(x)
        if a == 0 { return "0" }
        if a >= 100 { return String(format: "%.2f", x) }
        if a >= 1 { return String(format: "%.3f", x) }
        if a >= 1e-3 { return String(format: "%.4f", x) }
        return String(format: "%.2e", x)
    }

    static func formatP(_ p: Double) -> String {
        p < 1e-4 ? String(format: "%.1e", p) : String(format: "%.4f", p)
    }
}
