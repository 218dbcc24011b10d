import Benchmarks
import Foundation
import NASCore

/// The sample tables built once per test process from the real shared data.
enum SampleTableFixtures {
    static let dataFolder = SharedFolder.path("data", near: #filePath)

    static let dynast: BenchmarkTable = build { try DynaSTResultsImporter.buildOFAMobileNetV3(from: dataFolder) }
    static let helpOFA: BenchmarkTable = build { try HELPLatencyImporter.buildOFAMobileNetV3(from: dataFolder) }
    static let fbnet: BenchmarkTable = build { try HELPLatencyImporter.buildFBNet(from: dataFolder) }

    static func build(_ body: () throws -> BenchmarkTable) -> BenchmarkTable {
        do { return try body() } catch { fatalError("cannot build a sample table for tests: \(error)") }
    }

    /// A fresh folder holding `files` (relative path → text), for importer fixtures.
    static func folder(_ files: [String: String]) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-samples-\(UUID().uuidString)").path
        for (relative, text) in files {
            let path = dir + "/" + relative
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        }
        return dir
    }
}
