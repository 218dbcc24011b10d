import Foundation

/// Where the values of a dataset a read left out (`HDF5File.read`'s `skip`) lie in its
/// file, so that a row, or the whole dataset in chunks, can be read later without libhdf5
/// and without loading the rest: a table of NATS-Bench's official curves is gigabytes.
///
/// ```swift
/// let curve = root.dataset(at: "metrics/cifar10/acc@200ep")!.stored!   // skipped by the read
/// let row = try curve.values(elements: 1462 * 200 ..< 1463 * 200)      // one row of doubles
/// ```
///
/// Only a contiguous, unfiltered dataset of little-endian IEEE floats has one, and only
/// while the file is the one that was read: each read checks the file's checksum stamp
/// against the one taken when the file was read, and that the span lies inside the file.
/// A file replaced since is an error, never other values.
public struct StoredValues: Sendable, Equatable {
    public let file: String
    /// The file's checksum stamp (`FileChecksum`) when it was read.
    public let stamp: String
    /// Byte offset of the first value in the file.
    public let offset: Int
    public let count: Int
    /// 4 (float32) or 8 (float64), little-endian.
    public let bytesPerValue: Int

    /// The attribute that carries a skipped dataset's offset from the reading process to
    /// this one (`HDF5File.readInChildProcess`): read from the image that process writes,
    /// never from a file.
    static let offsetAttribute = "nasreplay:stored_offset"

    /// Values `elements` (row-major element indices) as doubles.
    public func values(elements: Range<Int>) throws(HDF5Error) -> [Double] {
        var out = [Double]()
        out.reserveCapacity(elements.count)
        try forEachChunk(elements: elements, chunkBytes: max(bytesPerValue, elements.count * bytesPerValue)) { bytes in
            append(bytes, to: &out)
        }
        return out
    }

    /// The raw little-endian bytes of `elements`, in chunks of at most `chunkBytes`.
    public func forEachChunk(elements: Range<Int>? = nil, chunkBytes: Int = 4 << 20,
                             _ body: (UnsafeRawBufferPointer) throws(HDF5Error) -> Void) throws(HDF5Error) {
        let span = elements ?? 0..<count
        guard span.lowerBound >= 0, span.upperBound <= count else {
            throw HDF5Error(file: file, message: "values \(span) asked of a dataset of \(count); this is a bug")
        }
        let fd = open(file, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw HDF5Error(file: file, message: "cannot open it again to read its values: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var size = stat()
        guard fstat(fd, &size) == 0, FileChecksum.stamp(ofOpenFile: fd)?.digest == stamp,
              offset >= FileChecksum.userBlockSize, count <= (Int(size.st_size) - offset) / bytesPerValue else {
            throw HDF5Error(file: file, message: "changed since it was loaded (its checksum stamp or size differs); run the command again")
        }
        let chunk = max(bytesPerValue, chunkBytes / bytesPerValue * bytesPerValue)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var position = offset + span.lowerBound * bytesPerValue
        let end = offset + span.upperBound * bytesPerValue
        while position < end {
            let want = min(chunk, end - position)
            guard let n = FileBytes.read(fd, into: buffer.baseAddress!, count: want, at: position), n == want else {
                throw HDF5Error(file: file, message: "cannot read its values: \(String(cString: strerror(errno)))")
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<want]))
            position += want
        }
    }

    private func append(_ bytes: UnsafeRawBufferPointer, to out: inout [Double]) {
        let n = bytes.count / bytesPerValue
        if bytesPerValue == 8 {
            for i in 0..<n { out.append(Double(bitPattern: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self)))) }
        } else {
            for i in 0..<n { out.append(Double(Float(bitPattern: UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))))) }
        }
    }
}
