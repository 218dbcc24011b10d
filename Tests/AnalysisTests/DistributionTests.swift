import Testing
@testable import Analysis

/// Special functions and null distributions against scipy 1.17.1. Expected values were
/// printed by python3 with scipy 1.17.1 on this machine (`repr` of `scipy.stats.t.ppf`,
/// `t.sf`, `chi2.sf`, `norm.ppf`, `kstwo.sf`/`cdf`, `special.smirnov`, `kstwobign.sf`,
/// `studentized_range.sf(q, k, inf)`); they are checked here, never computed at test time.
@Suite("Distributions match scipy 1.17.1")
struct DistributionTests {
    @Test("t.ppf to 1e-12 relative, including the closed forms for 1 and 2 df",
          arguments: [(0.975, 1.0, 12.706204736174694), (0.975, 2, 4.302652729749462), (0.975, 3, 3.1824463052837078),
                      (0.975, 29, 2.045229642132703), (0.995, 5, 4.032142983555228), (0.9, 299, 1.2843893481333424),
                      (0.025, 7, -2.3646242515927844), (0.999999, 4, 41.5778541501515), (0.975, 1000, 1.9623390808264083)])
    func tQuantile(_ p: Double, _ df: Double, _ expected: Double) {
        expectClose(StudentTDistribution.quantile(p, degreesOfFreedom: df), expected, relative: 1e-12, "t.ppf(\(p), \(df))")
    }

    @Test("t.sf in both tails and far out",
          arguments: [(0.1, 3.0, 0.46332617440040297), (2.5, 10, 0.01572342211830441), (12.0, 4, 0.0001382142742514865),
                      (-1.3, 20, 0.8958077522433066), (40.0, 300, 1.4262090197655942e-122)])
    func tSurvival(_ t: Double, _ df: Double, _ expected: Double) {
        expectClose(StudentTDistribution.sf(t, degreesOfFreedom: df), expected, relative: 1e-12, absolute: 0, "t.sf(\(t), \(df))")
    }

    @Test("chi2.sf through both incomplete-gamma branches",
          arguments: [(0.5, 1.0, 0.47950012218695337), (3.0, 2, 0.22313016014842982), (41.96, 5, 6.001216829586463e-08),
                      (150.0, 10, 3.727485055062505e-27), (0.01, 6, 0.9999999792446357), (7.92, 3, 0.04769432461632514)])
    func chiSquared(_ x: Double, _ k: Double, _ expected: Double) {
        expectClose(ChiSquaredDistribution.sf(x, degreesOfFreedom: k), expected, relative: 1e-12, absolute: 0, "chi2.sf(\(x), \(k))")
    }

    @Test("norm.ppf", arguments: [(1e-10, -6.361340902404056), (0.001, -3.090232306167813),
                                  (0.3, -0.5244005127080409), (0.975, 1.959963984540054)])
    func normalQuantile(_ p: Double, _ expected: Double) {
        expectClose(NormalDistribution.quantile(p), expected, relative: 1e-13, "norm.ppf(\(p))")
    }

    /// Each row exercises one branch of Simard & L'Ecuyer's selection, named in the label.
    @Test("kstwo.sf through every branch of scipy's _kolmogn",
          arguments: [(0.3, 10, 0.27053557479999946, "Pomeranz"), (0.05, 100, 0.9532159710635725, "Durbin matrix"),
                      (0.15, 50, 0.19026366518248072, "Pomeranz"), (0.7, 20, 2.392395040880019e-10, "x >= 0.5: 2 smirnov"),
                      (0.95, 20, 1.9073486328125338e-26, "Ruben-Gambino upper"), (0.08, 5, 1.0, "nd <= 1/2"),
                      (0.12, 1000, 5.259179841098895e-13, "n > 140: 2 smirnov"), (0.03, 1000, 0.3226902143914636, "Pelz-Good"),
                      (0.2, 150, 9.805366045892556e-06, "n > 140: 2 smirnov"), (0.01, 200000, 8.433125699870092e-18, "large n tail"),
                      (0.05, 141, 0.854845693009663, "n > 140: Durbin matrix"), (0.01, 1000, 0.9999496745370611, "n > 140: Durbin matrix"),
                      (0.02, 5000, 0.03613941395325637, "Pelz-Good")])
    func kolmogorovSurvival(_ d: Double, _ n: Int, _ expected: Double, _ branch: String) {
        expectClose(KolmogorovDistribution.sf(d, sampleSize: n), expected, relative: 1e-9, "kstwo.sf(\(d), \(n)) [\(branch)]")
    }

    @Test("kstwo.cdf on the Ruben-Gambino lower branch (n <= 140 and n > 140)")
    func kolmogorovLowerTail() {
        expectClose(KolmogorovDistribution.cdf(0.008, sampleSize: 100), 6.097175461030967e-65, relative: 1e-9, absolute: 0, "kstwo.cdf(0.008, 100)")
        #expect(KolmogorovDistribution.cdf(0.0008, sampleSize: 1000) == 0)
        #expect(KolmogorovDistribution.sf(0, sampleSize: 10) == 1)
        #expect(KolmogorovDistribution.sf(1, sampleSize: 10) == 0)
    }

    @Test("special.smirnov and kstwobign.sf")
    func oneSidedAndLimiting() {
        expectClose(KolmogorovDistribution.smirnovSF(0.2, sampleSize: 150), 4.902683022946278e-06, relative: 1e-11, "smirnov(150, 0.2)")
        expectClose(KolmogorovDistribution.smirnovSF(0.3, sampleSize: 10), 0.1354635556, relative: 1e-11, "smirnov(10, 0.3)")
        expectClose(KolmogorovDistribution.smirnovSF(0.05, sampleSize: 1000), 0.006506037390545166, relative: 1e-11, "smirnov(1000, 0.05)")
        for (y, expected) in [(0.5, 0.9639452436648751), (1.0, 0.26999967167735456), (1.36, 0.049485876755377876), (2.0, 0.0006709252557796953)] {
            expectClose(KolmogorovDistribution.limitingSF(y), expected, relative: 1e-13, "kstwobign.sf(\(y))")
        }
    }

    @Test("studentized_range.sf(q, k, inf), the Nemenyi reference",
          arguments: [(3.314, 4, 0.08841990759950358), (1.0, 3, 0.7592873587706612), (5.0, 6, 0.0054503968461305785),
                      (2.77, 2, 0.050149596320254175), (4.5, 10, 0.04730582731292854)])
    func studentizedRange(_ q: Double, _ k: Int, _ expected: Double) {
        expectClose(StudentizedRangeDistribution.sf(q, groups: k), expected, relative: 1e-9, "studentized_range.sf(\(q), \(k), inf)")
    }

    @Test("exact null distributions are normalised and symmetric")
    func exactDistributionsAreProbabilities() {
        let mw = MannWhitneyDistribution(n1: 7, n2: 11)
        let mwTotal = (0...77).map(mw.pmf).reduce(0, +)
        expectClose(mwTotal, 1, relative: 1e-14, "Mann-Whitney pmf total")
        expectClose(mw.pmf(10), mw.pmf(67), relative: 1e-14, "Mann-Whitney symmetry")
        // P(U = 0) = 1 / C(18, 7): only one arrangement puts every x below every y.
        expectClose(mw.pmf(0), 1 / 31824, relative: 1e-14, "Mann-Whitney P(U=0)")

        let w = WilcoxonSignedRankDistribution(n: 10)
        expectClose((0...55).map(w.pmf).reduce(0, +), 1, relative: 1e-15, "Wilcoxon pmf total")
        #expect(w.pmf(0) == 1.0 / 1024)
        #expect(w.pmf(3) == 2.0 / 1024)            // {3} and {1, 2}

        let k = KendallDistribution(n: 6)
        expectClose((0...15).map(k.pmf).reduce(0, +), 1, relative: 1e-14, "Kendall pmf total")
        // Mahonian numbers for n = 4: 1, 3, 5, 6, 5, 3, 1 over 24.
        let k4 = KendallDistribution(n: 4)
        for (c, count) in [1.0, 3, 5, 6, 5, 3, 1].enumerated() {
            expectClose(k4.pmf(c), count / 24, relative: 1e-15, "Mahonian(4, \(c))")
        }
    }

    @Test("two-sample Smirnov: equal sizes agree with the general path count")
    func smirnovEqualSizesMatchesLatticeCount() {
        for n in [5, 12, 30] {
            for h in 1...n {
                let closedForm = SmirnovTwoSampleDistribution.sf(h: h, m: n, n: n)
                let lattice = SmirnovTwoSampleDistribution.boundaryCrossingFraction(h: h, m: n, n: n, twoSided: true)
                expectClose(closedForm, lattice, relative: 1e-12, absolute: 1e-300, "n = \(n), h = \(h)")
                let oneSided = SmirnovTwoSampleDistribution.oneSidedSF(h: h, m: n, n: n)
                let oneSidedLattice = SmirnovTwoSampleDistribution.boundaryCrossingFraction(h: h, m: n, n: n, twoSided: false)
                expectClose(oneSided, oneSidedLattice, relative: 1e-12, absolute: 1e-300, "one-sided n = \(n), h = \(h)")
            }
        }
    }
}
