import Testing
@testable import Optimizers

/// Optuna 5.1.0's greedy HSSP (`optuna/_hypervolume/hssp.py` `_solve_hssp`), as printed by
/// `scripts/motpe_optuna_oracle.py`.
@Suite struct HypervolumeSubsetSelectionTests {
    static let front: [[Double]] = [[1, 9], [2, 7], [3, 6.5], [4, 4], [6, 3], [8, 2.5], [9, 1]]

    @Test(arguments: [(1, [13]), (3, [13, 11, 14]), (5, [13, 11, 14, 16, 10])])
    func twoObjectivesPickTheLargestShrinkingRectangle(count: Int, optuna: [Int]) {
        let chosen = HypervolumeSubsetSelection.select(Self.front, indices: Array(10...16), count: count, reference: [10, 10])
        #expect(chosen == optuna)
    }

    @Test func fewerUniqueVectorsThanNeededTakeTheEarliestDuplicates() {
        let dup: [[Double]] = [[1, 3], [2, 2], [1, 3], [3, 1], [2, 2]]
        #expect(Set(HypervolumeSubsetSelection.select(dup, indices: Array(0..<5), count: 4, reference: [4, 4])) == [0, 1, 2, 3])
    }

    @Test(arguments: [(1, [3]), (2, [3, 5]), (4, [3, 5, 4, 0])])
    func threeObjectivesAddTheLargestContribution(count: Int, optuna: [Int]) {
        let front3: [[Double]] = [[1, 5, 5], [5, 1, 5], [5, 5, 1], [2, 2, 4], [4, 2, 2], [2, 4, 2], [3, 3, 3]]
        #expect(HypervolumeSubsetSelection.select(front3, indices: Array(0..<7), count: count, reference: [6, 6, 6]) == optuna)
    }

    @Test func referenceIsTheWorstPointWidenedByTenPercent() {
        #expect(HypervolumeSubsetSelection.referencePoint([[1, -5, 0], [2, -4, 0]]) == [2.2, -3.6, 1e-12])
    }
}
