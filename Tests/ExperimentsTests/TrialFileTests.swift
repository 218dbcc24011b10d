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

    /// Writes `result` (default: `Self.result`) and returns the path.
    static func written(_ result: TrialResult = result, hash: String = "abc") throws -> String {
        let path = ExperimentFixtures.temporaryFolder() + "/trial-\(String(format: "%06d", result.trial)).h5"
        try TrialFile.write(result, trialHash: hash, objectiveCount: 2, reportedCount: 1, to: path)
        return path
    }

    func rejection(_ path: String, _ slot: TrialFile.Slot = TrialFileTests.slot()) -> String? {
        do { _ = try TrialFile.read(path, for: slot); return nil } catch let rejected as TrialFile.Rejected {
            return rejected.reason
        } catch { return "unexpected \(error)" }
    }

    @Test func aTrialIsReadBackAsWritten() throws {
        #expect(try TrialFile.read(try Self.written(), for: Self.slot()) == Self.result)
    }

    @Test("every UInt64 seed survives a trial file exactly, 2^63 and above included",
          arguments: [0, 1, UInt64(Int64.max), UInt64(Int64.max) - 1, 1 << 63, (1 << 63) + 1, .max, 0xE7CC_2C4A_5E4E_D8BB])
    func seedsRoundTripExactly(seed: UInt64) throws {
        var result = Self.result
        result.seed = seed
        #expect(try TrialFile.read(try Self.written(result), for: Self.slot()).seed == seed)
    }

    @Test func aTrialOfAnotherSpecIsRefused() throws {
        let path = try Self.written()
        #expect(throws: TrialFile.OtherSpec.self) { try TrialFile.read(path, for: Self.slot(hash: "def")) }
    }

    @Test func aTrialFileCopiedOverAnotherTrialIsRejected() throws {
        var other = Self.result
        other.trial = 5
        let path = try Self.written(other)
        #expect(rejection(path)?.contains("holds trial 5 of 'ga', not trial 4 of 'ga'") == true)
        #expect(rejection(path, Self.slot(algorithm: "aging", trial: 5))?.contains("not trial 5 of 'aging'") == true)
    }

    @Test func anEditedValueFailsTheContentChecksum() throws {
        let path = try Self.written()
        var root = try HDF5File.read(path)
        root.set("log/objectives", H5Dataset(.float64([0.5, 2, 0.99, 3]), shape: [2, 2]))
        try HDF5File.write(root, to: path)
        #expect(rejection(path)?.contains("does not match its content checksum") == true)
    }

    @Test func anEditedAttributeFailsTheContentChecksum() throws {
        for (key, value) in [("trial", H5Attribute.int(4)), ("stalled", .int(0)), ("seed", .string("12")), ("unanswered", .int(0))] {
            var result = Self.result
            result.trial = key == "trial" ? 3 : 4
            let path = try Self.written(result)
            var root = try HDF5File.read(path)
            root.attributes[key] = value
            try HDF5File.write(root, to: path)
            #expect(rejection(path)?.contains("does not match its content checksum") == true, "\(key)")
        }
    }

    @Test func aTruncatedTrialFileIsRejected() throws {
        let path = try Self.written()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        for keep in [0, 100, bytes.count / 2, bytes.count - 1] {
            try bytes.prefix(keep).write(to: URL(fileURLWithPath: path))
            #expect(rejection(path)?.contains("cannot be read") == true, "\(keep) of \(bytes.count) bytes")
        }
    }

    @Test func aTrialFileWithoutAChecksumIsRejectedAndAnotherSpecsIsStillRefused() throws {
        let path = try Self.written()
        var root = try HDF5File.read(path)
        root.attributes["content_sha256"] = nil
        try HDF5File.write(root, to: path)
        #expect(rejection(path)?.contains("has no content checksum") == true)
        #expect(throws: TrialFile.OtherSpec.self) { try TrialFile.read(path, for: Self.slot(hash: "def")) }
    }

    @Test func aTrialOfOtherWidthsIsRejected() throws {
        let path = try Self.written()
        let slot = TrialFile.Slot(trialHash: "abc", algorithm: "ga", trial: 4, objectiveCount: 1, reportedCount: 1)
        #expect(rejection(path, slot)?.contains("not the spec's 1 and 1") == true)
    }
}
