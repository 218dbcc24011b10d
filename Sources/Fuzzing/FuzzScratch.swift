import Foundation

/// A private folder for the readers that take a path: each input is written to one file in
/// it, read back by the reader under test, and overwritten by the next input.
///
/// ```swift
/// let scratch = try FuzzScratch()          // <temporary folder>/nasreplay-fuzz-XXXXXX/
/// let path = try scratch.write(bytes, as: "input.csv")
/// scratch.remove()
/// ```
public final class FuzzScratch: @unchecked Sendable {
    public let folder: String

    /// A new folder of its own (`mkdtemp`: unique and private without any random choice of
    /// ours, so the fuzz runs draw every random number from their seeded streams).
    public init() throws {
        let template = (NSTemporaryDirectory() as NSString).appendingPathComponent("nasreplay-fuzz-XXXXXX")
        var bytes = Array(template.utf8CString)
        guard let made = mkdtemp(&bytes) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: template])
        }
        folder = String(cString: made)
    }

    /// Writes `bytes` to `name` in the folder (replacing it) and returns its path.
    public func write(_ bytes: [UInt8], as name: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    public func remove() { try? FileManager.default.removeItem(atPath: folder) }
}
