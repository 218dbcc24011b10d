internal import CZlib
import Foundation

/// Reads a whole file into memory, inflating it when it is gzip-compressed.
///
/// zlib's `gzread` passes plain files through unchanged, so one reader serves both the
/// published `.csv.gz` tables and a user's uncompressed `.csv`.
public enum GzipFile {
    /// - Parameter maxBytes: the most inflated bytes read; a longer file is an error (so
    ///   `/dev/zero` or a gzip bomb cannot fill the memory).
    public static func read(_ path: String, maxBytes: Int = CSVTable.maxBytes) throws(ImportError) -> [UInt8] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportError(file: path, message: "file not found")
        }
        guard let handle = gzopen(path, "rb") else {
            throw ImportError(file: path, message: "cannot open for reading")
        }
        defer { gzclose(handle) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = chunk.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                var code: Int32 = 0
                let message = gzerror(handle, &code).map { String(cString: $0) } ?? "unknown zlib error"
                throw ImportError(file: path, message: "corrupt gzip data (\(message)); re-download the file")
            }
            if n == 0 { break }
            guard out.count + Int(n) <= maxBytes else {
                throw ImportError(file: path, message: "more than \(maxBytes) bytes, the most read from one file (datasets/FORMAT.md, Limits)")
            }
            out.append(contentsOf: chunk[0..<Int(n)])
        }
        return out
    }
}

extension GzipFile {
    /// The file's bytes as stored (not inflated), for checksums.
    public static func readRaw(_ path: String) throws(ImportError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, message: "file not found or unreadable")
        }
        return [UInt8](data)
    }
}
