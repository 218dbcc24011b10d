import Testing
import NASCore
import Benchmarks
@testable import SearchSpaces

/// The Inception-like cell of the nasbench README (ALGORITHMS.md §4.3, §1.5).
let inceptionLike: NB101Cell = {
    let matrix = [[0, 1, 1, 1, 0, 1, 0], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 1, 0, 0],
                  [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 0]]
    let ops: [NB101Op] = [.input, .conv1x1, .conv3x3, .conv3x3, .conv3x3, .maxpool3x3, .output]
    do { return try NB101Cell(matrix: matrix, ops: ops) } catch { fatalError("\(error)") }
}()

@Suite struct NB101HashTests {
    @Test func alg43TestVectors() throws {
        #expect(try inceptionLike.canonicalHash() == "28cfc7874f6d200472e1a9dcd8650aa0")
        #expect(try NB101Cell(adjacency: "010001000", ops: "in,c3,out").canonicalHash() == "b49ac8c578b4561d79ac7087988f1c61")
        #expect(try NB101Cell(adjacency: "0100", ops: "in,out").canonicalHash() == "043721b9c7fe8c5fad811d47d83132ec")
        #expect(NB101Cell.hashModule(successorMasks: 0b10, labels: [-1, -2]).hex == "043721b9c7fe8c5fad811d47d83132ec")
    }

    /// nasbench hashes the pruned spec: dangling vertices and vertex order must not matter.
    @Test func hashIgnoresExtraneousVerticesAndIsomorphism() throws {
        // in → c3 → out plus a vertex (mp3) that only feeds nothing: pruned away.
        let dangling = try NB101Cell(adjacency: "0110" + "0001" + "0000" + "0000", ops: "in,c3,mp3,out")
        #expect(try dangling.canonicalHash() == "b49ac8c578b4561d79ac7087988f1c61")
        // Two parallel branches, listed in both orders.
        let a = try NB101Cell(adjacency: "0110" + "0001" + "0001" + "0000", ops: "in,c3,c1,out")
        let b = try NB101Cell(adjacency: "0110" + "0001" + "0001" + "0000", ops: "in,c1,c3,out")
        #expect(try a.canonicalHash() == b.canonicalHash())
        #expect(try a.canonicalHash() != NB101Cell(adjacency: "0110" + "0001" + "0001" + "0000", ops: "in,c1,c1,out").canonicalHash())
    }

    @Test func invalidCellsHaveNoHash() throws {
        #expect(throws: NB101Invalidity.disconnected) {
            try NB101Cell(adjacency: "010000000", ops: "in,c3,out").canonicalHash()
        }
        // 10 edges among 7 connected vertices.
        var m = [[Int]](repeating: [Int](repeating: 0, count: 7), count: 7)
        for c in 1...6 { m[0][c] = 1 }
        for r in 1...4 { m[r][6] = 1 }
        let ops: [NB101Op] = [.input] + Array(repeating: .conv3x3, count: 5) + [.output]
        // 0→1..6 (6 edges), 1..4→6 (4 edges); vertex 5 has no path to output and is pruned → 9 edges.
        #expect(try NB101Cell(matrix: m, ops: ops).validated().edgeCount == 9)
        m[5][6] = 1
        #expect(throws: NB101Invalidity.tooManyEdges(11)) { try NB101Cell(matrix: m, ops: ops).canonicalHash() }
    }

    /// Every filled row of the 20k slice: the graphs there were recovered by hashing with
    /// the official code, so the published hash is an exact oracle (data/README.md).
    @Test func matchesPublishedHashesOfFirst20kSlice() throws {
        let table = try CSVTable.read(SharedFolder.path("data/nb101/nb101_first20k_by_hash.csv.gz", near: #filePath))
        let checked = try checkTable(table)
        #expect(checked == 10_250)
    }

    /// The `hash` column of the NASLib zero-cost file is `hash_module` of the *unpruned*
    /// 7×7 graph (499 of its 500 cells have extraneous vertices, so it is not the benchmark
    /// key). The official hash of those graphs is checked against the 20k slice instead:
    /// the slice holds every NB101 hash up to its largest, so each official hash in that
    /// range must be a row of it (94 of the 500 are).
    @Test func matchesPublishedHashesOfNASLibZeroCost500() throws {
        let zc = try CSVTable.read(SharedFolder.path("data/nb101/nb101_naslib_zc500.csv.gz", near: #filePath))
        let slice = try CSVTable.read(SharedFolder.path("data/nb101/nb101_first20k_by_hash.csv.gz", near: #filePath))
        let sliceHashes = Set(try slice.strings("hash"))
        let largest = try #require(sliceHashes.max())
        let hashes = try zc.strings("hash"), bits = try zc.strings("adjacency_rowmajor"), ops = try zc.strings("ops")
        var unprunedMatches = 0, officialInRange = 0, officialFound = 0, pruned = 0
        for k in hashes.indices {
            let cell = try NB101Cell(adjacency: bits[k], ops: ops[k])
            if cell.unprunedModuleHash() == hashes[k] { unprunedMatches += 1 }
            if cell.pruned() != cell { pruned += 1 }
            let official = try cell.canonicalHash()
            if official <= largest {
                officialInRange += 1
                if sliceHashes.contains(official) { officialFound += 1 }
            }
        }
        #expect(unprunedMatches == 500)
        #expect(pruned == 499)
        #expect(officialInRange == 94)
        #expect(officialFound == officialInRange)
    }

    private func checkTable(_ table: CSVTable) throws -> Int {
        let hashes = try table.strings("hash"), bits = try table.strings("adjacency_rowmajor")
        let ops = try table.strings("ops"), vertices = try table.strings("num_vertices")
        var checked = 0, mismatches = 0
        for k in hashes.indices where !bits[k].isEmpty {
            let cell = try NB101Cell(adjacency: bits[k], ops: ops[k])
            #expect(String(cell.vertexCount) == vertices[k])
            let digest = try cell.canonicalDigest()
            if digest.hex != hashes[k] { mismatches += 1 }
            #expect(MD5Digest(hex: hashes[k]) == digest)
            // Round trip through the data-file form.
            #expect(try NB101Cell(adjacency: cell.adjacencyBits, ops: cell.opsTokens) == cell)
            checked += 1
        }
        #expect(mismatches == 0)
        return checked
    }
}

@Suite struct NB101ParsingTests {
    @Test func parseErrorsAreOneLineAndSpecific() {
        #expect(throws: NB101ParseError.wrongLength(bits: 4, ops: 3)) { try NB101Cell(adjacency: "0110", ops: "in,c3,out") }
        #expect(throws: NB101ParseError.notUpperTriangular(row: 1, column: 0)) { try NB101Cell(adjacency: "0110", ops: "in,out") }
        #expect(throws: NB101ParseError.unknownOp("c5")) { try NB101Cell(adjacency: "010001000", ops: "in,c5,out") }
        #expect(throws: NB101ParseError.badEnds(ops: "c3,in,out")) { try NB101Cell(adjacency: "011001000", ops: "c3,in,out") }
        #expect(throws: NB101ParseError.notBinary("2")) { try NB101Cell(adjacency: "020001000", ops: "in,c3,out") }
        #expect(throws: NB101ParseError.notSquare(rows: 2, columns: 3)) { try NB101Cell(matrix: [[0, 1, 0], [0, 0]], ops: [.input, .output]) }
        #expect(throws: NB101ParseError.vertexCount(8)) {
            try NB101Cell(adjacency: String(repeating: "0", count: 64), ops: "in,c3,c3,c3,c3,c3,c3,out")
        }
        for error in [NB101ParseError.wrongLength(bits: 4, ops: 3), .unknownOp("x"), .notSquare(rows: 1, columns: 2)] {
            #expect(!error.description.contains("\n"))
        }
    }

    /// The masks initialiser builds the same cell as the matrix, with the same checks.
    @Test func successorMasksBuildTheMatrixCell() throws {
        #expect(try NB101Cell(vertexCount: 7, successorMasks: inceptionLike.successorMasks, ops: inceptionLike.ops) == inceptionLike)
        #expect(throws: NB101ParseError.notUpperTriangular(row: 1, column: 0)) {
            try NB101Cell(vertexCount: 2, successorMasks: 0b10 | 1 << 8, ops: [.input, .output])
        }
        #expect(throws: NB101ParseError.notUpperTriangular(row: 0, column: 3)) {
            try NB101Cell(vertexCount: 3, successorMasks: 0b1010, ops: [.input, .conv3x3, .output])
        }
        #expect(throws: NB101ParseError.notUpperTriangular(row: 4, column: 1)) {
            try NB101Cell(vertexCount: 3, successorMasks: 0b10 << 32, ops: [.input, .conv3x3, .output])
        }
        #expect(throws: NB101ParseError.vertexCount(8)) { try NB101Cell(vertexCount: 8, successorMasks: 0, ops: []) }
        #expect(throws: NB101ParseError.wrongLength(bits: 9, ops: 2)) { try NB101Cell(vertexCount: 3, successorMasks: 0, ops: [.input, .output]) }
    }

    @Test func nasbenchLongOpNamesParse() throws {
        let cell = try NB101Cell(adjacency: "010001000", ops: "input,conv1x1-bn-relu,output")
        #expect(cell.ops == [.input, .conv1x1, .output])
        #expect(cell.description == "adjacency=010001000 ops=in,c1,out")
    }

    @Test func pruningRemovesVerticesOffEveryInputOutputPath() throws {
        // 0→1→4, 0→2 (2 is a dead end), 3→4 (3 unreachable from input).
        let cell = try NB101Cell(adjacency: "01100" + "00001" + "00000" + "00001" + "00000", ops: "in,c3,c1,mp3,out")
        let p = try #require(cell.pruned())
        #expect(p.ops == [.input, .conv3x3, .output])
        #expect(p.matrix == [[0, 1, 0], [0, 0, 1], [0, 0, 0]])
        #expect(cell.isValid)
    }

    @Test func paddingKeepsHashAndValidity() throws {
        let cell = try NB101Cell(adjacency: "0110" + "0001" + "0001" + "0000", ops: "in,c3,c1,out")
        let padded = cell.padded()
        #expect(padded.vertexCount == 7)
        #expect(try padded.canonicalHash() == cell.canonicalHash())
        #expect(padded.pruned() == cell)
    }
}
