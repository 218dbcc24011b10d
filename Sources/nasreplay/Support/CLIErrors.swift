import Benchmarks
import Foundation
import NASCore

/// Bad input from the user (a file, a name, an argument): one line, exit code 2.
struct InputError: UserFacingError {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A run that started and failed: one line, exit code 1.
struct RunFailure: UserFacingError {
    var description: String
    var exitStatus: ExitStatus { .runFailed }
    init(_ description: String) { self.description = description }
}

/// Writes an imported table into the datasets folder. The input was read and checked by
/// then, so a failed write (a full disk) is a failed run, exit 1, not bad input.
func saveImported(_ table: BenchmarkTable, to path: String, folder: String) throws {
    do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try BenchmarkStore.save(table, to: path)
    } catch {
        throw RunFailure("\(error)")
    }
}
