/// The alternative hypothesis of a test, named as in scipy.
public enum Alternative: String, Sendable, CaseIterable, Codable {
    case twoSided = "two-sided"
    /// The first sample is stochastically smaller (or the correlation is negative).
    case less
    /// The first sample is stochastically greater (or the correlation is positive).
    case greater
}

/// How a p-value is obtained.
public enum PValueMethod: String, Sendable, CaseIterable, Codable {
    /// scipy's default rule for each test (documented on the test).
    case auto
    /// The exact null distribution (or an exhaustive permutation distribution).
    case exact
    /// A normal, χ² or Kolmogorov approximation.
    case asymptotic
}

/// The outcome of a statistical test.
///
/// ```swift
/// let r = try MannWhitneyU.test(a, b)
/// print(r.statistic, r.pValue, r.method)     // U of `a`, p, .exact or .asymptotic
/// ```
public struct TestResult: Sendable, Equatable, Codable {
    /// The statistic scipy reports for the same call.
    public var statistic: Double
    public var pValue: Double
    /// The method actually used (never `.auto`).
    public var method: PValueMethod
    /// Test-specific values, e.g. `"z"` for normal approximations, `"statistic_location"`.
    public var extras: [String: Double]

    public init(statistic: Double, pValue: Double, method: PValueMethod, extras: [String: Double] = [:]) {
        self.statistic = statistic
        self.pValue = pValue
        self.method = method
        self.extras = extras
    }
}

/// Errors from invalid input to a statistical routine. Each description is one line.
public enum StatisticsError: Error, Equatable, CustomStringConvertible {
    case tooFewSamples(test: String, needed: Int, got: Int)
    case tooFewObservations(test: String, sample: Int, needed: Int, got: Int)
    case unequalLengths(test: String, lengths: [Int])
    case notFinite(test: String, sample: Int, index: Int)
    case unsupported(test: String, reason: String)
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .tooFewSamples(test, needed, got):
            return "\(test) needs at least \(needed) samples, got \(got)"
        case let .tooFewObservations(test, sample, needed, got):
            return "\(test): sample \(sample + 1) needs at least \(needed) values, got \(got)"
        case let .unequalLengths(test, lengths):
            return "\(test) pairs observations, so all samples must have the same length; got lengths \(lengths.map(String.init).joined(separator: ", "))"
        case let .notFinite(test, sample, index):
            return "\(test): sample \(sample + 1) has a NaN or infinite value at position \(index + 1)"
        case let .unsupported(test, reason):
            return "\(test): \(reason)"
        case let .invalidParameter(message):
            return message
        }
    }
}

/// Shared input validation, so every test fails the same way before any work starts.
enum SampleValidation {
    static func requireFinite(_ samples: [[Double]], test: String) throws {
        for (s, sample) in samples.enumerated() {
            if let index = sample.firstIndex(where: { !$0.isFinite }) {
                throw StatisticsError.notFinite(test: test, sample: s, index: index)
            }
        }
    }

    static func requireCount(_ samples: [[Double]], exactly count: Int, test: String) throws {
        guard samples.count >= count else {
            throw StatisticsError.tooFewSamples(test: test, needed: count, got: samples.count)
        }
        if samples.count > count {
            throw StatisticsError.unsupported(test: test, reason: "takes exactly \(count) samples, got \(samples.count)")
        }
    }

    static func requireMinimumLength(_ samples: [[Double]], _ minimum: Int, test: String) throws {
        for (s, sample) in samples.enumerated() where sample.count < minimum {
            throw StatisticsError.tooFewObservations(test: test, sample: s, needed: minimum, got: sample.count)
        }
    }

    static func requireEqualLengths(_ samples: [[Double]], test: String) throws {
        let lengths = samples.map(\.count)
        if Set(lengths).count > 1 { throw StatisticsError.unequalLengths(test: test, lengths: lengths) }
    }
}
