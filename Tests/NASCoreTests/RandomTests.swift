import Testing
@testable import NASCore

@Suite struct RandomTests {
    @Test func xoshiroMatchesReferenceAfterSplitMixSeeding() {
        // SplitMix64 from state 0 gives 0xe220a8397b1dcdaf first (Vigna's splitmix64.c).
        var mixer = SplitMix64(state: 0)
        #expect(mixer.next() == 0xE220_A839_7B1D_CDAF)
        var a = Xoshiro256StarStar(seed: 7), b = Xoshiro256StarStar(seed: 7)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func nextIntIsUniformAndInRange() {
        var rng = Xoshiro256StarStar(seed: 1)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.nextInt(below: 6)] += 1 }
        for c in counts { #expect(abs(c - 10_000) < 500) }
    }

    @Test func streamSeedsDependOnEveryLabel() {
        let a = StreamSeed.derive(base: 1, labels: ["x", "0"])
        #expect(a == StreamSeed.derive(base: 1, labels: ["x", "0"]))
        #expect(a != StreamSeed.derive(base: 1, labels: ["x", "1"]))
        #expect(a != StreamSeed.derive(base: 2, labels: ["x", "0"]))
        #expect(StreamSeed.derive(base: 1, labels: ["ab", "c"]) != StreamSeed.derive(base: 1, labels: ["a", "bc"]))
    }
}
