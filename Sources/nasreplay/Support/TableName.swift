import Benchmarks
import Foundation
import NASCore

/// Where `datasets import` writes a table: `<datasets>/<name>.h5`, once `--name` is a plain
/// name (`PlainName`, so the file stays inside the folder) and the import would not replace
/// a table by accident.
///
/// An existing table, or the name of a built-in benchmark (which `datasets build` would
/// later overwrite), is refused unless `replace` (`--replace`) says so.
func importTarget(_ name: String, folder: String, replace: Bool) throws -> String {
    do { try PlainName.check(name, what: "--name") } catch {
        throw InputError("\(error.description) (the table is written to <datasets>/<name>.h5)")
    }
    let output = DatasetCatalog(folder: folder).path(of: name)
    guard !replace else { return output }
    if FileManager.default.fileExists(atPath: output) {
        throw InputError("--name \(name): \(output) already exists; choose another --name, or pass --replace to overwrite it")
    }
    if DatasetCatalog.entries.contains(where: { $0.name == name }) {
        throw InputError("--name \(name): a built-in benchmark's name (`datasets build` writes \(output)); choose another --name, or pass --replace")
    }
    return output
}
