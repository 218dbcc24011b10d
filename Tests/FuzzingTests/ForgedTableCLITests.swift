import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Fuzzing

/// Tables forged to pass their checksum (fuzz target `table-resealed`, seed 1), given to
/// the CLI as a user would: the CLI parses each table in a child process, so libhdf5's
/// crash on input 927 is a one-line error, exit 2, and a folder of such tables is listed
/// without a crash. Before, `query` died with SIGSEGV inside libhdf5.
@Suite(.serialized) struct ForgedTableCLITests {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let executable = projectRoot.appendingPathComponent(".build/debug/nasreplay").path

    func nasreplay(_ arguments: [String]) throws -> (status: Int32, reason: Process.TerminationReason, stderr: String) {
        try #require(FileManager.default.isExecutableFile(atPath: Self.executable), "build the CLI first (swift build)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.executable)
        p.arguments = arguments
        let err = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        try p.run()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, p.terminationReason, String(decoding: e, as: UTF8.self))
    }

    /// The forged tables of `indices`, written into a fresh datasets folder as forged-<i>.h5.
    func forgedFolder(_ indices: [Int], scratch: FuzzScratch) throws -> String {
        let seeds = try FuzzSeeds(projectRoot: Self.projectRoot.path, sharedData: SharedFolder.path("data", near: #filePath))
        let campaign = MutationCampaign(target: .tableResealed, seeds: try seeds.inputs(for: .tableResealed, scratch: scratch), seed: 1, inputs: 1)
        let folder = (scratch.folder as NSString).appendingPathComponent("datasets")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in indices {
            let image = HDF5File.restampedImage(campaign.input(i))
            try Data(image).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("forged-\(i).h5")))
        }
        return folder
    }

    @Test func aTableThatCrashesLibhdf5IsAOneLineErrorWithExitTwo() throws {
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        let folder = try forgedFolder([927], scratch: scratch)
        let r = try nasreplay(["query", "--datasets", folder, "forged-927", "0"])
        #expect(r.reason == .exit && r.status == 2, "status \(r.status) (\(r.reason)): \(r.stderr.prefix(400))")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("forged-927.h5: libhdf5 crashed parsing it (signal 11, in a separate process)"))
    }

    /// 164 leaves libhdf5's free lists corrupt in the process that parses it, and the next
    /// read crashed; each table now dies (or not) in its own process.
    @Test func listingForgedTablesNeverCrashes() throws {
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        let folder = try forgedFolder([164, 167, 927, 1909], scratch: scratch)
        let r = try nasreplay(["datasets", "list", "--datasets", folder])
        #expect(r.reason == .exit, "killed by signal \(r.status): \(r.stderr.prefix(400))")
        #expect(!r.stderr.contains("Backtracing"))
    }
}
