import Benchmarks
import Foundation
import NASCore

/// The NATS-TSS table built once per test process from the real shared data, into a
/// temporary folder, so tests never depend on `make datasets` having run.
enum TestTables {
    static let dataFolder = SharedFolder.path("data", near: #filePath)
    static let folder: String = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-tests-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()
    static let catalog = DatasetCatalog(folder: folder)

    static let natsTSS: BenchmarkTable = {
        do { return try catalog.build("nats-tss", from: dataFolder) } catch { fatalError("cannot build nats-tss for tests: \(error)") }
    }()

    static let source: CSVTable = {
        do { return try CSVTable.read(dataFolder + "/" + NATSTSSImporter.sourceFile) } catch { fatalError("\(error)") }
    }()

    static func temporaryFile(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nasreplay-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }
}
