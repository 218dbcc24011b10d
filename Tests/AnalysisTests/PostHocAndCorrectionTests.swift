import Testing
@testable import Analysis

@Suite("Multiple-comparison corrections and post-hoc tests")
struct PostHocAndCorrectionTests {
    // Six p-values with a tie; expected values from statsmodels 0.15.0
    // `multipletests(p, method='holm' | 'fdr_bh')[1]`, and by hand: Holm sorts to
    // 0.005·6, 0.01·5, 0.03·4, 0.04·3, 0.04·2 → running max, 0.2·1.
    static let family = [0.01, 0.04, 0.03, 0.005, 0.2, 0.04]

    @Test("Holm step-down adjusted p-values (statsmodels multipletests 'holm')")
    func holm() {
        let adjusted = MultipleComparisons.adjust(Self.family, method: .holm)
        for (a, e) in zip(adjusted, [0.05, 0.12, 0.12, 0.03, 0.2, 0.12]) { expectClose(a, e, relative: 1e-14, "holm") }
    }

    @Test("Benjamini-Hochberg step-up adjusted p-values (statsmodels multipletests 'fdr_bh')")
    func benjaminiHochberg() {
        let adjusted = MultipleComparisons.adjust(Self.family, method: .benjaminiHochberg)
        for (a, e) in zip(adjusted, [0.03, 0.048, 0.048, 0.03, 0.2, 0.048]) { expectClose(a, e, relative: 1e-14, "fdr_bh") }
    }

    @Test("adjusted p-values are capped at 1 and NaN is left out of the family")
    func capsAndNaN() {
        #expect(MultipleComparisons.holm([0.6, 0.7]) == [1, 1])
        let withNaN = MultipleComparisons.holm([0.01, .nan, 0.02])
        #expect(withNaN[1].isNaN)
        expectClose(withNaN[0], 0.02, relative: 1e-15, "holm with NaN, m = 2")
        expectClose(withNaN[2], 0.02, relative: 1e-15, "holm with NaN, m = 2")
    }

    // Expected values: scikit-posthocs 0.17.1 `posthoc_dunn([a, b, c, d], p_adjust=…)`
    // (installed from PyPI for checking only). The data contain a tie (3.5, 3.5 and the
    // 3.0 shared by a and d), so the tie term of the variance is exercised.
    static let a = [2.9, 3.0, 2.5, 2.6, 3.2], b = [3.8, 2.7, 4.0, 2.4]
    static let c = [2.8, 3.4, 3.7, 2.2, 2.0], d = [3.0, 4.1, 3.5, 3.5, 2.6, 3.9]

    @Test("Dunn's test equals scikit-posthocs posthoc_dunn, raw and adjusted",
          arguments: [(PValueAdjustment.none, [0.4051486493712033, 0.11541930250769235, 0.3772830452778365, 0.10306198846076581]),
                      (.holm, [1.0, 0.6183719307645948, 1.0, 0.6183719307645948]),
                      (.benjaminiHochberg, [0.607722974056805, 0.34625790752307706, 0.607722974056805, 0.34625790752307706])])
    func dunn(_ adjustment: PValueAdjustment, _ expected: [Double]) throws {
        let r = try KruskalWallis.dunn([Self.a, Self.b, Self.c, Self.d], adjustment: adjustment)
        let picked = [r.pValues[0][1], r.pValues[0][3], r.pValues[1][2], r.pValues[2][3]]
        for (value, e) in zip(picked, expected) { expectClose(value, e, relative: 1e-12, "Dunn \(adjustment)") }
        #expect(r.pValues[3][0] == r.pValues[0][3])
        #expect(r.pValues[2][2] == 1)
        #expect(r.pairs.count == 6)
    }

    @Test("Dunn's z by hand: no ties, two groups of two")
    func dunnByHand() throws {
        // Ranks 1,2 | 3,4: mean ranks 1.5 and 3.5, variance N(N+1)/12 · (1/2 + 1/2) = 20/12.
        let r = try KruskalWallis.dunn([[1, 2], [3, 4]])
        expectClose(r.statistics[0][1], 2 / (20.0 / 12).squareRoot(), relative: 1e-15, "z")
        expectClose(r.meanRanks[1], 3.5, relative: 0, "mean rank")
    }

    // Seven blocks (benchmarks) × four treatments with within-block ties; expected values
    // from scikit-posthocs 0.17.1 `posthoc_nemenyi_friedman(X)`, which calls scipy's
    // `studentized_range.sf(q·√2, k, inf)`.
    static let blocks: [[Double]] = [[0.91, 0.93, 0.90, 0.95], [0.88, 0.92, 0.88, 0.94], [0.85, 0.86, 0.84, 0.90],
                                     [0.92, 0.95, 0.91, 0.93], [0.80, 0.83, 0.79, 0.85], [0.87, 0.87, 0.86, 0.91],
                                     [0.90, 0.94, 0.89, 0.96]]

    @Test("Nemenyi test equals scikit-posthocs posthoc_nemenyi_friedman")
    func nemenyi() throws {
        let treatments = (0..<4).map { t in Self.blocks.map { $0[t] } }
        let r = try Friedman.nemenyi(treatments)
        let picked = [r.pValues[0][1], r.pValues[0][3], r.pValues[1][2], r.pValues[2][3]]
        let expected = [0.40601555275445345, 0.03584276081694682, 0.019634796370311403, 0.00031581494257038045]
        for (value, e) in zip(picked, expected) { expectClose(value, e, relative: 1e-9, "Nemenyi") }
        // The omnibus test on the same data: scipy friedmanchisquare → 19.27941176470588, 0.00023933428494355186.
        let omnibus = try Friedman.test(treatments)
        expectClose(omnibus.statistic, 19.27941176470588, relative: 1e-12, "Friedman statistic")
        expectClose(omnibus.pValue, 0.00023933428494355186, relative: 1e-10, "Friedman p")
    }
}
