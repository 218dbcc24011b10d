import Testing
@testable import Analysis

/// Every case of `shared/oracles/stats.json`, each compared with the scipy 1.17.1 call it
/// records. Statistics: relative 1e-9. P-values: relative 1e-9 for exact distributions and
/// closed forms (normal, χ², t) and, since they reach it, the Kolmogorov series too; absolute 1e-12
/// near 0. Counts exactly.
@Suite("scipy 1.17.1 oracle (stats.json)")
struct StatsOracleTests {
    static let exactRelative = 1e-9

    @Test("the oracle file is present and every case has a test below")
    func everyCaseIsCovered() {
        let known: Set<String> = ["mannwhitneyu", "wilcoxon", "kruskal", "friedmanchisquare", "ks_2samp",
                                  "kendalltau", "spearmanr", "a12", "t_ci95_halfwidth"]
        #expect(StatsOracle.cases.count == 84)
        for c in StatsOracle.cases { #expect(known.contains(c.test), "unhandled oracle case \(c.id)") }
    }

    @Test("mannwhitneyu: U of x and p, exact and asymptotic with continuity and tie correction",
          arguments: StatsOracle.cases(of: "mannwhitneyu"))
    func mannWhitney(_ c: StatsOracleCase) throws {
        let method: PValueMethod = c.method == "exact" ? .exact : .asymptotic
        let r = try MannWhitneyU.test(c.sample("x"), c.sample("y"), method: method)
        #expect(r.method == method)
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) U")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
    }

    @Test("wilcoxon: min(R+, R-), p and zstatistic (zero_method='wilcox', correction=False)",
          arguments: StatsOracle.cases(of: "wilcoxon"))
    func wilcoxon(_ c: StatsOracleCase) throws {
        let method: PValueMethod = c.method == "exact" ? .exact : .asymptotic
        let r = try WilcoxonSignedRank.test(c.sample("x"), c.sample("y"), method: method)
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) statistic")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
        if method == .asymptotic {
            expectClose(r.extras["z"] ?? .nan, c.value("zstatistic"), relative: Self.exactRelative, "\(c.id) z")
        }
    }

    @Test("kruskal: tie-corrected H and chi2(k-1) p", arguments: StatsOracle.cases(of: "kruskal"))
    func kruskal(_ c: StatsOracleCase) throws {
        let r = try KruskalWallis.test(c.groups)
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) H")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
    }

    @Test("friedmanchisquare: within-block ranks, tie-corrected", arguments: StatsOracle.cases(of: "friedmanchisquare"))
    func friedman(_ c: StatsOracleCase) throws {
        let r = try Friedman.test(c.groups)
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) statistic")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
    }

    @Test("ks_2samp: D, p, statistic_location and statistic_sign", arguments: StatsOracle.cases(of: "ks_2samp"))
    func kolmogorovSmirnov(_ c: StatsOracleCase) throws {
        let method: PValueMethod = c.method == "exact" ? .exact : .asymptotic
        let r = try KolmogorovSmirnov.twoSample(c.sample("x"), c.sample("y"), method: method)
        #expect(r.method == method)
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) D")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
        #expect(r.extras["statistic_location"] == c.value("statistic_location"), "\(c.id) location")
        #expect(r.extras["statistic_sign"] == c.value("statistic_sign"), "\(c.id) sign")
    }

    @Test("kendalltau: tau-b and p (exact without ties, asymptotic tie-corrected)",
          arguments: StatsOracle.cases(of: "kendalltau"))
    func kendall(_ c: StatsOracleCase) throws {
        let method: PValueMethod = c.method == "exact" ? .exact : .asymptotic
        let r = try KendallTauTest.test(c.sample("x"), c.sample("y"), method: method)
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) tau")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
    }

    @Test("spearmanr: rho and Student-t p with n-2 df", arguments: StatsOracle.cases(of: "spearmanr"))
    func spearman(_ c: StatsOracleCase) throws {
        let r = try SpearmanTest.test(c.sample("x"), c.sample("y"))
        expectClose(r.statistic, c.value("statistic"), relative: Self.exactRelative, "\(c.id) rho")
        expectClose(r.pValue, c.value("pvalue"), relative: Self.exactRelative, "\(c.id) p")
    }

    @Test("a12: Vargha-Delaney A12 with exact pair counts", arguments: StatsOracle.cases(of: "a12"))
    func a12(_ c: StatsOracleCase) throws {
        let e = try EffectSizes.varghaDelaney(c.sample("x"), c.sample("y"))
        #expect(e.countGreater == Int(c.value("count_greater")), "\(c.id) count_greater")
        #expect(e.countEqual == Int(c.value("count_equal")), "\(c.id) count_equal")
        expectClose(e.a12, c.value("a12"), relative: Self.exactRelative, "\(c.id) a12")
        expectClose(e.cliffsDelta, 2 * c.value("a12") - 1, relative: Self.exactRelative, "\(c.id) Cliff's delta")
    }

    @Test("t_ci95_halfwidth: t.ppf(0.975, n-1) * std(ddof=1) / sqrt(n)",
          arguments: StatsOracle.cases(of: "t_ci95_halfwidth"))
    func tInterval(_ c: StatsOracleCase) throws {
        let ci = try ConfidenceIntervals.tInterval(c.sample("x"))
        #expect(ci.count == Int(c.value("n")))
        expectClose(ci.tQuantile, c.value("t_quantile"), relative: 1e-9, "\(c.id) t quantile")
        expectClose(ci.mean, c.value("mean"), relative: Self.exactRelative, "\(c.id) mean")
        expectClose(ci.standardDeviation, c.value("sd"), relative: Self.exactRelative, "\(c.id) sd")
        expectClose(ci.halfWidth, c.value("half_width"), relative: Self.exactRelative, "\(c.id) half width")
    }
}
