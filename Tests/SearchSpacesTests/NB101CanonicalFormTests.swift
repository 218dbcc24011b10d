import Testing
import NASCore
@testable import SearchSpaces

@Suite struct NB101CanonicalFormTests {
    /// Every renumbering of the inner vertices gives the same form.
    @Test func renumberingsShareTheForm() throws {
        var rng = Xoshiro256StarStar(seed: 41)
        var checked = 0
        for _ in 0..<2_000 {
            let cell = try NB101Sampling.nasbench.sample(using: &rng).validated()
            let form = cell.canonicalForm()
            for variant in try cell.isomorphicVariants() {
                #expect(variant.canonicalForm() == form, "\(variant.adjacencyBits) \(variant.opsTokens)")
                checked += 1
            }
        }
        #expect(checked > 3_000, "random specs prune to small cells; 2,000 give 3,147 renumberings")
    }

    /// The form separates cells exactly as nasbench's hash does on random cells: one hash
    /// per form (isomorphic cells hash alike), and one form per hash (the sampled cells
    /// contain no two non-isomorphic graphs that the hash confuses).
    @Test func formsAndHashesPartitionRandomCellsAlike() throws {
        var rng = Xoshiro256StarStar(seed: 42)
        var hashOfForm: [NB101CanonicalForm: MD5Digest] = [:]
        var formOfHash: [MD5Digest: NB101CanonicalForm] = [:]
        for _ in 0..<20_000 {
            let cell = try NB101Sampling.nasbench.sample(using: &rng).validated()
            let form = cell.canonicalForm(), digest = try cell.canonicalDigest()
            #expect(hashOfForm.updateValue(digest, forKey: form).map { $0 == digest } ?? true)
            #expect(formOfHash.updateValue(form, forKey: digest).map { $0 == form } ?? true)
        }
        #expect(hashOfForm.count == formOfHash.count)
        #expect(hashOfForm.count > 4_000, "random specs prune to 4,629 distinct cells")
    }

    /// Cells whose inner vertices the invariants cannot tell apart take the tie-breaking
    /// path: four parallel branches, and a chain mixed with branches of one op.
    @Test func tiedVerticesStillGiveOneForm() throws {
        let parallel = try NB101Cell(adjacency: "011110" + "000001" + "000001" + "000001" + "000001" + "000000",
                                     ops: "in,c3,c3,c3,c3,out")
        #expect(try parallel.isomorphicVariants().count == 24)
        #expect(Set(try parallel.isomorphicVariants().map { $0.canonicalForm() }).count == 1)
        let mixed = try NB101Cell(adjacency: "0110100" + "0001000" + "0000001" + "0000001" + "0000010" + "0000001" + "0000000",
                                  ops: "in,c1,c1,c1,c1,c1,out")
        let forms = Set(try mixed.isomorphicVariants().map { $0.canonicalForm() })
        #expect(forms.count == 1)
        // A different op on one branch is a different graph.
        let other = try NB101Cell(adjacency: "011110" + "000001" + "000001" + "000001" + "000001" + "000000",
                                  ops: "in,c3,c3,c3,c1,out")
        #expect(other.canonicalForm() != parallel.canonicalForm())
        #expect(try other.canonicalDigest() != parallel.canonicalDigest())
    }
}
