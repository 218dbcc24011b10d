import Analysis
import ArgumentParser
import Foundation

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Statistical tests on your own samples (scipy-compatible).",
        subcommands: [Test.self])

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run one test on sample files (one number per line; '#' starts a comment).",
            discussion: """
            Tests and the sample files each takes (scipy function in brackets):
              mann-whitney  2 independent samples (mannwhitneyu)
              wilcoxon      2 paired samples, signed ranks (wilcoxon)
              kruskal       2 or more independent samples (kruskal)
              friedman      3 or more paired samples (friedmanchisquare)
              ks            2 samples, Kolmogorov-Smirnov (ks_2samp)
              kendall       2 paired samples, tau-b (kendalltau)
              spearman      2 paired samples, rho (spearmanr)
              a12           2 samples, Vargha-Delaney A12 with the Mann-Whitney p-value

            Paired tests pair line i of every file, so the files must have equal lengths.

            Example: nasreplay stats test --test mann-whitney ga.txt rs.txt --json
            """)

        @Option(name: .customLong("test"), help: "Test name: \(StatisticalTestName.allCases.map(\.rawValue).joined(separator: ", ")).")
        var testName: String
        @Option(help: "P-value method: auto (scipy's default for the test), exact (up to the sizes in docs/LIMITS.md) or asymptotic.")
        var method = "auto"
        @Option(help: "Alternative hypothesis: two-sided, less (first sample smaller) or greater.")
        var alternative = "two-sided"
        @Flag(help: "Print JSON: {\"statistic\": …, \"p_value\": …, …}.")
        var json = false
        @Argument(help: "Sample files, one per group.")
        var files: [String] = []

        func run() throws {
            let outcome = try StatsTestRun.perform(test: testName, files: files, method: method, alternative: alternative)
            print(json ? outcome.json : outcome.text)
        }
    }
}

/// `nasreplay stats test` without the argument parsing: validate, read, run, format.
///
/// ```swift
/// let outcome = try StatsTestRun.perform(test: "wilcoxon", files: ["a.txt", "b.txt"],
///                                        method: "auto", alternative: "two-sided")
/// print(outcome.json)     // {"statistic": 12.0, "p_value": 0.0390625, …}
/// ```
///
/// Every problem with the user's input (name, file count, unreadable file, a line that is
/// not a number, unequal lengths for a paired test) is an `InputError`: one line, exit 2.
struct StatsTestRun {
    var test: StatisticalTestName
    var files: [String]
    var samples: [[Double]]
    var alternative: Alternative
    var result: TestResult

    static func perform(test: String, files: [String], method: String, alternative: String) throws -> StatsTestRun {
        guard let name = StatisticalTestName(rawValue: test) else {
            throw InputError("unknown test \"\(test)\"; choose one of \(StatisticalTestName.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let pMethod = PValueMethod(rawValue: method) else {
            throw InputError("unknown --method \"\(method)\"; choose auto, exact or asymptotic")
        }
        guard let alt = Alternative(rawValue: alternative) else {
            throw InputError("unknown --alternative \"\(alternative)\"; choose two-sided, less or greater")
        }
        let range = name.sampleCount
        if !range.contains(files.count) {
            let wanted = range.upperBound == range.lowerBound ? "exactly \(range.lowerBound)" : "at least \(range.lowerBound)"
            throw InputError("\(name.rawValue) takes \(wanted) sample files, got \(files.count)")
        }
        let samples = try files.map { path in
            do { return try SampleFile.read(path: path) } catch let e as SampleFile.ParseError { throw InputError(e.description) }
        }
        if name.isPaired, let mismatch = samples.indices.first(where: { samples[$0].count != samples[0].count }) {
            throw InputError("\(name.rawValue) pairs line i of every file, so they need equal lengths; \(files[0]) has \(samples[0].count) values but \(files[mismatch]) has \(samples[mismatch].count)")
        }
        let result: TestResult
        do {
            result = try StatisticalTests.run(name, samples: samples, method: pMethod, alternative: alt)
        } catch let e as StatisticsError {
            throw InputError(e.description)
        }
        return StatsTestRun(test: name, files: files, samples: samples, alternative: alt, result: result)
    }

    /// What the statistic is, in the words of the test.
    var statisticName: String {
        switch test {
        case .mannWhitney: return "U (of the first sample)"
        case .wilcoxon: return alternative == .twoSided ? "W = min(R+, R-)" : "R+ (sum of ranks of positive differences)"
        case .kruskal: return "H"
        case .friedman: return "chi-square"
        case .ks: return "D"
        case .kendall: return "tau-b"
        case .spearman: return "rho"
        case .a12: return "A12 = P(first > second) + ½ P(tie)"
        }
    }

    var text: String {
        var rows: [(String, String)] = [("test", "\(test.rawValue): \(test.summary)")]
        for (file, sample) in zip(files, samples) { rows.append(("sample", "\(file)  n = \(sample.count)")) }
        rows += [
            ("alternative", test == .kruskal || test == .friedman ? "\(alternative.rawValue) (χ² upper tail)" : alternative.rawValue),
            ("method", result.method.rawValue),
            ("statistic", "\(result.statistic)  \(statisticName)"),
            ("p-value", "\(result.pValue)"),
        ]
        for key in result.extras.keys.sorted() { rows.append((key, "\(result.extras[key]!)")) }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }.joined(separator: "\n")
    }

    var json: String {
        var fields = [
            "\"statistic\": \(jsonNumber(result.statistic))",
            "\"p_value\": \(jsonNumber(result.pValue))",
            "\"test\": \(jsonString(test.rawValue))",
            "\"method\": \(jsonString(result.method.rawValue))",
            "\"alternative\": \(jsonString(alternative.rawValue))",
            "\"n\": [\(samples.map { "\($0.count)" }.joined(separator: ", "))]",
        ]
        if !result.extras.isEmpty {
            let extras = result.extras.keys.sorted().map { "\(jsonString($0)): \(jsonNumber(result.extras[$0]!))" }
            fields.append("\"extras\": {\(extras.joined(separator: ", "))}")
        }
        return "{\(fields.joined(separator: ", "))}"
    }
}
