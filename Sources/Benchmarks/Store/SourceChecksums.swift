import Foundation
import NASCore

/// A data folder's `SHA256SUMS` (the `sha256sum` format): the checksum each source file
/// must have before `datasets build` reads it.
///
/// ```swift
/// if let sums = try SourceChecksums(folder: "../shared/data") {
///     try sums.verify("nats-tss/nats_tss_15625.csv.gz")    // throws on a mismatch
/// }
/// ```
///
/// Lines are `<64 hex digits>  <path>` (`*<path>` in binary mode), the path relative to the
/// folder with or without a leading `./`; blank lines and `#` comments are skipped.
struct SourceChecksums {
    let file: String
    let folder: String
    /// Relative path (no leading `./`) → lowercase hex digest.
    let digests: [String: String]

    /// Reads `<folder>/SHA256SUMS`; nil when the folder has none.
    ///
    /// - Throws: `ImportError` naming the line that is not `<sha256>  <file>`.
    init?(folder: String) throws(ImportError) {
        let file = folder + "/SHA256SUMS"
        guard FileManager.default.fileExists(atPath: file) else { return nil }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw ImportError(file: file, message: "cannot read it as UTF-8 text; restore it or remove it")
        }
        var digests: [String: String] = [:]
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let hex = line.prefix(64).lowercased()
            var path = line.dropFirst(64)
            guard hex.count == 64, hex.allSatisfy(\.isHexDigit), path.first == " " else {
                throw ImportError(file: file, line: k + 1, message: "expected '<sha256>  <file>' (the output of sha256sum)")
            }
            path = path.dropFirst()
            if path.first == " " || path.first == "*" { path = path.dropFirst() }
            while path.hasPrefix("./") { path = path.dropFirst(2) }
            digests[String(path)] = hex
        }
        self.file = file; self.folder = folder; self.digests = digests
    }

    /// Checks one source (relative to the folder) against its listed checksum.
    ///
    /// - Throws: `ImportError` when the file is not listed or its checksum differs.
    func verify(_ source: String) throws(ImportError) {
        let path = folder + "/" + source
        guard let expected = digests[source] else {
            throw ImportError(file: path, message: "not listed in \(file); add its line (sha256sum) or use a data folder without SHA256SUMS")
        }
        let actual = SHA256.hex(try GzipFile.readRaw(path))
        guard actual == expected else {
            throw ImportError(file: path, message: "sha256 \(actual.prefix(12))… differs from \(expected.prefix(12))… in \(file): the file is damaged or not the published one; download it again")
        }
    }

    /// Checks that a source has the number of data lines (records after the header) the
    /// published file has.
    static func checkRows(_ source: String, in folder: String, published: Int) throws(ImportError) {
        let path = folder + "/" + source
        let reader = try CSVRecordReader(path: path)
        var records = -1   // the header
        while try reader.next() != nil { records += 1 }
        guard records == published else {
            throw ImportError(file: path, message: "has \(max(records, 0)) data lines, the published table has \(published); the file is incomplete or not the published one: download it again")
        }
    }
}
