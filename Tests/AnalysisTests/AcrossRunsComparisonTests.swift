import NASCore
import Testing
@testable import Analysis

/// `report --across`: ranks per run (1 = best in the metric's direction), Friedman over the
/// runs, the Nemenyi critical difference, Holm-corrected Wilcoxon, and the diagram's bars.
/// Values chosen so every number can be checked by hand against Demšar (2006).
@Suite struct AcrossRunsComparisonTests {
    /// One run: `means` per algorithm as constant curves over 3 trials, normalised HV (max).
    static func run(_ name: String, _ means: [String: Double]) -> ComparisonData {
        let algorithms = ["random", "nsga2", "linas"].map { label in
            ComparisonData.Algorithm(label: label, curves: ["normalized_hv": Array(repeating: Array(repeating: means[label]!, count: 10), count: 3)], parameters: "")
        }
        return ComparisonData(experiment: name, benchmark: "nats-tss", trials: 3, budget: "10 evaluations", objectives: [],
                              reported: [], hypervolumeConvention: nil, checkpoints: [5, 10],
                              metrics: [.init(curve: "normalized_hv", title: "HV", direction: .max)], algorithms: algorithms)
    }

    static let runs = [
        run("a", ["random": 0.9945, "nsga2": 0.9970, "linas": 0.9960]),
        run("b", ["random": 0.9945, "nsga2": 0.9978, "linas": 0.9868]),
        run("c", ["random": 0.9590, "nsga2": 0.9889, "linas": 0.9978]),
        run("d", ["random": 0.9917, "nsga2": 0.9955, "linas": 0.9954]),
    ]

    @Test func ranksFriedmanAndTheCriticalDifferenceMatchTheHandComputation() throws {
        let across = try AcrossRunsComparison(runs: Self.runs)
        #expect(across.algorithms == ["random", "nsga2", "linas"])
        #expect(across.ranks == [[3, 1, 2], [2, 1, 3], [3, 2, 1], [3, 1, 2]], "rank 1 = the highest HV")
        #expect(across.meanRanks == [2.75, 1.25, 2])
        // χ²_F = 12/(n k (k+1)) Σ R² − 3 n (k+1) = 12/48 · (11² + 5² + 8²) − 48 = 4.5.
        let friedman = try #require(across.friedman)
        #expect(abs(friedman.statistic - 4.5) < 1e-12)
        #expect(abs(friedman.pValue - 0.10539922456186433) < 1e-12, "χ²(2) survival at 4.5 = exp(−2.25)")
        // CD = q_0.05 √(k(k+1)/(6N)) with q_0.05 = 2.343 for k = 3 (Demšar, Table 5).
        #expect(abs(across.criticalDifference - 2.343 * (12.0 / 24).squareRoot()) < 2e-3)
        // Every pair's mean ranks differ by less than CD = 1.66: one bar over all three.
        #expect(across.rankOrder == [1, 2, 0])
        #expect(across.cliques == [0...2])
        // Wilcoxon on the values, Holm over the three pairs: n = 4 differences, exact p ≥ 0.125.
        #expect(across.wilcoxonHolm.allSatisfy { ($0 ?? 0) >= 0.125 })
    }

    @Test func theDiagramDrawsEachNameAtItsRankAndTheBars() throws {
        let across = try AcrossRunsComparison(runs: Self.runs)
        let composed = try CriticalDifferenceFigure(across).compose()
        #expect(composed.rows == [["nsga2", "1.25"], ["linas", "2.0"], ["random", "2.75"]])
        #expect(composed.settings.contains { $0.hasPrefix("set label \"nsga2 (1.25)\"") })
        #expect(composed.settings.contains { $0.hasPrefix("set label \"random (2.75)\"") })
        #expect(composed.settings.contains { $0.contains("CD = 1.66") })
        // One clique bar, from nsga2's rank to random's.
        let bars = composed.settings.filter { $0.contains("lw 4") }
        #expect(bars.count == 1 && bars[0].hasPrefix("set arrow from 1.2,-0.55 to 2.8"), "\(bars)")
    }

    @Test func runsThatShareFewerThanTwoAlgorithmsAreRefused() {
        var other = Self.run("e", ["random": 0.9, "nsga2": 0.8, "linas": 0.7])
        other.algorithms = other.algorithms.filter { $0.label == "random" }
        #expect(throws: StatisticsError.self) { try AcrossRunsComparison(runs: [Self.runs[0], other]) }
        #expect(throws: StatisticsError.self) { try AcrossRunsComparison(runs: [Self.runs[0]]) }
    }
}
