import Testing
import NASCore
@testable import SearchSpaces

/// Validity of all 2^21 edge genotypes of a 7-vertex cell, computed once: bit 0 is
/// nasbench's `is_valid`, bit 1 Dervisi's rule. The ops never affect either, which is what
/// lets the tests below compute exact expectations by enumeration.
let nb101ValidityTable: [UInt8] = (0..<(1 << 21)).map { b in
    let cell = NB101Cell(edgeBits: UInt32(b), innerOpCodes: 0)
    return (cell.isValid ? 1 : 0) | (NB101Mutation.dervisi.accepts(cell) ? 2 : 0)
}

/// The exact probability that each slot differs from the parent in an accepted child,
/// when each attempt flips every slot independently with probability p and the child is
/// accepted iff its bits are valid: P(F) ∝ p^|F| (1−p)^(21−|F|) · valid(parent ⊕ F).
/// All four operators redraw edge flips from the parent on rejection, and their op draws
/// are independent of the edge draws, so this holds for each of them.
func exactFlipRates(parent: UInt32, p: Double, validityBit: UInt8) -> [Double] {
    var rates = [Double](repeating: 0, count: 21), total = 0.0
    let ratio = p / (1 - p)
    var powers = [Double](repeating: 1, count: 22)
    for k in 1...21 { powers[k] = powers[k - 1] * ratio }
    for f in 0..<(1 << 21) where nb101ValidityTable[Int(parent) ^ f] & validityBit != 0 {
        let w = powers[f.nonzeroBitCount]
        total += w
        var m = f
        while m != 0 { rates[m.trailingZeroBitCount] += w; m &= m - 1 }
    }
    return rates.map { $0 / total }
}

@Suite struct NB101MutationTests {
    @Test(arguments: NB101Mutation.allCases)
    func everyChildIsValidAlongAMutationChain(variant: NB101Mutation) {
        var rng = Xoshiro256StarStar(seed: 11)
        var cell = NB101Cell.random(.nasbench, using: &rng)
        for _ in 0..<5_000 {
            cell = variant.mutate(cell, using: &rng)
            #expect(cell.isValid)
            #expect(cell.vertexCount == 7)
            if variant == .dervisi { #expect(cell.edgeCount <= 9) }
        }
    }

    /// The edit distribution of each operator against its definition, from a fixed parent
    /// (the Inception-like cell, 7 edges). Op changes: every operator draws them
    /// independently of the edge flips, and validity depends on edges only, so even under
    /// redo-until-valid the accepted per-op change rate is exactly the per-attempt rate
    /// (1/5 nasbench, 1/3 NASLib, 1/5 NAS-EA-FA and Dervisi), and a changed op is uniform
    /// over the two others. Edge flips: the accepted per-slot rate is conditioned on
    /// validity; `exactFlipRates` computes it exactly by enumerating the 2^21 flip sets.
    /// N = 20,000 children; each rate must lie within 5 binomial standard deviations.
    @Test(arguments: NB101Mutation.allCases)
    func editDistributionMatchesDefinition(variant: NB101Mutation) {
        let parent = inceptionLike
        let parentBits = parent.edgeBits, parentOps = parent.ops
        let n = 20_000
        var rng = Xoshiro256StarStar(seed: 2024)
        var flips = [Int](repeating: 0, count: 21), changes = [Int](repeating: 0, count: 5)
        var toLowerOther = 0
        for _ in 0..<n {
            let child = variant.mutate(parent, using: &rng)
            let diff = child.edgeBits ^ parentBits
            for k in 0..<21 where diff >> UInt32(k) & 1 == 1 { flips[k] += 1 }
            for i in 1...5 where child.op(at: i) != parentOps[i] {
                changes[i - 1] += 1
                let others = NB101Op.innerOps.filter { $0 != parentOps[i] }
                if child.op(at: i) == others[0] { toLowerOther += 1 }
            }
        }
        func within(_ count: Int, of q: Double, trials: Int) -> Bool {
            let sd = (q * (1 - q) / Double(trials)).squareRoot()
            return abs(Double(count) / Double(trials) - q) <= 5 * sd + 1e-9
        }
        let pOp = variant.opChangeProbability()
        for i in 0..<5 { #expect(within(changes[i], of: pOp, trials: n), "op \(i + 1): \(changes[i]) of \(n)") }
        let totalChanges = changes.reduce(0, +)
        #expect(within(toLowerOther, of: 0.5, trials: totalChanges))

        let exact = exactFlipRates(parent: parentBits, p: variant.edgeFlipProbability(),
                                   validityBit: variant == .dervisi ? 2 : 1)
        for k in 0..<21 { #expect(within(flips[k], of: exact[k], trials: n), "slot \(k): \(flips[k]) vs \(exact[k])") }
        // The conditioning matters: at p = 1/7 some slot's accepted rate is far from 1/7.
        if variant == .nasbench {
            #expect(exact.contains { abs($0 - 1.0 / 7) > 0.02 })
        }
    }

    @Test func rateScalesTheNasbenchProbabilities() {
        #expect(NB101Mutation.nasbench.edgeFlipProbability(rate: 2) == 2.0 / 7)
        #expect(NB101Mutation.nasbench.opChangeProbability(rate: 0.5) == 0.1)
        #expect(NB101Mutation.naslib.opChangeProbability() == 1.0 / 3)
        #expect(NB101Mutation.nasEAFA.edgeFlipProbability() == 1.0 / 21)
        #expect(NB101Mutation(rawValue: "nas-ea-fa") == .nasEAFA)
    }

    /// A rate of 0 leaves nothing to change; the bitwise operators then return the parent
    /// at once, while a smaller parent is returned padded to 7 vertices.
    @Test func zeroRateReturnsThePaddedParent() throws {
        var rng = Xoshiro256StarStar(seed: 5)
        let small = try NB101Cell(adjacency: "010001000", ops: "in,c1,out")
        for variant in NB101Mutation.allCases {
            let child = variant.mutate(small, rate: 0, using: &rng)
            #expect(child == small.padded())
            #expect(try child.canonicalHash() == small.canonicalHash())
        }
    }

    @Test func mutationIsReproducibleFromTheSeed() {
        var a = Xoshiro256StarStar(seed: 99), b = Xoshiro256StarStar(seed: 99)
        for variant in NB101Mutation.allCases {
            #expect(variant.mutate(inceptionLike, using: &a) == variant.mutate(inceptionLike, using: &b))
        }
    }
}

@Suite struct NB101SamplingTests {
    /// Fair bits conditioned on validity: each slot's rate is the fraction of valid
    /// genotypes that set it (enumerated exactly); ops are uniform. 20,000 samples, 5 σ.
    @Test(arguments: NB101Sampling.allCases)
    func samplesAreValidAndDistributedAsDefined(variant: NB101Sampling) {
        let valid = (0..<(1 << 21)).filter { nb101ValidityTable[$0] & 1 != 0 }
        var expected = [Double](repeating: 0, count: 21)
        for b in valid { var m = b; while m != 0 { expected[m.trailingZeroBitCount] += 1; m &= m - 1 } }
        expected = expected.map { $0 / Double(valid.count) }

        var rng = Xoshiro256StarStar(seed: 77)
        let n = 20_000
        var set = [Int](repeating: 0, count: 21), opCounts = [Int](repeating: 0, count: 3)
        for _ in 0..<n {
            let cell = variant.sample(using: &rng)
            #expect(cell.isValid)
            let bits = cell.edgeBits
            for k in 0..<21 where bits >> UInt32(k) & 1 == 1 { set[k] += 1 }
            for i in 1...5 { opCounts[Int(cell.op(at: i).rawValue)] += 1 }
        }
        for k in 0..<21 {
            let sd = (expected[k] * (1 - expected[k]) / Double(n)).squareRoot()
            #expect(abs(Double(set[k]) / Double(n) - expected[k]) <= 5 * sd, "slot \(k)")
        }
        for c in opCounts {
            let sd = (2.0 / 9 / Double(5 * n)).squareRoot()
            #expect(abs(Double(c) / Double(5 * n) - 1.0 / 3) <= 5 * sd)
        }
    }
}
