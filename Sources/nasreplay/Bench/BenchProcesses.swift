import Experiments
import Foundation

/// What the benches that time whole processes share: a scratch folder, removed afterwards,
/// and a child process that must succeed.
///
/// ```swift
/// try withBenchFolder { folder in try runChecked("/usr/bin/env", ["python3", script]) }
/// ```
func withBenchFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-bench-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Runs `executable` with `arguments`, its standard output discarded; a non-zero exit is an error.
func runChecked(_ executable: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw RunError("bench: \(([executable] + arguments).joined(separator: " ")) exited with status \(process.terminationStatus)", status: .runFailed)
    }
}
