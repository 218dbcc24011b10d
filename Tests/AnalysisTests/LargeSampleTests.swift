import Testing
@testable import Analysis

/// Samples far larger than an exact distribution can hold: the tests either switch to
/// the asymptotic method as scipy's `auto` does, use O(n log n) counting, or refuse
/// `.exact` with one line naming the documented limit. Expected values printed by
/// python3 with scipy 1.17.1 for the same generated samples.
@Suite("Large samples: O(n log n) statistics and documented exact-method limits")
struct LargeSampleTests {
    static let n = 100_000
    static let tiedX = (0..<n).map { Double(($0 * 7919) % 1000) }
    static let tiedY = (0..<n).map { i in
        Double((i * 104_729 + 3) % 997) + 0.001 * tiedX[i].truncatingRemainder(dividingBy: 7)
    }

    @Test("Kendall tau at n = 100,000 with ties counts pairs in O(n log n) and matches scipy")
    func kendallTauAtOneHundredThousandMatchesScipy() throws {
        let r = try KendallTauTest.test(Self.tiedX, Self.tiedY)
        #expect(r.method == .asymptotic)
        expectClose(r.statistic, -2.4054940745560838e-05, relative: 1e-9, "tau")
        expectClose(r.pValue, 0.9909016176557157, relative: 1e-9, "p")
    }

    @Test("Kendall tau auto at n = 100,000 with <= 1 discordant pair uses scipy's closed form")
    func kendallTauClosedFormAboveTheExactLimit() throws {
        let a = (0..<Self.n).map(Double.init)
        var swapped = a
        swapped.swapAt(5, 6)
        let perfect = try KendallTauTest.test(a, a)
        #expect(perfect.method == .exact && perfect.statistic == 1 && perfect.pValue == 0)
        let reversed = try KendallTauTest.test(a, a.map { -$0 }, alternative: .greater)
        #expect(reversed.statistic == -1 && reversed.pValue == 1)
        let oneSwap = try KendallTauTest.test(a, swapped)
        expectClose(oneSwap.statistic, 0.9999999995999962, relative: 1e-12, "tau")
        #expect(oneSwap.pValue == 0)
        #expect(try KendallTauTest.test(a, swapped, alternative: .less).pValue == 1)
    }

    @Test("Kendall tau exact is refused above n = 200 where no closed form applies")
    func kendallTauExactRefusedAboveLimit() {
        let x = Array(Self.tiedY.prefix(201)), y = (0..<201).map { Double(($0 * 37) % 201) }
        #expect(throws: StatisticsError.self) { try KendallTauTest.test(x, y, method: .exact) }
        do { _ = try KendallTauTest.test(x, y, method: .exact) } catch {
            #expect("\(error)".contains("n ≤ 200"))
            #expect(!"\(error)".contains("\n"))
        }
    }

    @Test("Mann-Whitney exact above n1*n2 = 40,000 is refused; auto takes the asymptotic")
    func mannWhitneyExactRefusedAboveLimit() throws {
        let x = Array(Self.tiedY.prefix(50_000)), y = Array(Self.tiedY.suffix(50_000))
        do {
            _ = try MannWhitneyU.test(x, y, method: .exact)
            Issue.record("exact at 50,000 x 50,000 was not refused")
        } catch let e as StatisticsError {
            #expect(e.description.contains("n1·n2 ≤ 40000"))
        }
        // One sample of 8 without ties is exact under scipy's rule, but not at any size.
        let small = [0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5]
        let large = (0..<100_000).map { Double($0) * 1e-4 + 1e-9 }
        let auto = try MannWhitneyU.test(small, large)
        #expect(auto.method == .asymptotic)
        let fits = try MannWhitneyU.test(small, Array(large.prefix(500)))
        #expect(fits.method == .exact)
    }

    @Test("Mann-Whitney exact distribution is unchanged by building it row by row")
    func mannWhitneyDistributionRowOrderKeepsValues() {
        // P(U = 0) = 1/C(18, 7) and the pmf is symmetric; pinned in DistributionTests too.
        let d = MannWhitneyDistribution(n1: 11, n2: 7)
        #expect(abs(d.pmf(0) - 1 / 31824) < 1e-18)
        #expect(abs((0...77).map(d.pmf).reduce(0, +) - 1) < 1e-14)
        let unbalanced = MannWhitneyDistribution(n1: 1, n2: 4_000)
        #expect(abs(unbalanced.pmf(123) - 1.0 / 4_001) < 1e-18)
    }

    @Test("Wilcoxon exact above 1,000 non-zero differences is refused; auto is asymptotic")
    func wilcoxonExactRefusedAboveLimit() throws {
        let d = Self.tiedY.map { $0 - 500 }
        #expect(throws: StatisticsError.self) { try WilcoxonSignedRank.test(differences: d, method: .exact) }
        let r = try WilcoxonSignedRank.test(differences: d)
        #expect(r.method == .asymptotic)
        let fits = try WilcoxonSignedRank.test(differences: Array(d.prefix(300)), method: .exact)
        #expect(fits.method == .exact)
    }

    @Test("Kolmogorov-Smirnov exact of unequal samples above m*n = 10^8 is refused")
    func kolmogorovSmirnovExactRefusedAboveLimit() throws {
        let x = Array(Self.tiedY.prefix(20_000)), y = Array(Self.tiedY.suffix(10_000))
        #expect(throws: StatisticsError.self) { try KolmogorovSmirnov.twoSample(x, y, method: .exact) }
        #expect(try KolmogorovSmirnov.twoSample(x, y).method == .asymptotic)
    }
}
