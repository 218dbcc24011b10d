import Foundation
import HDF5Kit
import Testing
@testable import Experiments

/// A trial file is read back as the trial that was written, and only as the trial its slot
/// names: one from another version of the spec is refused rather than mixed in, and one
/// that was copied over another, edited, truncated or written before checksums is rejected
/// (the runner then recomputes it).
@Suite struct TrialFileTests {
    static let result = TrialResult(
        algorithm: "ga", trial: 4, seed: .max - 1, rows: [3, -1], objectives: [0.5, 2, 0.75, 3], reported: [0.4, 0.6],
        cost: [1, 2], cumulativeCost: [1, 3], exact: [1, 0], bestSignal: [0.5, 0.75], incumbentReported: [0.4, 0.6],
        hypervolume: [0.1, 0.2], normalizedHypervolume: [0.3, 0.6], frontRows: [3], stalled: true, unanswered: 2)

    static func slot(algorithm: String = "ga", trial: Int = 4, hash: String = "abc") -> TrialFile.Slot {
        TrialFile.Slot(trialHash: hash, algorithm: algorithm, trial: trial, objectiveCount: 2, reportedCount: 1)
    }

    /// Writes `result` (default: `Self.result`) as a record, or in the HDF5 format of older
    /// folders, and returns the path.
    static func written(_ result: TrialResult = result, hash: String = "abc", legacy: Bool = false) throws -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/trial-\(String(format: "%06d", result.trial)).\(legacy ? "h5" : "rec")"
        if legacy {
            try TrialFile.writeHDF5(result, trialHash: hash, objectiveCount: 2, reportedCount: 1, to: path)
        } else {
            try TrialFile.write(result, trialHash: hash, objectiveCount: 2, reportedCount: 1, to: path)
        }
        return path
    }

    /// Where a record's header fields start (after the magic, the trial hash and the
    /// algorithm), and where its arrays start: `TrialRecord`'s layout.
    static func headerOffset(hash: String = "abc", algorithm: String = "ga") -> Int { 8 + 4 + hash.utf8.count + 4 + algorithm.utf8.count }
    static var arraysOffset: Int { headerOffset() + 11 * 8 }

    /// The header field at `index` (0: trial … 9: omitted, 10: table digest) of `bytes`.
    static func field(_ index: Int, of bytes: [UInt8]) -> UInt64 {
        let start = headerOffset() + 8 * index
        return bytes[start..<(start + 8)].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }

    /// Overwrites `bytes` at `offset` in the file at `path`.
    static func patch(_ path: String, at offset: Int, _ bytes: [UInt8]) throws {
        var data = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        data.replaceSubrange(offset..<(offset + bytes.count), with: bytes)
        try Data(data).write(to: URL(fileURLWithPath: path))
    }

    func rejection(_ path: String, _ slot: TrialFile.Slot = TrialFileTests.slot()) -> String? {
        do { _ = try TrialFile.read(path, for: slot); return nil } catch let rejected as TrialFile.Rejected {
            return rejected.reason
        } catch { return "unexpected \(error)" }
    }

    @Test func aTrialIsReadBackAsWritten() throws {
        #expect(try TrialFile.read(try Self.written(), for: Self.slot()) == Self.result)
        #expect(try TrialFile.read(try Self.written(legacy: true), for: Self.slot()) == Self.result)
    }

    /// `result` with arrays no other array gives: costs whose running total is not the
    /// stored one, a best signal that is not a running best.
    static var irregular: TrialResult {
        var result = Self.result
        result.cumulativeCost = [1, 4]
        result.bestSignal = [0.5, 0.6]
        return result
    }

    @Test func aRecordIsItsFixedLayout() throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: try Self.written(Self.irregular))))
        #expect(bytes.prefix(8) == Array("NRTRIAL3".utf8)[...])
        #expect(Self.field(9, of: bytes) == 0, "nothing left out")
        #expect(Self.field(10, of: bytes) == 0, "no table named")
        // The header, then rows (2 × i32); the doubles: objectives 4, reported, cost,
        // cumulative cost, best signal, incumbent, hv and normalised hv 2 each; exact
        // (2 bytes); front (1 × i32); the digest.
        #expect(bytes.count == Self.arraysOffset + 2 * 4 + 8 * (4 + 7 * 2) + 2 + 4 + 8)
        let digest = bytes.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(digest == bytes.dropLast(8).withUnsafeBytes { XXH64.hash($0) })
        #expect(try TrialFile.read(try Self.written(Self.irregular), for: Self.slot()) == Self.irregular)
    }

    @Test("a record leaves out the arrays its other arrays give, and they read back bit for bit")
    func derivableArraysAreLeftOut() throws {
        // `result`: the cumulative cost is the running total, the best signal the running
        // maximum of the first objective, the incumbent's reported value that of its row.
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: try Self.written())))
        #expect(Self.field(9, of: bytes) == TrialRecord.Omitted([.cumulativeCost, .bestSignalIsMaximum, .incumbentReported]).rawValue)
        #expect(bytes.count == Self.arraysOffset + 2 * 4 + 8 * (4 + 4 * 2) + 2 + 4 + 8)
        #expect(try TrialFile.read(try Self.written(), for: Self.slot()) == Self.result)

        // Costs of +0.0 are left out too; −0.0, a running minimum, a NaN and ties read back
        // as they were.
        var result = Self.result
        result.cost = [0, 0]; result.cumulativeCost = [0, 0]
        result.objectives = [0.5, 2, 0.25, 3]; result.bestSignal = [0.5, 0.25]
        #expect(TrialRecord.Omitted(of: result, objectiveCount: 2, reportedCount: 1) == [.cost, .cumulativeCost, .bestSignalIsMinimum, .incumbentReported])
        for variant in [result, { var r = result; r.cost = [-0.0, 0]; r.cumulativeCost = [0, 0]; return r }(),
                        { var r = result; r.objectives = [.nan, 2, 1, 3]; r.bestSignal = [.nan, .nan]; return r }(),
                        { var r = result; r.objectives = [0.5, 2, 0.5, 3]; r.bestSignal = [0.5, 0.5]; r.incumbentReported = [0.4, 0.6]; return r }()] {
            let back = try TrialFile.read(try Self.written(variant), for: Self.slot())
            #expect(back.cost.map(\.bitPattern) == variant.cost.map(\.bitPattern))
            #expect(back.cumulativeCost.map(\.bitPattern) == variant.cumulativeCost.map(\.bitPattern))
            #expect(back.bestSignal.map(\.bitPattern) == variant.bestSignal.map(\.bitPattern))
            #expect(back.incumbentReported == variant.incumbentReported)
        }
    }

    /// `result` as a record of an older layout, built by hand: `magic`, the trial hash "abc"
    /// and algorithm "ga", the header `fields`, the rows, the `logged` doubles, exact, the
    /// `curves` doubles, the front rows and the digest.
    static func handBuilt(_ magic: String, fields: [UInt64], logged: [Double], curves: [Double]) -> [UInt8] {
        let r = Self.result
        var bytes = Array(magic.utf8)
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { bytes += $0 } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        for text in ["abc", "ga"] { u32(text.utf8.count); bytes += text.utf8 }
        for field in fields { u64(field) }
        for row in r.rows { withUnsafeBytes(of: row.littleEndian) { bytes += $0 } }
        for v in logged { u64(v.bitPattern) }
        bytes += r.exact
        for v in curves { u64(v.bitPattern) }
        for row in r.frontRows { withUnsafeBytes(of: row.littleEndian) { bytes += $0 } }
        u64(bytes.withUnsafeBytes { XXH64.hash($0) })
        return bytes
    }

    @Test("a record written before arrays could be left out (NRTRIAL1) is read as before")
    func firstVersionRecordsAreRead() throws {
        // NRTRIAL1: the nine header fields, then every array.
        let r = Self.result
        let bytes = Self.handBuilt("NRTRIAL1", fields: [UInt64(r.trial), r.seed, 1, UInt64(r.unanswered), 2, 2, 1, 2, 1],
                                   logged: r.objectives + r.reported + r.cost + r.cumulativeCost,
                                   curves: r.bestSignal + r.incumbentReported + r.hypervolume + r.normalizedHypervolume)
        #expect(try TrialRecord.decode(bytes, for: Self.slot()) == r)
        #expect(bytes.withUnsafeBytes { TrialRecord.frame($0) } == .record(trial: 4, size: bytes.count))
    }

    @Test("a record written before values could be left to the table (NRTRIAL2) is read as before")
    func secondVersionRecordsAreRead() throws {
        // NRTRIAL2: ten header fields (no table digest), the arrays `omitted` keeps.
        let r = Self.result
        let omitted = TrialRecord.Omitted([.cumulativeCost, .bestSignalIsMaximum, .incumbentReported])
        let bytes = Self.handBuilt("NRTRIAL2", fields: [UInt64(r.trial), r.seed, 1, UInt64(r.unanswered), 2, 2, 1, 2, 1, omitted.rawValue],
                                   logged: r.objectives + r.reported + r.cost, curves: r.hypervolume + r.normalizedHypervolume)
        #expect(try TrialRecord.decode(bytes, for: Self.slot()) == r)
        #expect(bytes.withUnsafeBytes { TrialRecord.frame($0) } == .record(trial: 4, size: bytes.count))
    }

    /// A table of five rows whose row 3 holds `result`'s first evaluation.
    static let table = TrialRecord.TableColumns(
        contentDigest: "9f2c51d0e4a7b3680123456789abcdef", objectives: [[0, 0.125, 0.25, 0.5, 1], [0, 1, 3, 2, 4]],
        reported: [[0, 0.2, 0.3, 0.4, 0.5]])!

    /// `result` answered by `table`'s rows 3 and 1 (values widened from Float, as a table answers).
    static var fromTable: TrialResult {
        var result = Self.result
        result.rows = [3, 1]
        result.objectives = [0.5, 2, 0.125, 1]
        result.reported = [Double(Float(0.4)), Double(Float(0.2))]
        result.bestSignal = [0.5, 0.5]
        result.incumbentReported = [Double(Float(0.4)), Double(Float(0.4))]
        return result
    }

    @Test("a record leaves its table rows' values to the table it names, and reads them back bit for bit")
    func tableValuesAreLeftToTheTable() throws {
        let slot = { var s = Self.slot(); s.table = Self.table; return s }()
        let path = ExperimentFixtures.temporaryFolder() + "/trial-000004.rec"
        try AtomicFile.write(TrialRecord.encode(Self.fromTable, trialHash: "abc", objectiveCount: 2, reportedCount: 1, table: Self.table), to: path)
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        let omitted = TrialRecord.Omitted(rawValue: Self.field(9, of: bytes))
        #expect(omitted.isSuperset(of: [.objectivesFromTable, .reportedFromTable]))
        #expect(Self.field(10, of: bytes) == 0x9f2c_51d0_e4a7_b368)
        // The header, rows, cost, exact, hv and normalised hv, the front, the digest: no
        // objectives, reported values, cumulative cost, best signal or incumbent.
        #expect(bytes.count == Self.arraysOffset + 2 * 4 + 8 * (2 + 2 * 2) + 2 + 4 + 8)
        #expect(try TrialFile.read(path, for: slot) == Self.fromTable)

        // Another build of the table, or none, is refused: the trial is computed again.
        var rebuilt = slot
        rebuilt.table = TrialRecord.TableColumns(contentDigest: "0000000000000001", objectives: Self.table.objectives,
                                                 reported: Self.table.reported)
        #expect(rejection(path, rebuilt) == "leaves its values to another build of the benchmark table")
        #expect(rejection(path, Self.slot()) == "leaves its values to another build of the benchmark table")

        // Values that are not the row's, to the last bit, or a row the table lacks, are written.
        var nudged = Self.fromTable
        nudged.reported[1] = Double(Float(0.2)).nextUp
        #expect(TrialRecord.Omitted(of: nudged, objectiveCount: 2, reportedCount: 1, table: Self.table)
            .intersection(.fromTable) == .objectivesFromTable)
        var surrogate = Self.fromTable
        surrogate.rows[1] = -1
        #expect(TrialRecord.Omitted(of: surrogate, objectiveCount: 2, reportedCount: 1, table: Self.table).isDisjoint(with: .fromTable))
        for variant in [nudged, surrogate] {
            try AtomicFile.write(TrialRecord.encode(variant, trialHash: "abc", objectiveCount: 2, reportedCount: 1, table: Self.table), to: path)
            #expect(try TrialFile.read(path, for: slot) == variant)
        }
    }

    @Test("every UInt64 seed survives a trial file exactly, 2^63 and above included",
          arguments: [0, 1, UInt64(Int64.max), UInt64(Int64.max) - 1, 1 << 63, (1 << 63) + 1, .max, 0xE7CC_2C4A_5E4E_D8BB])
    func seedsRoundTripExactly(seed: UInt64) throws {
        var result = Self.result
        result.seed = seed
        #expect(try TrialFile.read(try Self.written(result), for: Self.slot()).seed == seed)
    }

    @Test func aTrialOfAnotherSpecIsRefused() throws {
        for legacy in [false, true] {
            let path = try Self.written(legacy: legacy)
            #expect(throws: TrialFile.OtherSpec.self) { try TrialFile.read(path, for: Self.slot(hash: "def")) }
        }
    }

    @Test func aTrialFileCopiedOverAnotherTrialIsRejected() throws {
        var other = Self.result
        other.trial = 5
        for legacy in [false, true] {
            let path = try Self.written(other, legacy: legacy)
            #expect(rejection(path)?.contains("holds trial 5 of 'ga', not trial 4 of 'ga'") == true)
            #expect(rejection(path, Self.slot(algorithm: "aging", trial: 5))?.contains("not trial 5 of 'aging'") == true)
        }
    }

    @Test func anEditedValueFailsTheContentChecksum() throws {
        // The third objective value, 0.75, becomes 0.99: rows are 8 bytes, values 8 each.
        let path = try Self.written()
        try Self.patch(path, at: Self.arraysOffset + 8 + 2 * 8, withUnsafeBytes(of: (0.99).bitPattern.littleEndian, Array.init))
        #expect(rejection(path)?.contains("does not match its content checksum") == true)

        let legacy = try Self.written(legacy: true)
        var root = try HDF5File.read(legacy)
        root.set("log/objectives", H5Dataset(.float64([0.5, 2, 0.99, 3]), shape: [2, 2]))
        try HDF5File.write(root, to: legacy)
        #expect(rejection(legacy)?.contains("does not match its content checksum") == true)
    }

    @Test("an edited header field fails the content checksum", arguments: [(0, "trial"), (1, "seed"), (2, "stalled"), (3, "unanswered")])
    func anEditedHeaderFieldFailsTheContentChecksum(field: Int, name: String) throws {
        var result = Self.result
        result.trial = field == 0 ? 3 : 4
        let path = try Self.written(result)
        try Self.patch(path, at: Self.headerOffset() + 8 * field, withUnsafeBytes(of: UInt64(field == 0 ? 4 : 0).littleEndian, Array.init))
        #expect(rejection(path)?.contains("does not match its content checksum") == true, "\(name)")
    }

    @Test func anEditedLegacyAttributeFailsTheContentChecksum() throws {
        for (key, value) in [("trial", H5Attribute.int(4)), ("stalled", .int(0)), ("seed", .string("12")), ("unanswered", .int(0))] {
            var result = Self.result
            result.trial = key == "trial" ? 3 : 4
            let path = try Self.written(result, legacy: true)
            var root = try HDF5File.read(path)
            root.attributes[key] = value
            try HDF5File.write(root, to: path)
            #expect(rejection(path)?.contains("does not match its content checksum") == true, "\(key)")
        }
    }

    @Test func aTruncatedOrExtendedTrialFileIsRejected() throws {
        for legacy in [false, true] {
            let path = try Self.written(legacy: legacy)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            for keep in [0, 7, 30, 100, bytes.count / 2, bytes.count - 1] {
                try bytes.prefix(keep).write(to: URL(fileURLWithPath: path))
                #expect(rejection(path)?.contains("cannot be read") == true, "\(keep) of \(bytes.count) bytes")
            }
            guard !legacy else { continue }
            try (bytes + Data([0])).write(to: URL(fileURLWithPath: path))
            #expect(rejection(path)?.contains("cannot be read") == true, "one byte more")
        }
    }

    @Test func aRecordWhoseCountsClaimMoreThanItsSizeIsRejectedBeforeAllocating() throws {
        // Evaluations 2^62: far beyond the file; refused from the header alone.
        let path = try Self.written()
        try Self.patch(path, at: Self.headerOffset() + 4 * 8, withUnsafeBytes(of: (UInt64(1) << 62).littleEndian, Array.init))
        #expect(rejection(path)?.contains("cannot be read") == true)
        try Self.patch(path, at: Self.headerOffset() + 4 * 8, withUnsafeBytes(of: UInt64(2).littleEndian, Array.init))
        try Self.patch(path, at: Self.headerOffset() + 5 * 8, withUnsafeBytes(of: UInt64.max.littleEndian, Array.init))
        #expect(rejection(path)?.contains("cannot be read") == true)
    }

    @Test func aTrialFileWithoutAChecksumIsRejectedAndAnotherSpecsIsStillRefused() throws {
        let path = try Self.written(legacy: true)
        var root = try HDF5File.read(path)
        root.attributes["content_sha256"] = nil
        try HDF5File.write(root, to: path)
        #expect(rejection(path)?.contains("has no content checksum") == true)
        #expect(throws: TrialFile.OtherSpec.self) { try TrialFile.read(path, for: Self.slot(hash: "def")) }
    }

    @Test func aTrialOfOtherWidthsIsRejected() throws {
        let slot = TrialFile.Slot(trialHash: "abc", algorithm: "ga", trial: 4, objectiveCount: 1, reportedCount: 1)
        for legacy in [false, true] {
            #expect(rejection(try Self.written(legacy: legacy), slot)?.contains("not the spec's 1 and 1") == true)
        }
    }
}
