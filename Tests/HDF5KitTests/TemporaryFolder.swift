import Foundation

/// A path `name` in a new folder of its own under the system's temporary folder, so tests
/// running side by side never share a file.
func temporaryPath(_ name: String, prefix: String = "hdf5kit") -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent(name).path
}
