import Testing
@testable import NASCore

@Suite struct RankCorrelationTests {
    @Test func averageRanksShareTies() {
        #expect(RankCorrelation.averageRanks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
    }

    @Test func kendallTauBMatchesScipyOnTies() {
        // scipy.stats.kendalltau([1,2,2,3,4],[1,3,2,2,5]).statistic == 0.6666666666666666
        let tau = RankCorrelation.kendallTauB([1, 2, 2, 3, 4], [1, 3, 2, 2, 5])
        #expect(abs(tau - 0.6666666666666666) < 1e-12)
    }

    @Test func spearmanIsOneForMonotoneData() {
        #expect(abs(RankCorrelation.spearmanRho([1, 2, 3, 4], [1, 4, 9, 16]) - 1) < 1e-15)
        #expect(RankCorrelation.spearmanRho([1, 1, 1], [1, 2, 3]).isNaN)
    }
}
