import NASCore
import Testing
@testable import Predictors

/// The split scan's shortcuts (two-valued columns summed row by row, each column's last run
/// left unread) must grow exactly the trees of the plain descending scan.
@Suite struct ExactGreedyTreeBuilderShortcutTests {
    /// Column kinds that exercise every path: 0/1 one-hots, a 0/1 column with a NaN, three
    /// levels, continuous values with ties, a constant, and a ±1 column.
    static func features(rows: Int, rng: inout Xoshiro256StarStar) -> (values: [Float], columns: Int) {
        let columns = 7
        var x = [Float](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            x[r * columns + 0] = rng.nextBernoulli(0.2) ? 1 : 0
            x[r * columns + 1] = rng.nextBernoulli(0.6) ? 1 : 0
            x[r * columns + 2] = r == rows / 2 ? .nan : (rng.nextBernoulli(0.5) ? 1 : 0)
            x[r * columns + 3] = Float(rng.nextInt(below: 3))
            x[r * columns + 4] = Float(rng.nextInt(below: 8)) * 0.25
            x[r * columns + 5] = 2
            x[r * columns + 6] = rng.nextBernoulli(0.5) ? 1 : -1
        }
        return (x, columns)
    }

    @Test("shortcuts grow the plain scan's trees, for unit and general hessians", arguments: [1, 2, 3])
    func shortcutsGrowTheSameTrees(seed: UInt64) {
        var rng = Xoshiro256StarStar(seed: seed)
        let rows = 300
        let (x, columns) = Self.features(rows: rows, rng: &rng)
        // Gradients spanning many magnitudes, so the order of additions matters.
        let scales = [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4]
        let gradients = (0..<rows).map { _ in Float((rng.nextUnit() - 0.5) * scales[rng.nextInt(below: scales.count)]) }
        let general = (0..<rows).map { _ in rng.nextBernoulli(0.1) ? 0 : Float(rng.nextUnit() * 2) }
        for hessians in [[Float](repeating: 1, count: rows), general] {
            for parameters in [GradientBoostedTrees.Parameters(maxDepth: 6),
                               GradientBoostedTrees.Parameters(maxDepth: 4, minChildWeight: 3),
                               GradientBoostedTrees.Parameters(maxDepth: 3, gamma: 0.5)] {
                let fast = ExactGreedyTreeBuilder(features: x, rows: rows, columns: columns, parameters: parameters)
                let plain = ExactGreedyTreeBuilder(features: x, rows: rows, columns: columns, parameters: parameters,
                                                   usesShortcuts: false)
                #expect(fast.twoValued.isTwoValued == [true, true, false, false, false, false, true])
                let a = fast.grow(gradients: gradients, hessians: hessians)
                let b = plain.grow(gradients: gradients, hessians: hessians)
                #expect(a.tree == b.tree)
                #expect(a.leafOfRow == b.leafOfRow)
                #expect(a.tree.nodeCount > 1)
            }
        }
    }

    @Test("each row's leaf from growing is the leaf prediction walks to, after pruning too")
    func leafOfRowMatchesPrediction() {
        var rng = Xoshiro256StarStar(seed: 9)
        let rows = 200
        let (x, columns) = Self.features(rows: rows, rng: &rng)
        let gradients = (0..<rows).map { _ in Float(rng.nextUnit() - 0.5) }
        let builder = ExactGreedyTreeBuilder(features: x, rows: rows, columns: columns,
                                             parameters: .init(maxDepth: 5, gamma: 0.2))
        let (tree, leafOfRow) = builder.grow(gradients: gradients, hessians: [Float](repeating: 1, count: rows))
        x.withUnsafeBufferPointer { buffer in
            for r in 0..<rows {
                #expect(tree.leafIndex(forRow: buffer.baseAddress! + r * columns) == leafOfRow[r])
            }
        }
    }
}
