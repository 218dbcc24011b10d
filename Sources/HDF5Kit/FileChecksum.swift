import Foundation

/// The checksum NASReplay writes into the HDF5 user block of every file it writes, and
/// checks before libhdf5 reads a byte of the file.
///
/// ```swift
/// var image = try imageWithUserBlock()            // first 512 bytes reserved, zero
/// FileChecksum.stamp(&image)                        // "NASReplay file checksum v1 xxh64 …"
/// try FileChecksum.verify(path)                     // throws if the bytes changed
/// ```
///
/// Why: libhdf5 1.10 trusts a file's metadata, and on damaged metadata it can crash (it
/// frees the half-built link or attribute table of a damaged object header). A file that
/// was truncated, zero-padded or had bytes changed is refused here, before libhdf5 opens
/// it. The user block is part of the HDF5 format and every HDF5 reader (h5py, h5dump)
/// skips it. A benchmark table without the stamp is refused (`HDF5File.read`'s
/// `requireChecksum`); other files without one (trial files and runs.h5 written before the
/// stamp existed) are read as before.
///
/// The block holds one line of text, NUL-padded to `userBlockSize`:
/// `NASReplay file checksum v1 xxh64 <16 hex digits> <file size in bytes>\n`, the digest
/// being XXH64 (seed 0) of the bytes after the block.
enum FileChecksum {
    /// The HDF5 user block: a power of two of at least 512 bytes.
    static let userBlockSize = 512
    static let magic = "NASReplay file checksum v1 xxh64 "

    /// Writes the stamp into the (zeroed) user block of a complete file image.
    static func stamp(_ image: inout [UInt8]) {
        image.withUnsafeMutableBytes { stamp($0) }
    }

    /// `stamp` on a file image in place, wherever it lives (libhdf5's own memory).
    static func stamp(_ image: UnsafeMutableRawBufferPointer) {
        let digest = XXH64.hash(UnsafeRawBufferPointer(rebasing: image[userBlockSize...]))
        let line = Array((magic + hex(digest) + " \(image.count)\n").utf8)
        precondition(line.count < userBlockSize && image.count >= userBlockSize)
        for (i, b) in line.enumerated() { image[i] = b }
    }

    /// Stamps a complete file on disk (`HDF5StreamWriter`): its bytes after the block are
    /// read back in chunks, and the whole block is written with the line.
    static func stamp(fileAt file: String, reporting path: String) throws(HDF5Error) {
        func fail(_ what: String) -> HDF5Error {
            HDF5Error(file: path, message: "cannot \(what) the finished file to stamp its checksum: \(String(cString: strerror(errno)))")
        }
        let fd = open(file, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw fail("open") }
        defer { close(fd) }
        var hasher = XXH64()
        var size = userBlockSize
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 64)
        defer { chunk.deallocate() }
        while true {
            guard let n = FileBytes.read(fd, into: chunk.baseAddress!, count: chunk.count, at: size) else { throw fail("read") }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            size += n
        }
        var block = Array((magic + hex(hasher.finalize()) + " \(size)\n").utf8)
        precondition(block.count < userBlockSize)
        block += [UInt8](repeating: 0, count: userBlockSize - block.count)
        let written = block.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == userBlockSize else { throw fail("write") }
    }

    /// Checks the stamp of the file at `path`, if it has one, streaming the bytes.
    ///
    /// - Parameter required: refuse a file without a stamp (or whose stamp's first bytes are
    ///   damaged), instead of handing it to libhdf5 unchecked.
    /// - Throws: `HDF5Error` naming the file when its size or digest differs from the stamp.
    static func verify(_ path: String, required: Bool = false) throws(HDF5Error) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return }   // read() reports it
        defer { close(fd) }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        let first = FileBytes.read(fd, into: chunk.baseAddress!, count: userBlockSize, at: 0)
        let block = UnsafeRawBufferPointer(rebasing: chunk[0..<max(0, first ?? 0)])
        guard first == userBlockSize, block.starts(with: Array(magic.utf8)) else {
            if required {
                throw HDF5Error(file: path, message: "has no NASReplay file checksum (another program's file, one written by an older NASReplay, or damaged in its first bytes), so it is not opened; rebuild it (`nasreplay datasets build NAME`, or delete it and run `make datasets`) or re-import it")
            }
            return
        }
        let fields = String(decoding: block.prefix { $0 != 0 && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            .dropFirst(magic.count).split(separator: " ")
        let damaged = "is damaged: its bytes do not match the checksum NASReplay wrote (truncated, zero-padded or edited?); rebuild or re-import it"
        guard fields.count == 2, let expected = UInt64(fields[0], radix: 16), let size = Int(fields[1]) else {
            throw HDF5Error(file: path, message: damaged)
        }
        var hasher = XXH64()
        var total = userBlockSize
        while let n = FileBytes.read(fd, into: chunk.baseAddress!, count: chunk.count, at: total), n > 0 {
            hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            total += n
            if total > size { break }
        }
        guard total == size, hasher.finalize() == expected else {
            throw HDF5Error(file: path, message: damaged)
        }
    }

    /// The stamp's digest (16 hex digits) and file size, or nil for a file without a
    /// readable stamp. Does not verify: `verify` does.
    static func stamp(of path: String) -> (digest: String, size: Int)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return stamp(ofOpenFile: fd)
    }

    /// `stamp(of:)` of an open file.
    static func stamp(ofOpenFile fd: Int32) -> (digest: String, size: Int)? {
        var block = [UInt8](repeating: 0, count: userBlockSize)
        let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress, userBlockSize, 0) }
        guard n == userBlockSize, block.starts(with: Array(magic.utf8)) else { return nil }
        let fields = String(decoding: block.prefix { $0 != 0 && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            .dropFirst(magic.count).split(separator: " ")
        guard fields.count == 2, fields[0].count == 16, UInt64(fields[0], radix: 16) != nil, let size = Int(fields[1]) else { return nil }
        return (String(fields[0]), size)
    }

    static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
