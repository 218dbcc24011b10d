import Testing
@testable import Optimizers

/// Optuna 5.1.0's `_split_complete_trials_multi_objective`: whole non-domination fronts,
/// then HSSP on the next. The objective values are `RandomState(11)` draws and the expected
/// below sets are the trial numbers Optuna returned, both printed by
/// `scripts/motpe_optuna_oracle.py`.
@Suite struct MOTPESplitTests {
    static let values2: [[Double]] = [
        [1.8, 0.2], [4.6, 7.2], [4.2, 4.9], [0.1, 4.9], [9.4, 8.5], [0.1, 4.9], [8.9, 8.6], [1.7, 6.3], [0.2, 1.2], [3.2, 1.6],
        [7.6, 8.2], [3.4, 3.2], [1.1, 0.8], [7.1, 6.0], [0.6, 4.8], [4.0, 8.5], [7.2, 6.0], [5.5, 9.5], [9.9, 3.4], [2.4, 8.0],
        [0.6, 3.6], [0.7, 3.2], [0.7, 2.9], [7.9, 9.1], [7.9, 5.6], [6.2, 3.6], [1.7, 4.4], [7.3, 0.6], [0.2, 7.7], [3.0, 7.0],
        [7.3, 9.3], [4.0, 3.6], [8.1, 7.6], [6.5, 8.1], [6.4, 9.6], [3.3, 7.4], [9.5, 3.3], [6.1, 3.7], [4.6, 0.8], [0.2, 7.6],
    ]

    static let values3: [[Double]] = [
        [4.5, 6.2, 7.4], [4.2, 3.7, 1.7], [7.9, 8.3, 7.3], [8.8, 6.5, 7.0], [1.9, 7.7, 3.3], [4.4, 3.2, 5.7], [6.6, 5.8, 3.2],
        [2.2, 8.4, 3.0], [4.4, 0.9, 3.0], [0.9, 3.4, 7.1], [9.7, 6.3, 2.7], [6.6, 6.3, 8.3], [5.3, 9.1, 4.2], [2.9, 5.2, 9.2],
        [7.2, 4.9, 5.0], [6.5, 4.5, 5.5], [9.7, 9.3, 8.4], [1.3, 5.6, 3.7], [9.1, 3.1, 9.3], [2.4, 4.2, 9.6], [6.0, 9.3, 5.4],
        [2.3, 7.1, 5.2], [5.1, 1.4, 1.4], [9.3, 9.6, 9.7], [3.6, 0.5, 5.5], [7.4, 6.5, 0.5], [2.3, 7.1, 0.6], [8.5, 9.9, 2.5],
        [0.5, 9.8, 7.7], [4.5, 4.8, 9.2],
    ]

    static func belowSet(_ losses: [[Double]], _ count: Int) -> [Int] {
        let flags = MOTPESplit.below(losses, count: count)
        return flags.indices.filter { flags[$0] }
    }

    /// Directions minimize/maximize: Optuna's losses flip the second objective's sign only.
    @Test(arguments: [(1, [28]), (4, [15, 17, 19, 28]), (7, [3, 5, 15, 17, 19, 28, 34]),
                      (13, [3, 5, 7, 14, 15, 17, 19, 28, 30, 33, 34, 35, 39])])
    func twoObjectivesWithAMaximisedOneAndADuplicate(count: Int, optuna: [Int]) {
        let losses = Self.values2.map { [$0[0], -$0[1]] }
        #expect(Self.belowSet(losses, count) == optuna)
    }

    @Test(arguments: [(2, [8, 26]), (5, [8, 17, 22, 24, 26]), (9, [1, 4, 8, 9, 17, 22, 24, 25, 26])])
    func threeObjectives(count: Int, optuna: [Int]) {
        #expect(Self.belowSet(Self.values3, count) == optuna)
    }

    @Test func oneObjectiveTakesTheSmallestLossesFirstComeFirst() {
        #expect(Self.belowSet([[3], [1], [2], [1], [5]], 2) == [1, 3])
        #expect(Self.belowSet([[3], [1], [2], [1], [5]], 3) == [1, 2, 3])
    }

    @Test func splitsAreUnchangedByScalingButNotByShifting() {
        // Optuna does not normalise: the HSSP reference point is 1.1 × the front's worst.
        let losses = Self.values2.map { [$0[0], -$0[1]] }
        let scaled = losses.map { [$0[0] * 1000, $0[1] * 0.01] }
        for count in [4, 7, 13] { #expect(Self.belowSet(scaled, count) == Self.belowSet(losses, count)) }
    }
}
