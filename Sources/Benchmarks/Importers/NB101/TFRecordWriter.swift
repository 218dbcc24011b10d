import Foundation

/// Writes TFRecord files: each record framed as little-endian `uint64 length`,
/// `uint32 masked_crc32c(length)`, the bytes, `uint32 masked_crc32c(bytes)`.
///
/// ```swift
/// let writer = try TFRecordWriter(path: "fixture.tfrecord")
/// try writer.write(Array(#"["hash", 108, "01…", "input,…", "…"]"#.utf8))
/// try writer.close()
/// ```
///
/// The framing of tensorflow `core/lib/io/record_writer.cc`. NASReplay only reads the
/// published NAS-Bench-101 files; the writer exists so tests and benchmarks can make
/// fixtures in the exact upstream format.
public final class TFRecordWriter {
    private var file: UnsafeMutablePointer<FILE>?
    public let path: String

    public init(path: String) throws(ImportError) {
        guard let f = fopen(path, "wb") else { throw ImportError(file: path, message: "cannot open for writing") }
        self.file = f
        self.path = path
    }

    deinit { if let file { fclose(file) } }

    public func write(_ record: [UInt8]) throws(ImportError) {
        guard let file else { throw ImportError(file: path, message: "writer already closed") }
        var header = [UInt8](repeating: 0, count: 12)
        let length = UInt64(record.count)
        withUnsafeBytes(of: length.littleEndian) { for k in 0..<8 { header[k] = $0[k] } }
        let lengthCRC = header.withUnsafeBytes { CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<8]))) }
        withUnsafeBytes(of: lengthCRC.littleEndian) { for k in 0..<4 { header[8 + k] = $0[k] } }
        var footer = [UInt8](repeating: 0, count: 4)
        let dataCRC = CRC32C.masked(CRC32C.checksum(record))
        withUnsafeBytes(of: dataCRC.littleEndian) { for k in 0..<4 { footer[k] = $0[k] } }
        for part in [header, record, footer] where !part.isEmpty {
            let n = part.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, file) }
            guard n == part.count else { throw ImportError(file: path, message: "write failed (disk full?)") }
        }
    }

    public func close() throws(ImportError) {
        guard let file else { return }
        self.file = nil
        guard fclose(file) == 0 else { throw ImportError(file: path, message: "close failed (disk full?)") }
    }
}
