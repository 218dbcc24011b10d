import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Benchmarks

/// The `nb101-sample` table, built once from the real shared data.
enum NB101SampleTable {
    static let bench: NB101Benchmark = {
        do {
            _ = try TestTables.catalog.build("nb101-sample", from: TestTables.dataFolder)
            return try NB101Benchmark.load(TestTables.catalog.path(of: "nb101-sample"))
        } catch { fatalError("cannot build nb101-sample for tests: \(error)") }
    }()
    static let zc: CSVTable = {
        do { return try CSVTable.read(TestTables.dataFolder + "/" + NB101SampleImporter.zc500File) } catch { fatalError("\(error)") }
    }()
}

@Suite struct NB101SampleTableTests {
    /// Every metric of several 20k rows, loaded back from the .h5, equals the CSV as float32.
    @Test(arguments: [0, 1, 5_000, 10_249, 10_250, 20_000])
    func first20kRowsEqualTheSourceRows(row: Int) throws {
        let bench = NB101SampleTable.bench
        let csv = NB101Fixture.source
        let hash = try csv.strings("hash")[row]
        #expect(bench.row(hashHex: hash) == row, "20k rows keep their file order")
        for (id, column, _, _, _) in NB101SampleImporter.first20kMetrics {
            let text = csv.rows[row][try csv.column(column)]
            let stored = try bench.table.metric(id).values[row]
            if text.isEmpty { #expect(stored.isNaN, "\(id) row \(row)") } else { #expect(stored == Float(text), "\(id) row \(row)") }
        }
        for (id, _, _, _, _) in NB101SampleImporter.zc500Metrics where bench.archs.digests[row] != MD5Digest(hex: hash) {
            #expect(try bench.table.metric(id).values[row].isNaN)
        }
        let adjacency = csv.rows[row][try csv.column("adjacency_rowmajor")]
        #expect(bench.archs.hasGraph(row) == !adjacency.isEmpty)
        if let cell = bench.archs.cell(at: row) {
            #expect(cell.adjacencyBits == adjacency)
            #expect(cell.opsTokens == csv.rows[row][try csv.column("ops")])
        }
    }

    @Test func every10250GraphRowResolvesToItsOwnRow() throws {
        let bench = NB101SampleTable.bench
        let csv = NB101Fixture.source
        let adjacency = try csv.strings("adjacency_rowmajor"), ops = try csv.strings("ops")
        var resolved = 0
        for r in 0..<csv.rowCount where !adjacency[r].isEmpty {
            let cell = try NB101Cell(adjacency: adjacency[r], ops: ops[r])
            #expect(bench.row(of: cell) == r)
            #expect(bench.locate(cell) == .row(r))
            resolved += 1
        }
        #expect(resolved == 10_250)
    }

    /// NASLib's zc500 `hash` is hash_module of the unpruned graph; rows are keyed by the
    /// canonical (pruned) hash, and the published value is kept as naslib_hash_unpruned.
    @Test func zc500RowsAreKeyedByTheCanonicalHash() throws {
        let bench = NB101SampleTable.bench
        let zc = NB101SampleTable.zc
        guard case .strings(let unpruned)? = bench.table.archs["naslib_hash_unpruned"]?.values,
              case .uint8(let source)? = bench.table.archs["source"]?.values else {
            Issue.record("missing /archs/naslib_hash_unpruned or /archs/source"); return
        }
        let hashes = try zc.strings("hash"), adjacency = try zc.strings("adjacency_rowmajor"), ops = try zc.strings("ops")
        let synflow = try zc.doubles("synflow"), valid = try zc.doubles("val_accuracy")
        var firstOf: [Int: Int] = [:]
        var prunedDiffers = 0
        for r in 0..<zc.rowCount {
            let cell = try NB101Cell(adjacency: adjacency[r], ops: ops[r])
            let key = try cell.canonicalHash()
            if key != hashes[r] { prunedDiffers += 1 }
            #expect(bench.row(hashHex: key) != nil)
            if bench.row(hashHex: hashes[r]) != nil { #expect(key == hashes[r], "a published unpruned hash never keys a row unless it is the canonical one") }
            let row = try #require(bench.row(of: cell))
            #expect(source[row] == 1 || source[row] == 2)
            if firstOf[row] == nil {
                firstOf[row] = r
                // The first zc500 line of a key supplies the row's zero-cost values.
                #expect(unpruned[row] == hashes[r])
                #expect(try bench.table.metric("synflow").values[row] == Float(synflow[r]))
                #expect(try bench.table.metric("val_accuracy_naslib").values[row] == Float(valid[r]))
            }
        }
        #expect(prunedDiffers > 0, "some zc500 cells have extraneous vertices")
        let merged = source.filter { $0 == 2 }.count
        #expect(bench.table.rows == 20_001 + firstOf.count - merged)
        #expect(bench.table.provenance["zc500_merged_into_first20k_rows"]?.intValue == Int64(merged))
        #expect(bench.table.provenance["zc500_duplicates_dropped"]?.intValue == Int64(500 - firstOf.count))
        // A merged row has both the 20k metrics and the zero-cost ones.
        for row in source.indices where source[row] == 2 {
            #expect(try !bench.table.metric("val_acc_108ep").values[row].isNaN)
            #expect(try !bench.table.metric("synflow").values[row].isNaN)
            #expect(row < 20_001)
        }
    }

    @Test func evaluatorAnswersTableValuesWithTrainingTimeAsCost() throws {
        let bench = NB101SampleTable.bench
        #expect(bench.costMetric == "train_time_s_108ep")
        let evaluator = try bench.evaluator(objectives: [Objective(metric: "val_acc_108ep", direction: .max)],
                                            reported: ["trainable_params"], cost: bench.costMetric)
        let cell = try NB101Cell(adjacency: "0100110001000000010010000010000001000000010000000", ops: "in,c3,mp3,c3,c3,c1,out")
        let e = try #require(evaluator.evaluate(cell))
        #expect(e.row == 0 && e.isExact)
        #expect(e.objectives == [Double(Float(0.9304887652397156))])
        #expect(e.cost == Double(Float(1768.9759521484375)))
        #expect(e.reported == [8_555_530])
        // Invalid cells and valid cells outside the sample are rejected (nil).
        #expect(evaluator.evaluate(try NB101Cell(adjacency: "000001000", ops: "in,c3,out")) == nil)
        #expect(bench.locate(try NB101Cell(adjacency: "0100", ops: "in,out")) == nil || bench.row(hashHex: "043721b9c7fe8c5fad811d47d83132ec") != nil)
        #expect(throws: BenchmarkError.self) { try bench.validate(NB101QueryRules()) }
    }
}

/// Query-rate measurement (prune + canonical hash + lookup), printed, never asserted
/// (DESIGN.md: no test asserts a wall-clock time). Run with `NB101_PERF=1` in a release build.
@Suite struct NB101QueryRate {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NB101_PERF"] != nil))
    func cellQueriesPerSecond() throws {
        let bench = NB101SampleTable.bench
        let cells = (0..<10_250).compactMap { bench.archs.cell(at: $0) }
        let evaluator = try bench.evaluator(objectives: [Objective(metric: "val_acc_108ep", direction: .max)],
                                            reported: [], cost: bench.costMetric)
        var checksum = 0.0
        let rounds = 20
        let start = ContinuousClock.now
        for _ in 0..<rounds { for c in cells { checksum += evaluator.evaluate(c)?.objectives[0] ?? 0 } }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rate = Double(rounds * cells.count) / seconds
        print("NB101 cell queries (prune + hash + lookup + Evaluation): \(Int(rate)) /s on one core (checksum \(checksum))")
        var found = 0
        let start2 = ContinuousClock.now
        for _ in 0..<rounds { for c in cells where bench.row(of: c) != nil { found += 1 } }
        let e2 = ContinuousClock.now - start2
        let s2 = Double(e2.components.seconds) + Double(e2.components.attoseconds) * 1e-18
        print("NB101 row(of:) lookups: \(Int(Double(rounds * cells.count) / s2)) /s on one core (\(found))")
        var x: UInt64 = 0
        let start3 = ContinuousClock.now
        for _ in 0..<rounds { for c in cells { x &+= (try? c.canonicalDigest())?.low ?? 0 } }
        let e3 = ContinuousClock.now - start3
        let s3 = Double(e3.components.seconds) + Double(e3.components.attoseconds) * 1e-18
        print("NB101 canonicalDigest alone: \(Int(Double(rounds * cells.count) / s3)) /s on one core (\(x))")
    }
}

/// `row(of:)` answers from the canonical-form index for the table's graphs and from the
/// hash for everything else; both must give nasbench's answer.
@Suite struct NB101FormIndexTests {
    /// Every graph row is found from every renumbering of its graph, with no MD5 at all;
    /// on every 40th row the hash path is checked to agree.
    @Test func everyRenumberingOfEveryGraphRowFindsItsRow() throws {
        let bench = NB101SampleTable.bench
        var rows = 0, queries = 0
        for r in 0..<bench.archs.rows {
            guard let cell = bench.archs.cell(at: r) else { continue }
            for variant in try cell.isomorphicVariants() {
                #expect(bench.row(of: variant) == r)
                if r % 40 == 0 { #expect(bench.row(hashing: variant) == r) }
                queries += 1
            }
            rows += 1
        }
        #expect(rows >= 10_250 && queries > rows)
    }

    /// Random cells, nearly all absent from a sample table: the two paths agree on every one,
    /// and some are present.
    @Test func randomCellsGetTheHashPathsAnswer() {
        let bench = NB101SampleTable.bench
        var rng = Xoshiro256StarStar(seed: 43)
        var found = 0
        for _ in 0..<20_000 {
            let cell = NB101Sampling.nasbench.sample(using: &rng)
            let row = bench.row(of: cell)
            #expect(row == bench.row(hashing: cell))
            if row != nil { found += 1 }
        }
        #expect(found > 0)
    }

    /// Each form is hashed once, absent answers included, until the memo is full.
    @Test func missMemoHashesEachFormOnce() throws {
        let memo = NB101HashMemo(capacity: 2)
        let forms = try ["010001000", "011001000"].map { try NB101Cell(adjacency: $0, ops: "in,c3,out").canonicalForm() }
            + [try NB101Cell(adjacency: "0100", ops: "in,out").canonicalForm()]
        var computed = 0
        #expect(memo.row(for: forms[0]) { computed += 1; return 7 } == 7)
        #expect(memo.row(for: forms[0]) { computed += 1; return 8 } == 7)
        #expect(memo.row(for: forms[1]) { computed += 1; return nil } == nil)
        #expect(memo.row(for: forms[1]) { computed += 1; return 9 } == nil)
        #expect(computed == 2)
        // Full: a third form is answered but not kept.
        #expect(memo.row(for: forms[2]) { computed += 1; return 3 } == 3)
        #expect(memo.row(for: forms[2]) { computed += 1; return 4 } == 4)
        #expect(computed == 4)
    }
}
