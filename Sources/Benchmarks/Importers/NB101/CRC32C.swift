/// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), and the masked form TFRecord
/// files store.
///
/// ```swift
/// CRC32C.checksum(Array("123456789".utf8))          // 0xE3069283
/// CRC32C.masked(CRC32C.checksum(bytes))             // what a .tfrecord frame holds
/// ```
///
/// TFRecord framing (tensorflow `core/lib/io/record_writer.cc`, `core/lib/hash/crc32c.h`)
/// checksums with CRC-32C and then rotates and offsets the value, because a CRC of data
/// that itself contains CRCs is weak. The NAS-Bench-101 files (ALGORITHMS.md §4.1) are
/// framed this way.
public enum CRC32C {
    /// Slicing-by-8 tables: table[k][b] is the CRC of byte b followed by k zero bytes, so
    /// eight input bytes are folded per step (about 5× the byte-at-a-time loop, which
    /// matters for the 2 GB `nasbench_full.tfrecord`).
    static let tables: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 8 * 256)
        for b in 0..<256 {
            var c = UInt32(b)
            for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[b] = c
        }
        for k in 1..<8 {
            for b in 0..<256 {
                let prev = t[(k - 1) * 256 + b]
                t[k * 256 + b] = (prev >> 8) ^ t[Int(prev & 0xFF)]
            }
        }
        return t
    }()

    /// The CRC-32C of `bytes`.
    ///
    /// - Complexity: O(n)
    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        tables.withUnsafeBufferPointer { t in
            var crc: UInt32 = 0xFFFF_FFFF
            var i = 0
            let n = bytes.count
            while i + 8 <= n {
                let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ UInt64(crc)
                crc = t[7 * 256 + Int(word & 0xFF)] ^ t[6 * 256 + Int(word >> 8 & 0xFF)]
                    ^ t[5 * 256 + Int(word >> 16 & 0xFF)] ^ t[4 * 256 + Int(word >> 24 & 0xFF)]
                    ^ t[3 * 256 + Int(word >> 32 & 0xFF)] ^ t[2 * 256 + Int(word >> 40 & 0xFF)]
                    ^ t[1 * 256 + Int(word >> 48 & 0xFF)] ^ t[Int(word >> 56)]
                i += 8
            }
            while i < n {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(bytes[i])) & 0xFF)]
                i += 1
            }
            return crc ^ 0xFFFF_FFFF
        }
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// TFRecord's mask: rotate right by 15 and add a constant (`crc32c::Mask`).
    @inline(__always)
    public static func masked(_ crc: UInt32) -> UInt32 {
        ((crc >> 15) | (crc << 17)) &+ 0xA282_EAD8
    }
}
