import Foundation
import NASCore

/// Reads a TFRecord file one record at a time, checking both CRCs of every frame.
///
/// ```swift
/// let reader = try TFRecordReader(path: "nasbench_only108.tfrecord")
/// while let record = try reader.next() {
///     handle(record.bytes)            // record.offset names it in errors
/// }
/// ```
///
/// Memory is one record (plus stdio's buffer), whatever the file size. A frame is
/// `uint64 length`, `uint32 masked_crc32c(length)`, the bytes, `uint32 masked_crc32c(bytes)`
/// (tensorflow `core/lib/io/record_reader.cc`; `CRC32C.masked`). Every error names the
/// byte offset of the record it is in, and a file that ends inside a frame is an error,
/// never a silent short read. The reader also hashes what it reads, so the caller gets the
/// file's SHA-256 without a second pass.
public final class TFRecordReader {
    public struct Record {
        /// Byte offset of the frame's first byte.
        public var offset: Int64
        public var bytes: [UInt8]
    }

    public let path: String
    /// File size in bytes (for progress).
    public let size: Int64
    /// Bytes consumed so far.
    public private(set) var position: Int64 = 0
    /// The largest record accepted; a larger length means a corrupted or foreign file.
    public static let maxRecordLength: UInt64 = 64 << 20
    private var file: UnsafeMutablePointer<FILE>?
    private var digest = SHA256()
    private var buffer: [UInt8] = []

    public init(path: String) throws(ImportError) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ImportError(file: path, message: "file not found; pass the path of nasbench_only108.tfrecord or nasbench_full.tfrecord")
        }
        guard let f = fopen(path, "rb") else { throw ImportError(file: path, message: "cannot open for reading") }
        self.file = f
        self.path = path
        self.size = Int64(FileSize.of(path) ?? 0)
    }

    deinit { if let file { fclose(file) } }

    /// The next record, or nil at a clean end of file.
    public func next() throws(ImportError) -> Record? {
        guard let file else { return nil }
        let offset = position
        var header = [UInt8](repeating: 0, count: 12)
        let got = try read(into: &header, count: 12, file: file)
        if got == 0 { return nil }
        guard got == 12 else {
            throw ImportError(file: path, message: "truncated: the record at byte offset \(offset) has \(got) of its 12 header bytes; the file is cut short (download it again)")
        }
        let length = header.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        let storedLengthCRC = header.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self)) }
        let lengthCRC = header.withUnsafeBytes { CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<8]))) }
        guard lengthCRC == storedLengthCRC else {
            throw ImportError(file: path, message: "corrupted: the record at byte offset \(offset) fails its length checksum (stored \(hex(storedLengthCRC)), computed \(hex(lengthCRC))); the file is damaged or not a TFRecord file")
        }
        guard length <= Self.maxRecordLength else {
            throw ImportError(file: path, message: "corrupted: the record at byte offset \(offset) claims \(length) bytes, more than any NAS-Bench-101 record")
        }
        let n = Int(length)
        if buffer.count < n + 4 { buffer = [UInt8](repeating: 0, count: n + 4) }
        let body = try read(into: &buffer, count: n + 4, file: file)
        guard body == n + 4 else {
            throw ImportError(file: path, message: "truncated: the record at byte offset \(offset) has \(min(body, n)) of its \(n) data bytes and \(max(0, body - n)) of its 4 checksum bytes; the file is cut short (download it again)")
        }
        let stored = buffer.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: n, as: UInt32.self)) }
        let computed = buffer.withUnsafeBytes { CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<n]))) }
        guard stored == computed else {
            throw ImportError(file: path, message: "corrupted: the record at byte offset \(offset) fails its data checksum (stored \(hex(stored)), computed \(hex(computed))); the file is damaged (download it again)")
        }
        return Record(offset: offset, bytes: Array(buffer[0..<n]))
    }

    /// SHA-256 of every byte read so far; call after `next()` returned nil for the file's digest.
    public func sha256Hex() -> String {
        var copy = digest
        return copy.finalizeHex()
    }

    private func read(into target: inout [UInt8], count: Int, file: UnsafeMutablePointer<FILE>) throws(ImportError) -> Int {
        let got = target.withUnsafeMutableBytes { fread($0.baseAddress, 1, count, file) }
        if got < count && ferror(file) != 0 {
            throw ImportError(file: path, message: "read error at byte offset \(position + Int64(got))")
        }
        target.withUnsafeBytes { digest.update(buffer: UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
        position += Int64(got)
        return got
    }

    private func hex(_ v: UInt32) -> String { "0x" + String(v, radix: 16) }
}
