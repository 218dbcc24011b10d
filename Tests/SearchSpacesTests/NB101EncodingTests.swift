import Testing
import NASCore
@testable import SearchSpaces

@Suite struct NB101EncodingTests {
    @Test func inceptionLikeSequenceMatchesNASEAFA() throws {
        #expect(try inceptionLike.sequenceString(.pan) == "100010010010001111010000010001100011")
        // Dervisi swaps the conv1x1 and maxpool codes.
        #expect(try inceptionLike.sequenceString(.dervisi) == "001010010010100111010000010001100011")
        #expect(try inceptionLike.sequence(.pan).count == 36)
    }

    /// The sequence is built from the pruned graph, with the output at index V−1.
    @Test func sequenceUsesThePrunedGraphInTheTopLeftCorner() throws {
        // in → c3 → out, plus a dead-end mp3 vertex that pruning removes.
        let cell = try NB101Cell(adjacency: "0110" + "0001" + "0000" + "0000", ops: "in,c3,mp3,out")
        // Ops: c3 = 010 then four empty slots; edges (0,1) and (1,2) only.
        let expected = "010" + String(repeating: "0", count: 12) + "100000" + "10000" + String(repeating: "0", count: 10)
        #expect(try cell.sequenceString(.pan) == expected)
        #expect(throws: NB101Invalidity.disconnected) { try NB101Cell(adjacency: "0000", ops: "in,out").sequence() }
    }

    @Test func inceptionLikeAugmentationGives60DistinctSequences() throws {
        let sequences = try inceptionLike.isomorphicSequences(.pan)
        #expect(sequences.count == 60)
        #expect(Set(sequences).count == 60)
        #expect(sequences.first == (try inceptionLike.sequenceBits(.pan)))
        let hash = try inceptionLike.canonicalHash()
        for variant in try inceptionLike.isomorphicVariants() {
            #expect(try variant.canonicalHash() == hash)
        }
    }

    /// Automorphisms are kept as duplicates: two identical parallel branches swap onto
    /// themselves.
    @Test func augmentationKeepsDuplicatesFromAutomorphisms() throws {
        let cell = try NB101Cell(adjacency: "0110" + "0001" + "0001" + "0000", ops: "in,c3,c3,out")
        let sequences = try cell.isomorphicSequences()
        #expect(sequences.count == 2)
        #expect(Set(sequences).count == 1)
    }

    @Test func featureEncodingsHaveTheirDocumentedShape() throws {
        let x = try inceptionLike.features(.geneOneHot)
        #expect(x.count == 36)
        #expect(x[21...].reduce(0, +) == 5)
        #expect(x[..<21].reduce(0, +) == Double(inceptionLike.edgeCount))
        #expect(try inceptionLike.features(.sequencePan) == inceptionLike.sequence(.pan).map(Double.init))
        #expect(try inceptionLike.features(.sequenceDervisi).count == 36)
    }
}

@Suite struct NB101GenesTests {
    @Test func genesRoundTripForValidCells() throws {
        var rng = Xoshiro256StarStar(seed: 8)
        for _ in 0..<1_000 {
            let cell = NB101Cell.random(using: &rng)
            #expect(NB101Genes.decodeExactly(cell.genes) == cell)
            #expect(NB101Genes.decode(cell.genes) == cell)
        }
        #expect(NB101Genes.upperBounds.count == NB101Genes.count)
    }

    @Test func decodeRepairsEveryGeneVectorDeterministically() {
        var rng = Xoshiro256StarStar(seed: 9)
        for _ in 0..<5_000 {
            let genes = (0..<26).map { _ in rng.nextInt(below: 5) - 1 }   // out of bounds too
            let cell = NB101Genes.decode(genes)
            #expect(cell.isValid)
            #expect(NB101Genes.decode(genes) == cell)
            #expect(NB101Genes.repair(NB101Genes.repair(genes)) == NB101Genes.repair(genes))
        }
    }

    @Test func repairRuleOnKnownCases() throws {
        // No edges: the repair adds input→output and nothing else.
        let empty = [Int](repeating: 0, count: 21) + [0, 1, 2, 0, 1]
        #expect(NB101Genes.decodeExactly(empty) == nil)
        #expect(try NB101Genes.decode(empty).canonicalHash() == "043721b9c7fe8c5fad811d47d83132ec")
        // All 21 edges: input→output is kept, then the highest slots are cleared until the
        // pruned cell has ≤ 9 edges. Clearing (5,6), (4,6), (4,5) leaves vertices 0…3 and 6
        // with 10 edges; clearing (3,6) too prunes vertex 3, leaving 6 edges.
        let full = [Int](repeating: 1, count: 21) + [1, 1, 1, 1, 1]
        let repaired = NB101Genes.decode(full)
        #expect(repaired.genes == [Int](repeating: 1, count: 17) + [0, 0, 0, 0] + [1, 1, 1, 1, 1])
        #expect(try repaired.validated().edgeCount == 6)
    }
}
