import NASCore
import Testing
@testable import SearchSpaces

@Suite struct NATSSizeSpaceTests {
    /// ALGORITHMS.md §5.2: index = Σ (c_k/8 − 1)·8^(4−k), base 8, last layer fastest.
    @Test func indexFormulaMatchesTheOfficialOrder() throws {
        #expect(try NATSSizeCell(parsing: "8:8:8:8:8").index == 0)
        #expect(try NATSSizeCell(parsing: "8:8:8:8:16").index == 1)
        #expect(try NATSSizeCell(parsing: "16:8:8:8:8").index == 4096)
        #expect(try NATSSizeCell(parsing: "64:64:64:64:64").index == 32_767)
        for index in stride(from: 0, to: NATSSizeCell.cellCount, by: 37) {
            let cell = NATSSizeCell(index: index)
            let formula = cell.channels.enumerated().reduce(0) { $0 + ($1.element / 8 - 1) * Int(pow8(4 - $1.offset)) }
            #expect(formula == index)
            #expect(try NATSSizeCell(parsing: cell.description) == cell)
        }
    }

    func pow8(_ k: Int) -> Int { (0..<k).reduce(1) { p, _ in p * 8 } }

    @Test func badStringsAreRejected() {
        #expect(throws: SearchSpaceError.self) { try NATSSizeCell(parsing: "8:8:8:8") }
        #expect(throws: SearchSpaceError.self) { try NATSSizeCell(parsing: "8:8:8:8:12") }
    }

    /// NATS-Bench REA size mutation does not exclude the current value: 1/8 are no-ops,
    /// and when something changes exactly one layer changes.
    @Test func mutationLeavesOneInEightUnchanged() {
        let space = NATSSizeSpace()
        var rng = Xoshiro256StarStar(seed: 4)
        var unchanged = 0
        let n = 80_000
        for _ in 0..<n {
            let parent = space.sample(using: &rng)
            let child = space.mutate(parent, using: &rng)
            let changed = zip(parent.choices, child.choices).filter { $0 != $1 }.count
            #expect(changed <= 1)
            if changed == 0 { unchanged += 1 }
        }
        let share = Double(unchanged) / Double(n)
        #expect(Swift.abs(share - 0.125) < 0.005)
    }

    @Test func genesAndFeaturesAreConsistent() {
        let space = NATSSizeSpace()
        var rng = Xoshiro256StarStar(seed: 9)
        for _ in 0..<100 {
            let cell = space.sample(using: &rng)
            #expect(space.architecture(fromGenes: space.genes(of: cell), using: &rng) == cell)
            #expect(space.features(of: cell).reduce(0, +) == 5)
        }
    }
}
