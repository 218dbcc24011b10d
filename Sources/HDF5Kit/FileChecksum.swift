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
        let digest = image.withUnsafeBytes { XXH64.hash(UnsafeRawBufferPointer(rebasing: $0[userBlockSize...])) }
        let line = Array((magic + hex(digest) + " \(image.count)\n").utf8)
        precondition(line.count < userBlockSize && image.count >= userBlockSize)
        for (i, b) in line.enumerated() { image[i] = b }
    }

    /// Checks the stamp of the file at `path`, if it has one, streaming the bytes.
    ///
    /// - Parameter required: refuse a file without a stamp (or whose stamp's first bytes are
    ///   damaged), instead of handing it to libhdf5 unchecked.
    /// - Throws: `HDF5Error` naming the file when its size or digest differs from the stamp.
    static func verify(_ path: String, required: Bool = false) throws(HDF5Error) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }   // read() reports it
        defer { try? handle.close() }
        guard let block = try? handle.read(upToCount: userBlockSize), block.count == userBlockSize,
              block.starts(with: Array(magic.utf8)) else {
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
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
            total += chunk.count
            if total > size { break }
        }
        guard total == size, hasher.finalize() == expected else {
            throw HDF5Error(file: path, message: damaged)
        }
    }

    /// The stamp's digest (16 hex digits), or nil for a file without one. Does not verify.
    static func stampedDigest(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let block = try? handle.read(upToCount: userBlockSize), block.starts(with: Array(magic.utf8)) else { return nil }
        return String(decoding: block.dropFirst(magic.count).prefix(16), as: UTF8.self)
    }

    static func hex(_ v: UInt64) -> String {
        let digits = String(v, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// XXH64 (Yann Collet, xxHash, https://github.com/Cyan4973/xxHash, `doc/xxhash_spec.md`),
/// seed 0, streaming: a fast non-cryptographic 64-bit hash, here to detect damage.
///
/// ```swift
/// XXH64.hash(UnsafeRawBufferPointer(...))   // one shot
/// var h = XXH64(); h.update(bytes); h.finalize()
/// ```
///
/// - Complexity: O(n).
struct XXH64 {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (p1 &+ p2, p2, 0, 0 &- p1)
    private var buffer = [UInt8](repeating: 0, count: 32)
    private var buffered = 0
    private var length: UInt64 = 0

    init() {}

    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h = XXH64()
        h.update(bytes)
        return h.finalize()
    }

    @inline(__always) private static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        (acc &+ input &* p2).rotatedLeft(31) &* p1
    }

    @inline(__always) private static func merge(_ acc: UInt64, _ lane: UInt64) -> UInt64 {
        (acc ^ round(0, lane)) &* p1 &+ p4
    }

    @inline(__always) private static func word(_ p: UnsafeRawBufferPointer, _ at: Int) -> UInt64 {
        UInt64(littleEndian: p.loadUnaligned(fromByteOffset: at, as: UInt64.self))
    }

    private mutating func stripe(_ p: UnsafeRawBufferPointer, _ at: Int) {
        lanes.0 = Self.round(lanes.0, Self.word(p, at))
        lanes.1 = Self.round(lanes.1, Self.word(p, at + 8))
        lanes.2 = Self.round(lanes.2, Self.word(p, at + 16))
        lanes.3 = Self.round(lanes.3, Self.word(p, at + 24))
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length &+= UInt64(bytes.count)
        var offset = 0
        if buffered > 0 {
            let take = min(32 - buffered, bytes.count)
            for i in 0..<take { buffer[buffered + i] = bytes[i] }
            buffered += take
            offset = take
            guard buffered == 32 else { return }
            buffer.withUnsafeBytes { stripe($0, 0) }
            buffered = 0
        }
        while bytes.count - offset >= 32 {
            stripe(bytes, offset)
            offset += 32
        }
        for i in offset..<bytes.count { buffer[i - offset] = bytes[i] }
        buffered = bytes.count - offset
    }

    func finalize() -> UInt64 {
        var h: UInt64
        if length >= 32 {
            h = lanes.0.rotatedLeft(1) &+ lanes.1.rotatedLeft(7) &+ lanes.2.rotatedLeft(12) &+ lanes.3.rotatedLeft(18)
            h = Self.merge(h, lanes.0)
            h = Self.merge(h, lanes.1)
            h = Self.merge(h, lanes.2)
            h = Self.merge(h, lanes.3)
        } else {
            h = Self.p5
        }
        h &+= length
        buffer.withUnsafeBytes { p in
            var i = 0
            while i + 8 <= buffered {
                h = (h ^ Self.round(0, Self.word(p, i))).rotatedLeft(27) &* Self.p1 &+ Self.p4
                i += 8
            }
            if i + 4 <= buffered {
                let w = UInt64(UInt32(littleEndian: p.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                h = (h ^ (w &* Self.p1)).rotatedLeft(23) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < buffered {
                h = (h ^ (UInt64(p[i]) &* Self.p5)).rotatedLeft(11) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h &*= Self.p2
        h ^= h >> 29
        h &*= Self.p3
        h ^= h >> 32
        return h
    }
}

extension UInt64 {
    @inline(__always) func rotatedLeft(_ n: UInt64) -> UInt64 { (self << n) | (self >> (64 - n)) }
}
