import NASCore
import Testing
@testable import Optimizers

/// pymoo 0.6.2 `SBX(prob=0.9, eta=15, vtype=float, repair=RoundingRepair())`
/// (PYMOO-NSGA2.md §4, §9).
@Suite struct SimulatedBinaryCrossoverTests {
    @Test func childrenAreIntegersWithinBoundsForAnyParents() {
        var rng = Xoshiro256StarStar(seed: 21)
        let bounds = GeneBounds([0...4, 0...4, 2...2, 0...1, 0...9, 3...7])
        let sampling = IntegerRandomSampling()
        for (exchange, cells) in [(1.0, RoundingRepair.Cells.pymoo06), (0.5, .pymoo06), (1.0, .widened)] {
            let sbx = SimulatedBinaryCrossover(exchangeProbability: exchange, repair: RoundingRepair(cells: cells))
            for _ in 0..<20_000 {
                let a = sampling.sampleOne(bounds: bounds, using: &rng)
                let b = sampling.sampleOne(bounds: bounds, using: &rng)
                let (c1, c2) = sbx.cross(a, b, bounds: bounds, using: &rng)
                #expect(bounds.contains(c1) && bounds.contains(c2))
            }
        }
    }

    @Test func equalParentGenesAreCopied() {
        var rng = Xoshiro256StarStar(seed: 22)
        let bounds = OperatorTestSupport.bounds(8, 0...4)
        let sbx = SimulatedBinaryCrossover()
        for _ in 0..<2_000 {
            let (c1, c2) = sbx.cross([0, 1, 2, 3, 4, 2, 2, 2], [0, 1, 2, 3, 4, 2, 2, 2], bounds: bounds, using: &rng)
            #expect(c1 == [0, 1, 2, 3, 4, 2, 2, 2] && c2 == c1)
        }
    }

    @Test func withEta15ChildrenConcentrateNearTheirParents() {
        // Parents 400 and 600 in [0, 1000]: unbounded SBX puts |beta - 1| > 0.25 with
        // probability 0.5·0.8^16 + 0.5·0.8^16 ≈ 0.028, i.e. a child farther than d/8 = 25
        // from the nearer parent. The bounds are far, so they barely matter.
        var rng = Xoshiro256StarStar(seed: 23)
        let bounds = OperatorTestSupport.bounds(10, 0...1000)
        let sbx = SimulatedBinaryCrossover(probability: 1, variableProbability: 1)
        var near = 0, total = 0
        for _ in 0..<5_000 {
            let (c1, c2) = sbx.cross(Array(repeating: 400, count: 10), Array(repeating: 600, count: 10),
                                     bounds: bounds, using: &rng)
            for v in c1 + c2 {
                total += 1
                if min(abs(v - 400), abs(v - 600)) <= 25 { near += 1 }
            }
        }
        let share = Double(near) / Double(total)
        #expect(share > 0.96 && share < 0.985, "share within d/8 of a parent: \(share)")
    }

    /// P(kid1 < kid2) per gene with parents (p1, p2) = (60, 40): non-crossed genes stay
    /// (60, 40), so only a crossed gene whose lower-side value went to kid 1 counts. That is
    /// prob × prob_var × P(lo → kid1) = 0.9 × 0.5 × q, with q = 1 − pbin averaged over the
    /// exchange gate: q = 0.5 for prob_exch 1.0 (0.6.2) and 0.5·1 + 0.5·0.5 = 0.75 for
    /// prob_exch 0.5 (0.6.0.x). With parents (40, 60), P(kid1 > kid2) = 0.45 (1 − q): the
    /// parent order does not matter (the XOR of 0.6.1.6 cancels).
    @Test(arguments: [(1.0, 0.5), (0.5, 0.75)])
    func exchangeProbabilitySetsHowOftenKidOneTakesTheLowerSide(exchange: Double, q: Double) {
        var rng = Xoshiro256StarStar(seed: 24)
        let n = 10, matings = 20_000
        let bounds = OperatorTestSupport.bounds(n, 0...100)
        let sbx = SimulatedBinaryCrossover(exchangeProbability: exchange)
        var lowToKid1 = 0, highToKid1 = 0
        for _ in 0..<matings {
            let (a1, a2) = sbx.cross(Array(repeating: 60, count: n), Array(repeating: 40, count: n), bounds: bounds, using: &rng)
            for k in 0..<n where a1[k] < a2[k] { lowToKid1 += 1 }
            let (b1, b2) = sbx.cross(Array(repeating: 40, count: n), Array(repeating: 60, count: n), bounds: bounds, using: &rng)
            for k in 0..<n where b1[k] > b2[k] { highToKid1 += 1 }
        }
        let genes = matings * n
        // Genes of one mating share the exchange gate, so allow for the clustering (×3).
        let low = 0.45 * q, high = 0.45 * (1 - q)
        #expect(abs(Double(lowToKid1) / Double(genes) - low) < 3 * OperatorTestSupport.tolerance(rate: low, trials: genes))
        #expect(abs(Double(highToKid1) / Double(genes) - high) < 3 * OperatorTestSupport.tolerance(rate: high, trials: genes))
    }

    @Test func prob_exch05MakesWholeMatingsSendEveryLowerValueToKidOne() {
        // Under 0.6.0.x half the crossed matings have pbin = 0: every crossed gene sends its
        // lower-side value to kid 1. Under 0.6.2 such all-low matings need every crossed gene
        // to land that way, 1/2 per gene. Count matings with ≥ 6 crossed genes, all low.
        // Parents 70 000 / 30 000 in [0, 100 000]: a crossed gene rounds back onto the
        // parents with probability ≈ 2·10⁻⁴, so "changed" identifies the crossed genes.
        var rng = Xoshiro256StarStar(seed: 25)
        let n = 12, matings = 20_000
        let bounds = OperatorTestSupport.bounds(n, 0...100_000)
        func allLowShare(_ exchange: Double) -> Double {
            let sbx = SimulatedBinaryCrossover(probability: 1, exchangeProbability: exchange)
            var eligible = 0, allLow = 0
            for _ in 0..<matings {
                let (c1, c2) = sbx.cross(Array(repeating: 70_000, count: n), Array(repeating: 30_000, count: n),
                                         bounds: bounds, using: &rng)
                let crossed = (0..<n).filter { c1[$0] != 70_000 || c2[$0] != 30_000 }
                guard crossed.count >= 6 else { continue }
                eligible += 1
                if crossed.allSatisfy({ c1[$0] <= c2[$0] }) { allLow += 1 }
            }
            return Double(allLow) / Double(eligible)
        }
        // ≈ 0.5 + 0.5·2^-k (k ≥ 6 crossed) for 0.6.0.x, at most 2^-6 ≈ 0.016 for 0.6.2.
        #expect(allLowShare(0.5) > 0.45)
        #expect(allLowShare(1.0) < 0.03)
    }

    @Test func uncrossedMatingsCopyTheParentsAtRateOneMinusProb() {
        // With 10 differing genes, a crossed mating changes no gene only if none is picked
        // (0.5^10) or every picked one rounds back; copies ≈ 0.1 + 0.9·P(no visible change).
        var rng = Xoshiro256StarStar(seed: 26)
        let n = 10, matings = 50_000
        let bounds = OperatorTestSupport.bounds(n, 0...1000)
        let sbx = SimulatedBinaryCrossover()
        var copies = 0
        for _ in 0..<matings {
            let p1 = Array(repeating: 100, count: n), p2 = Array(repeating: 900, count: n)
            let (c1, c2) = sbx.cross(p1, p2, bounds: bounds, using: &rng)
            if c1 == p1 && c2 == p2 { copies += 1 }
        }
        let share = Double(copies) / Double(matings)
        #expect(abs(share - 0.1) < 0.01, "copy share \(share)")
    }

    @Test func batchOrderIsFirstChildrenThenSecondChildren() {
        var rng = Xoshiro256StarStar(seed: 27)
        let bounds = OperatorTestSupport.bounds(3, 0...4)
        let sbx = SimulatedBinaryCrossover(probability: 0)   // copies only
        let population = [[0, 0, 0], [1, 1, 1], [2, 2, 2], [3, 3, 3]]
        let kids = sbx.offspring(parents: [0, 1, 2, 3], population: population, bounds: bounds, using: &rng)
        #expect(kids == [[0, 0, 0], [2, 2, 2], [1, 1, 1], [3, 3, 3]])
    }
}
