/// The tests `nasreplay stats test` offers, by their command-line names.
public enum StatisticalTestName: String, CaseIterable, Sendable, Codable {
    case mannWhitney = "mann-whitney"
    case wilcoxon
    case kruskal
    case friedman
    case ks
    case kendall
    case spearman
    case a12

    /// How many samples the test takes.
    public var sampleCount: ClosedRange<Int> {
        switch self {
        case .kruskal: return 2...Int.max
        case .friedman: return 3...Int.max
        default: return 2...2
        }
    }

    /// Whether the samples are paired (equal lengths, position i belongs together).
    public var isPaired: Bool {
        switch self {
        case .wilcoxon, .friedman, .kendall, .spearman: return true
        default: return false
        }
    }

    /// One line for `--help`.
    public var summary: String {
        switch self {
        case .mannWhitney: return "Mann-Whitney U: two independent samples (scipy mannwhitneyu)"
        case .wilcoxon: return "Wilcoxon signed-rank: two paired samples (scipy wilcoxon, zero_method='wilcox')"
        case .kruskal: return "Kruskal-Wallis H: two or more independent samples (scipy kruskal)"
        case .friedman: return "Friedman chi-square: three or more paired samples, one value per block (scipy friedmanchisquare)"
        case .ks: return "two-sample Kolmogorov-Smirnov (scipy ks_2samp)"
        case .kendall: return "Kendall tau-b correlation of two paired samples (scipy kendalltau)"
        case .spearman: return "Spearman rho correlation of two paired samples (scipy spearmanr)"
        case .a12: return "Vargha-Delaney A12 effect size, tested with Mann-Whitney U"
        }
    }
}

/// The single entry point the CLI and the reports call.
///
/// ```swift
/// let result = try StatisticalTests.run(.mannWhitney, samples: [a, b])
/// let paired = try StatisticalTests.run(.wilcoxon, samples: [a, b], method: .exact, alternative: .less)
/// ```
///
/// Input is validated before any work (sample count, NaN/infinity, equal lengths for
/// paired tests) and every failure is a ``StatisticsError`` with a one-line message.
/// `alternative` applies to the two-sample tests and the correlations; Kruskal–Wallis and
/// Friedman are one-tailed χ² tests and accept only `.twoSided` (their usual reading).
/// For `.a12` the statistic is A12 and the p-value is that of the Mann–Whitney test, since
/// A12 = U₁/(nm); extras add `count_greater`, `count_equal` and `cliffs_delta`.
public enum StatisticalTests {
    public static func run(_ name: StatisticalTestName, samples: [[Double]], method: PValueMethod = .auto,
                           alternative: Alternative = .twoSided) throws -> TestResult {
        let range = name.sampleCount
        if samples.count < range.lowerBound {
            throw StatisticsError.tooFewSamples(test: name.rawValue, needed: range.lowerBound, got: samples.count)
        }
        if samples.count > range.upperBound {
            throw StatisticsError.unsupported(test: name.rawValue, reason: "takes exactly \(range.upperBound) samples, got \(samples.count)")
        }
        try SampleValidation.requireFinite(samples, test: name.rawValue)
        if name.isPaired { try SampleValidation.requireEqualLengths(samples, test: name.rawValue) }
        switch name {
        case .mannWhitney:
            return try MannWhitneyU.test(samples[0], samples[1], alternative: alternative, method: method)
        case .wilcoxon:
            return try WilcoxonSignedRank.test(samples[0], samples[1], alternative: alternative, method: method)
        case .kruskal, .friedman:
            if alternative != .twoSided {
                throw StatisticsError.unsupported(test: name.rawValue, reason: "is a one-tailed chi-square test; only the default alternative is available")
            }
            if method == .exact {
                throw StatisticsError.unsupported(test: name.rawValue, reason: "has only the chi-square approximation; use --method auto or asymptotic")
            }
            return name == .kruskal ? try KruskalWallis.test(samples) : try Friedman.test(samples)
        case .ks:
            return try KolmogorovSmirnov.twoSample(samples[0], samples[1], alternative: alternative, method: method)
        case .kendall:
            return try KendallTauTest.test(samples[0], samples[1], alternative: alternative, method: method)
        case .spearman:
            return try SpearmanTest.test(samples[0], samples[1], alternative: alternative, method: method)
        case .a12:
            let effect = try EffectSizes.varghaDelaney(samples[0], samples[1])
            var result = try MannWhitneyU.test(samples[0], samples[1], alternative: alternative, method: method)
            result.extras["U"] = result.statistic
            result.statistic = effect.a12
            result.extras["count_greater"] = Double(effect.countGreater)
            result.extras["count_equal"] = Double(effect.countEqual)
            result.extras["cliffs_delta"] = effect.cliffsDelta
            return result
        }
    }
}
