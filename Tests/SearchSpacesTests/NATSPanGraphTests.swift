import NASCore
import Testing
@testable import SearchSpaces

/// Pan's NB201 → NB101-style graph, hash and sequence (`fzjcdt/NAS-EA-FA` `nas201to101.py`,
/// ALGORITHMS.md §1.5).
@Suite struct NATSPanGraphTests {
    static func bits(_ cell: NATSTopologyCell) -> String { cell.panSequence.map(String.init).joined() }

    @Test func panHashYields8765ClassesOfSizes8080x1_600x2_80x58_5x341() {
        let classes = NATSPanClasses.shared
        #expect(classes.count == 8_765)
        var sizes: [Int: Int] = [:]
        for members in classes.members { sizes[members.count, default: 0] += 1 }
        #expect(sizes == [1: 8_080, 2: 600, 58: 80, 341: 5])
        // One of the 341-cell classes is the disconnected one, with the all-zero sequence.
        let invalid = classes.hashes.firstIndex(of: NATSTopologyCell.panInvalidHash)
        #expect(invalid.map { classes.members[$0].count } == 341)
        #expect(invalid.map { classes.distinctSequences[$0] } == [0])
        // python3 -c "import hashlib; print(hashlib.md5(b'invalid').hexdigest())"
        #expect(NATSTopologyCell.panInvalidHash.hex == "fedb2d84cafe20862cb4399751a8a7e3")
    }

    @Test func pan24BitSequenceOfAHandCheckedCell() throws {
        // v1 c3, v2 none, v3 avg, v4 skip, v5 none, v6 c1: every non-none vertex reaches the
        // output. One-hot order: skip, avg, c1, c3.
        let cell = try NATSTopologyCell(archString: "|nor_conv_3x3~0|+|none~0|avg_pool_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|")
        #expect(Self.bits(cell) == "0001" + "0000" + "0100" + "1000" + "0000" + "0010")
    }

    @Test func aConvolutionWhoseOnlySuccessorsAreNoneIsPrunedToZeros() throws {
        // v1 (c3) feeds v3 and v5, both `none`: v1 reaches no output, so its slot is 0000.
        let cell = try NATSTopologyCell(archString: "|nor_conv_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|none~1|nor_conv_1x1~2|")
        #expect(Self.bits(cell) == "0000" + "1000" + "0000" + "0100" + "0000" + "0010")
        // Changing the pruned conv's op does not change the graph, so the hash is the same.
        var other = cell
        other.setOp(.avgPool3x3, at: 0)
        #expect(other.panHash == cell.panHash)
        #expect(other.panClass == cell.panClass)
    }

    @Test func augmentationIsTheDistinctSequencesOfTheWholeClass() {
        let table = NATSPanClasses.shared
        for c in [0, 17, table.count - 1] {
            let sequences = Set(table.members[c].map { NATSTopologyCell(code: $0).panSequenceBits })
            let cell = NATSTopologyCell(code: table.members[c][0])
            #expect(Set(cell.panIsomorphicSequences) == sequences)
            #expect(cell.panIsomorphicSequences.count == sequences.count)
            #expect(cell.panIsomorphicSequences.first == cell.panSequenceBits)
        }
    }
}
