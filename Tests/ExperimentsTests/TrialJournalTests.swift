import Foundation
import NASCore
import Testing
@testable import Experiments

/// Segments (`TrialJournal`): records appended by one process are found by any other, a
/// segment cut at any byte yields exactly its whole records, and no bytes make the scan
/// crash, loop or allocate by what they claim.
@Suite struct TrialJournalTests {
    static func result(trial: Int) -> TrialResult {
        var r = TrialFileTests.result
        r.trial = trial
        r.rows = [Int32(trial), -1]
        return r
    }

    static func record(trial: Int) -> [UInt8] {
        TrialRecord.encode(result(trial: trial), trialHash: "abc", objectiveCount: 2, reportedCount: 1)
    }

    /// A folder with one segment of `trials` records of "ga", in the order given.
    static func folder(trials: [Int]) throws -> (folder: String, segment: String) {
        let folder = ExperimentFixtures.temporaryFolder()
        let writer = TrialJournal(folder: folder)
        for t in trials { try writer.append(record(trial: t), label: "ga", trial: t) }
        writer.finish()
        let dir = folder + "/trials/ga"
        let names = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(TrialJournal.segmentExtension) }
        try #require(names.count == 1)
        return (folder, dir + "/" + names[0])
    }

    @Test func anotherProcessFindsEveryRecordAndReadsItBack() throws {
        let (folder, segment) = try Self.folder(trials: [3, 0, 2])
        let reader = TrialJournal(folder: folder)
        let records = reader.records(label: "ga")
        #expect(Set(records.keys) == [0, 2, 3])
        let size = Self.record(trial: 0).count
        #expect(records[0] == [TrialJournal.Location(path: segment, offset: size, size: size)])
        for t in [0, 2, 3] {
            let bytes = try TrialJournal.bytes(at: try #require(records[t]?.first))
            #expect(try TrialRecord.decode(bytes, for: TrialFileTests.slot(trial: t)) == Self.result(trial: t))
        }
        #expect(reader.damage().isEmpty)
    }

    @Test("a segment cut at any byte yields exactly the records before the cut, and no damage")
    func aSegmentCutAnywhereYieldsItsWholeRecords() throws {
        let (folder, segment) = try Self.folder(trials: [0, 1])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: segment))
        let size = Self.record(trial: 0).count
        for cut in stride(from: 0, through: bytes.count, by: 7) {
            try bytes.prefix(cut).write(to: URL(fileURLWithPath: segment))
            let reader = TrialJournal(folder: folder)
            #expect(reader.records(label: "ga").count == cut / size, "cut at \(cut)")
            #expect(reader.damage().isEmpty, "cut at \(cut)")
        }
    }

    @Test("bytes that are not a record end the segment's reading with one line; the records before stay")
    func garbageIsReportedOnceAndEndsTheScan() throws {
        let (folder, segment) = try Self.folder(trials: [0, 1, 2])
        let size = Self.record(trial: 0).count
        var bytes = try Array(Data(contentsOf: URL(fileURLWithPath: segment)))
        bytes[size] ^= 0xFF                                   // the second record's magic
        try Data(bytes).write(to: URL(fileURLWithPath: segment))
        let reader = TrialJournal(folder: folder)
        #expect(Set(reader.records(label: "ga").keys) == [0])
        #expect(reader.damage() == ["\(segment) holds bytes that are not a trial record at byte \(size); the records after them are not read, and trials found nowhere else are run again"])
        #expect(reader.damage().isEmpty, "reported once")
    }

    @Test("a header claiming huge counts is refused from the header alone")
    func hugeCountsAreRefusedBeforeAnyAllocation() {
        var header = Self.record(trial: 0)
        let fields = TrialFileTests.headerOffset()
        for (k, value) in [(4, UInt64.max), (5, UInt64(1) << 40)] {
            var h = header
            withUnsafeBytes(of: value.littleEndian) { h.replaceSubrange((fields + 8 * k)..<(fields + 8 * k + 8), with: $0) }
            #expect(h.withUnsafeBytes { TrialRecord.frame($0) } == .invalid)
        }
        header.removeLast(header.count - 10)
        #expect(header.withUnsafeBytes { TrialRecord.frame($0) } == .incomplete)
    }

    @Test("10,000 random mutations of a segment: the scan never crashes and every record it yields is whole")
    func mutatedSegmentsNeverBreakTheScan() throws {
        let (folder, segment) = try Self.folder(trials: [0, 1, 2])
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: segment)))
        var rng = Xoshiro256StarStar(seed: 19)
        for _ in 0..<10_000 {
            var bytes = original
            switch rng.nextInt(below: 3) {
            case 0: for _ in 0..<(1 + rng.nextInt(below: 8)) { bytes[rng.nextInt(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
            case 1: bytes.removeLast(rng.nextInt(below: bytes.count))
            default: bytes.insert(contentsOf: (0..<(1 + rng.nextInt(below: 64))).map { _ in UInt8(truncatingIfNeeded: rng.next()) },
                                  at: rng.nextInt(below: bytes.count))
            }
            try Data(bytes).write(to: URL(fileURLWithPath: segment))
            let reader = TrialJournal(folder: folder)
            for (trial, locations) in reader.records(label: "ga") {
                for location in locations {
                    #expect(location.offset + location.size <= bytes.count, "trial \(trial)")
                }
            }
        }
    }
}
