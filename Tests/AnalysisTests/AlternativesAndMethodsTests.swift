import Testing
@testable import Analysis

/// One-sided alternatives and scipy's 'auto' method choices. Expected values printed by
/// python3 with scipy 1.17.1 for the samples below.
@Suite("Alternatives and automatic method choice (scipy 1.17.1)")
struct AlternativesAndMethodsTests {
    static let x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    static let y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]     // ties: 1.06, 1.29
    static let yNoTies = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.07, 3.14, 1.28]
    static let z = [2.1, 0.2, 1.1, 1.7, 0.9, 0.4]

    @Test("mannwhitneyu: exact, asymptotic and auto (exact since one sample has <= 8 values)",
          arguments: [(Alternative.less, 0.9432567432567432, 0.9441941158508539),
                      (.greater, 0.07232767232767233, 0.07035676242634631),
                      (.twoSided, 0.14465534465534466, 0.14071352485269262)])
    func mannWhitney(_ alternative: Alternative, _ exact: Double, _ asymptotic: Double) throws {
        let e = try MannWhitneyU.test(Self.x, Self.z, alternative: alternative, method: .exact)
        let a = try MannWhitneyU.test(Self.x, Self.z, alternative: alternative, method: .asymptotic)
        let auto = try MannWhitneyU.test(Self.x, Self.z, alternative: alternative)
        #expect(e.statistic == 40 && a.statistic == 40)
        expectClose(e.pValue, exact, relative: 1e-12, "exact")
        expectClose(a.pValue, asymptotic, relative: 1e-12, "asymptotic")
        #expect(auto.method == .exact)
        #expect(auto.pValue == e.pValue)
    }

    @Test("wilcoxon: exact and asymptotic, statistic R+ one-sided and min(R+, R-) two-sided",
          arguments: [(Alternative.less, 40.0, 0.986328125, 0.9809241449132924, 2.073221072156823),
                      (.greater, 40, 0.01953125, 0.019075855086707567, 2.073221072156823),
                      (.twoSided, 5, 0.0390625, 0.038151710173415135, -2.073221072156823)])
    func wilcoxon(_ alternative: Alternative, _ statistic: Double, _ exact: Double, _ asymptotic: Double, _ z: Double) throws {
        let e = try WilcoxonSignedRank.test(Self.x, Self.y, alternative: alternative, method: .exact)
        let a = try WilcoxonSignedRank.test(Self.x, Self.y, alternative: alternative, method: .asymptotic)
        #expect(e.statistic == statistic && a.statistic == statistic)
        expectClose(e.pValue, exact, relative: 1e-14, "exact")
        expectClose(a.pValue, asymptotic, relative: 1e-12, "asymptotic")
        expectClose(a.extras["z"] ?? .nan, z, relative: 1e-12, "z")
    }

    @Test("wilcoxon auto with ties and a zero, n <= 13: exact sign-flip permutation distribution",
          arguments: [(Alternative.twoSided, 5.0, 0.04296875), (.less, 40, 0.98828125), (.greater, 40, 0.021484375)])
    func wilcoxonPermutation(_ alternative: Alternative, _ statistic: Double, _ p: Double) throws {
        let u: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        let v = [0.5, 2.5, 1.0, 5.0, 3.0, 6.0, 4.0, 6.5, 7.0, 9.0]
        let r = try WilcoxonSignedRank.test(u, v, alternative: alternative)
        #expect(r.method == .exact)
        #expect(r.statistic == statistic)
        expectClose(r.pValue, p, relative: 1e-14, "permutation p")
        #expect(r.extras["zero_differences"] == 1)
    }

    @Test("ks_2samp: one-sided statistics and p-values, exact and asymp",
          arguments: [(Alternative.less, 0.5555555555555556, 0.08791208791208792, 0.06452253471698055),
                      (.greater, 0, 1, 1),
                      (.twoSided, 0.5555555555555556, 0.1758241758241758, 0.11071101966163692)])
    func kolmogorovSmirnov(_ alternative: Alternative, _ d: Double, _ exact: Double, _ asymptotic: Double) throws {
        let e = try KolmogorovSmirnov.twoSample(Self.x, Self.z, alternative: alternative, method: .exact)
        let a = try KolmogorovSmirnov.twoSample(Self.x, Self.z, alternative: alternative, method: .asymptotic)
        expectClose(e.statistic, d, relative: 1e-14, "D exact")
        expectClose(a.statistic, d, relative: 1e-14, "D asymp")
        expectClose(e.pValue, exact, relative: 1e-12, "exact p")
        expectClose(a.pValue, asymptotic, relative: 1e-12, "asymp p")
        #expect(try KolmogorovSmirnov.twoSample(Self.x, Self.z, alternative: alternative).method == .exact)
    }

    @Test("kendalltau auto: exact without ties, asymptotic with ties",
          arguments: [(Alternative.less, 0.9776923500881834, 0.9711102144382013),
                      (.greater, 0.037588183421516756, 0.028889785561798623),
                      (.twoSided, 0.07517636684303351, 0.057779571123597245)])
    func kendall(_ alternative: Alternative, _ exactNoTies: Double, _ asymptoticTies: Double) throws {
        let e = try KendallTauTest.test(Self.x, Self.yNoTies, alternative: alternative)
        #expect(e.method == .exact)
        expectClose(e.statistic, 0.5, relative: 1e-14, "tau")
        expectClose(e.pValue, exactNoTies, relative: 1e-12, "exact p")
        let a = try KendallTauTest.test(Self.x, Self.y, alternative: alternative)
        #expect(a.method == .asymptotic)
        expectClose(a.statistic, 0.5144957554275265, relative: 1e-14, "tau-b")
        expectClose(a.pValue, asymptoticTies, relative: 1e-12, "asymptotic p")
    }

    @Test("kendalltau exact refuses tied data, as scipy does")
    func kendallExactWithTies() {
        #expect(throws: StatisticsError.self) { try KendallTauTest.test(Self.x, Self.y, method: .exact) }
    }

    @Test("spearmanr one-sided", arguments: [(Alternative.less, 0.9702038930574957), (.greater, 0.02979610694250429),
                                            (.twoSided, 0.05959221388500858)])
    func spearman(_ alternative: Alternative, _ p: Double) throws {
        let r = try SpearmanTest.test(Self.x, Self.y, alternative: alternative)
        expectClose(r.statistic, 0.6470816712483338, relative: 1e-14, "rho")
        expectClose(r.pValue, p, relative: 1e-12, "p")
    }

    @Test("mannwhitneyu auto: asymptotic once both samples exceed 8 values or ties appear")
    func mannWhitneyAutoRules() throws {
        let large = (0..<9).map(Double.init), other = (0..<9).map { Double($0) + 0.5 }
        #expect(try MannWhitneyU.test(large, other).method == .asymptotic)
        #expect(try MannWhitneyU.test([1, 2, 2], [3, 4]).method == .asymptotic)
        #expect(try MannWhitneyU.test([1, 2], [3, 4]).method == .exact)
    }
}
