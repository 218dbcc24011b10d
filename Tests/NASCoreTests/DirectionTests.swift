import Testing
@testable import NASCore

/// `Direction` is the one place a sign is flipped: the flips are exact, and comparisons
/// follow the direction.
@Suite struct DirectionTests {
    static let values: [Double] = [0, -0.0, 1.5, -93.37, .ulpOfOne, .greatestFiniteMagnitude, .infinity, -.infinity]

    @Test func flippingIsExactAndItsOwnInverse() {
        for v in Self.values {
            #expect(Direction.min.minimised(v).bitPattern == v.bitPattern)
            #expect(Direction.max.maximised(v).bitPattern == v.bitPattern)
            #expect(Direction.max.minimised(v).bitPattern == (-v).bitPattern)
            #expect(Direction.min.maximised(v).bitPattern == (-v).bitPattern)
            for d in Direction.allCases {
                #expect(d.maximised(d.maximised(v)).bitPattern == v.bitPattern)
                #expect(d.minimised(v).bitPattern == (-d.maximised(v)).bitPattern)
            }
        }
    }

    @Test func objectivesFlipByTheirDirection() throws {
        let accuracy = try Objective(parsing: "acc:max"), latency = try Objective(parsing: "lat:min")
        #expect(accuracy.minimised(93) == -93 && accuracy.maximised(93) == 93)
        #expect(latency.minimised(4) == 4 && latency.maximised(4) == -4)
    }

    @Test func comparisonsFollowTheDirection() {
        #expect(Direction.max.isBetter(2, than: 1) && !Direction.max.isBetter(1, than: 1))
        #expect(Direction.min.isBetter(1, than: 2) && !Direction.min.isBetter(2, than: 2))
        #expect(Direction.max.isAtLeastAsGood(1, as: 1) && Direction.min.isAtLeastAsGood(1, as: 1))
        #expect(!Direction.max.isBetter(.nan, than: 1) && !Direction.min.isBetter(1, than: .nan))
        #expect(Direction.max.best(of: [3, 7, 5]) == 7 && Direction.min.best(of: [3, 7, 5]) == 3)
        #expect(Direction.max.best(of: []) == nil)
    }
}
