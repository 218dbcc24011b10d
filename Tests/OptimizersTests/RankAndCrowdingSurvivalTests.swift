import Foundation
import Indicators
import NASCore
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `RankAndCrowding` survival (PYMOO-NSGA2.md §7), pinned by every case of
/// `oracles/nsga2_survival.json`.
@Suite struct RankAndCrowdingSurvivalTests {
    static func oracleCases() throws -> [[String: Any]] {
        let path = SharedFolder.path("oracles/nsga2_survival.json", near: #filePath)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return root?["cases"] as? [[String: Any]] ?? []
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let s as String where s == "inf": return .infinity
        case let s as String where s == "-inf": return -.infinity
        case let n as NSNumber: return n.doubleValue
        default: return nil
        }
    }

    static func ints(_ value: Any?) -> [Int] {
        (value as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } ?? []
    }

    static func close(_ a: Double, _ e: Double) -> Bool {
        if a.isInfinite || e.isInfinite { return a == e }
        if e == 0 { return abs(a) <= 1e-12 }
        return abs(a - e) <= 1e-9 * abs(e)
    }

    @Test func survivorSetRanksAndCrowdingMatchPymoo() throws {
        let cases = try Self.oracleCases()
        #expect(cases.count == 20)
        for c in cases {
            let id = c["id"] as? String ?? "?"
            let f = (c["F"] as? [[Any]])?.map { $0.map { Self.number($0) ?? .nan } } ?? []
            let n = (c["N"] as? Int) ?? -1
            let expectedSurvivors = Self.ints(c["survivors"])
            let expectedRank = Self.ints(c["rank"])
            let expectedCrowding = (c["crowding_in_front"] as? [Any])?.map(Self.number) ?? []
            let splitFront = c["split_front"] as? Int
            let taken = (c["n_taken_from_split_front"] as? Int) ?? -1
            #expect(f.count == 2 * n && expectedSurvivors.count == n, "\(id)")

            for seed in [1, 2, 3, 1000] as [UInt64] {
                var rng = Xoshiro256StarStar(seed: seed)
                let s = RankAndCrowdingSurvival.select(objectives: f, count: n, using: &rng)
                #expect(s.survivors.sorted() == expectedSurvivors, "\(id) seed \(seed)")
                #expect(s.rankOfAll == expectedRank, "\(id)")
                #expect(s.splitFront == splitFront, "\(id)")
                if let k = splitFront {
                    #expect(s.rank.filter { $0 == k }.count == taken, "\(id)")
                }
                #expect(s.crowdingOfAll.count == expectedCrowding.count, "\(id)")
                for i in 0..<min(s.crowdingOfAll.count, expectedCrowding.count) {
                    switch (s.crowdingOfAll[i], expectedCrowding[i]) {
                    case (nil, nil): break
                    case let (a?, e?): #expect(Self.close(a, e), "\(id) individual \(i): \(a) vs \(e)")
                    case let (a, e): Issue.record("\(id) individual \(i): \(String(describing: a)) vs \(String(describing: e))")
                    }
                }
                for (k, i) in s.survivors.enumerated() {
                    #expect(s.rank[k] == expectedRank[i], "\(id)")
                    #expect(s.crowding[k] == s.crowdingOfAll[i], "\(id)")
                }
            }
        }
    }

    @Test func tiesAtTheCutAreBrokenAtRandom() {
        // One front of five; the two ends are inf and the three inner points tie at 0.5.
        let f: [[Double]] = [[0, 4], [1, 3], [2, 2], [3, 1], [4, 0]]
        var chosen = Set<Int>()
        for seed in 0..<40 as Range<UInt64> {
            var rng = Xoshiro256StarStar(seed: seed)
            let s = RankAndCrowdingSurvival.select(objectives: f, count: 3, using: &rng)
            #expect(Set(s.survivors.prefix(2)) == [0, 4], "infinite crowding goes first")
            #expect(s.crowding == [.infinity, .infinity, 0.5])
            chosen.insert(s.survivors[2])
        }
        #expect(chosen == [1, 2, 3])
    }

    @Test func wholeFrontsNeedNoCutAndNoRandomness() {
        let f: [[Double]] = [[0, 1], [1, 0], [1, 1], [2, 2]]
        var rng = Xoshiro256StarStar(seed: 5)
        let before = rng
        let s = RankAndCrowdingSurvival.select(objectives: f, count: 3, using: &rng)
        #expect(s.survivors == [0, 1, 2] && s.rank == [0, 0, 1] && s.splitFront == nil)
        #expect(s.crowdingOfAll[3] == nil)
        #expect(rng == before)
        let all = RankAndCrowdingSurvival.select(objectives: f, count: 10, using: &rng)
        #expect(all.survivors == [0, 1, 2, 3])
    }
}
