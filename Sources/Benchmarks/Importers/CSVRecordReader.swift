internal import CZlib
import Foundation

/// Reads a CSV file (plain or gzip) one record at a time, with the quoting rules of
/// `CSVTable` (RFC 4180: `"…"` fields, `""` for a quote, CRLF or LF, blank lines skipped).
///
/// ```swift
/// let reader = try CSVRecordReader(path: "nats_tss_official.csv.gz")
/// let header = try reader.next()?.fields ?? []
/// while let record = try reader.next() { print(record.line, record.fields[0]) }
/// ```
///
/// `CSVTable` holds every field of the file as a `String`; NATS-Bench's official per-epoch
/// export is about 13 million lines, which would take several GB that way. This reader keeps
/// one 1 MiB chunk and one record, and zlib's `gzread` passes plain files through, as in
/// `GzipFile`. `init(bytes:path:)` reads text already in memory (`CSVTable.parse`).
public final class CSVRecordReader {
    /// The longest record read, in bytes (1 MiB; datasets/FORMAT.md, "Limits"): past it the
    /// input is not a CSV table (`/dev/zero`, a binary file), and reading stops with an error
    /// instead of growing one field without end.
    public static let maxRecordBytes = 1 << 20

    public let path: String
    /// Bytes read so far (inflated, for gzip input).
    public private(set) var bytesRead = 0
    /// nil when reading from memory.
    private let handle: gzFile?
    private var chunk = [UInt8](repeating: 0, count: 1 << 20)
    private var filled = 0
    private var position = 0
    private var atEnd = false
    /// The line the next record starts on (1-based).
    private var line = 1

    public init(path: String) throws(ImportError) {
        guard FileManager.default.fileExists(atPath: path) else { throw ImportError(file: path, message: "file not found") }
        guard let handle = gzopen(path, "rb") else { throw ImportError(file: path, message: "cannot open for reading") }
        self.path = path
        self.handle = handle
    }

    /// Reads `bytes` as the whole file; `path` names it in errors.
    public init(bytes: [UInt8], path: String) {
        self.path = path
        handle = nil
        chunk = bytes
        filled = bytes.count
        atEnd = true
    }

    deinit { if let handle { gzclose(handle) } }

    /// The next byte, refilling the chunk; nil at the end of the file.
    @inline(__always)
    private func nextByte() throws(ImportError) -> UInt8? {
        if position == filled {
            guard !atEnd, let handle else { return nil }
            let n = chunk.withUnsafeMutableBytes { gzread(handle, $0.baseAddress, UInt32($0.count)) }
            if n < 0 {
                var code: Int32 = 0
                let message = gzerror(handle, &code).map { String(cString: $0) } ?? "unknown zlib error"
                throw ImportError(file: path, line: line, message: "corrupt gzip data (\(message)); re-create or re-download the file")
            }
            if n == 0 { atEnd = true; return nil }
            filled = Int(n)
            position = 0
        }
        defer { position += 1; bytesRead += 1 }
        return chunk[position]
    }

    /// Puts back the byte just read (used to look one byte ahead after `\r` and `"`).
    @inline(__always)
    private func unread() { position -= 1; bytesRead -= 1 }

    /// The next non-blank record and the line it starts on; nil at the end of the file.
    ///
    /// - Complexity: O(length of the record).
    public func next() throws(ImportError) -> (line: Int, fields: [String])? {
        while true {
            let start = line
            var fields: [String] = []
            var field: [UInt8] = []
            var inQuotes = false
            var sawAnything = false
            let recordStart = bytesRead
            recordLoop: while true {
                if bytesRead - recordStart > Self.maxRecordBytes {
                    throw ImportError(file: path, line: start, message: "a line longer than \(Self.maxRecordBytes) bytes (1 MiB), the most a CSV line may have; is this a CSV table? (datasets/FORMAT.md, Limits)")
                }
                guard let b = try nextByte() else {
                    if inQuotes { throw ImportError(file: path, line: start, message: "unterminated quoted field") }
                    if !sawAnything { return nil }
                    break recordLoop
                }
                sawAnything = true
                if inQuotes {
                    if b == UInt8(ascii: "\"") {
                        if let after = try nextByte() {
                            if after == UInt8(ascii: "\"") { field.append(after) } else { unread(); inQuotes = false }
                        } else { inQuotes = false }
                    } else {
                        if b == UInt8(ascii: "\n") { line += 1 }
                        field.append(b)
                    }
                } else if b == UInt8(ascii: "\"") && field.isEmpty {
                    inQuotes = true
                } else if b == UInt8(ascii: ",") {
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                    if b == UInt8(ascii: "\r"), let after = try nextByte(), after != UInt8(ascii: "\n") { unread() }
                    line += 1
                    break recordLoop
                } else {
                    field.append(b)
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            if fields.count == 1 && fields[0].isEmpty { continue }   // a blank line
            return (start, fields)
        }
    }
}
