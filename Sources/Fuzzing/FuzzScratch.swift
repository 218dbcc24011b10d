import Foundation

/// A private folder for the readers that take a path: each input is written to one file in
/// it, read back by the reader under test, and overwritten by the next input.
///
/// ```swift
/// let scratch = try FuzzScratch()          // /tmp/nasreplay-fuzz-<pid>-<random>/
/// let path = try scratch.write(bytes, as: "input.csv")
/// scratch.remove()
/// ```
public final class FuzzScratch: @unchecked Sendable {
    public let folder: String

    public init() throws {
        let base = NSTemporaryDirectory().isEmpty ? "/tmp" : NSTemporaryDirectory()
        folder = (base as NSString).appendingPathComponent("nasreplay-fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Writes `bytes` to `name` in the folder (replacing it) and returns its path.
    public func write(_ bytes: [UInt8], as name: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    public func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
