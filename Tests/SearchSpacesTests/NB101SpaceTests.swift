import NASCore
import Testing
@testable import SearchSpaces

@Suite struct NB101SpaceTests {
    @Test func variantsByNameAndUnknownNamesAreErrors() throws {
        let space = try NB101Space(mutationName: "nas-ea-fa", samplingName: "nas-ea-fa", encodingName: "seq-pan")
        #expect(space.mutation == .nasEAFA && space.sampling == .nasEAFA && space.encoding == .sequencePan)
        #expect(throws: SearchSpaceError.self) { try NB101Space(mutationName: "bogus") }
        #expect(space.name == "nb101")
    }

    @Test func sampledAndMutatedCellsAreValidAndGenesRoundTrip() {
        let space = NB101Space(mutation: .nasEAFA, sampling: .nasEAFA)
        var rng = Xoshiro256StarStar(seed: 9)
        for _ in 0..<200 {
            let cell = space.mutate(space.sample(using: &rng), using: &rng)
            #expect(cell.isValid)
            #expect(space.architecture(fromGenes: space.genes(of: cell), using: &rng) == cell)
            #expect(space.genes(of: cell).count == space.geneBounds.count)
            #expect(space.describe(cell) == (try? cell.canonicalHash()))
        }
        #expect(space.features(of: NB101Cell.random(using: &rng)).count == 36)
    }
}
