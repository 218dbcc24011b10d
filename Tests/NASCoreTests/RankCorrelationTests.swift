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

    @Test("Knight's pair counts equal the O(n²) pair loop, ties in x, y and both")
    func knightCountsEqualPairLoop() {
        let x = (0..<700).map { Double(($0 * 31) % 50) }, y = (0..<700).map { Double(($0 / 7 + $0 * 3) % 13) }
        var c = 0, d = 0, tx = 0, ty = 0, both = 0
        for i in 0..<x.count {
            for j in (i + 1)..<x.count {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 && dy == 0 { both += 1 } else if dx == 0 { tx += 1 } else if dy == 0 { ty += 1 }
                else if (dx > 0) == (dy > 0) { c += 1 } else { d += 1 }
            }
        }
        #expect(both > 0 && tx > 0 && ty > 0)
        let counts = RankCorrelation.kendallPairCounts(x, y)
        #expect(counts == .init(concordant: c, discordant: d, tiedXOnly: tx, tiedYOnly: ty, tiedBoth: both))
        #expect(RankCorrelation.kendallPairCounts([1, .nan], [1, 2]) == nil)
        #expect(RankCorrelation.kendallTauB([1, .nan, 3], [1, 2, 3]).isNaN)
    }
}
