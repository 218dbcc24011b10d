/// The MD5 message digest (RFC 1321), as 128 bits that print as lowercase hex.
///
/// ```swift
/// let digest = MD5.digest(Array("abc".utf8))
/// digest.hex   // "900150983cd24fb0d6963f7d28e17f72"
/// MD5.hex("abc") == digest.hex
/// ```
///
/// NAS-Bench-101 names every cell by an MD5 fingerprint (google-research/nasbench
/// `lib/graph_util.py::hash_module`, ALGORITHMS.md §4.3), and a query hashes about 60
/// short messages per cell. So the one-shot path works on a caller's buffer, never
/// allocates, and the digest is two integers: comparing them orders digests exactly as
/// their hex strings sort, which the fingerprint's sorted lists rely on.
///
/// MD5 is used here as a naming function that must match published keys, not for security.
public struct MD5Digest: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Bytes 0..<8 of the digest, big-endian, so that `(high, low)` orders like the hex string.
    public var high: UInt64
    /// Bytes 8..<16 of the digest, big-endian.
    public var low: UInt64

    public init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    /// Parses 32 hex digits (either case); nil for anything else.
    ///
    /// - Complexity: O(1)
    public init?(hex: some StringProtocol) {
        var h: UInt64 = 0, l: UInt64 = 0, count = 0
        for byte in hex.utf8 {
            let nibble: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = UInt64(byte &- UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = UInt64(byte &- UInt8(ascii: "a") &+ 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = UInt64(byte &- UInt8(ascii: "A") &+ 10)
            default: return nil
            }
            if count < 16 { h = h << 4 | nibble } else if count < 32 { l = l << 4 | nibble } else { return nil }
            count += 1
        }
        guard count == 32 else { return nil }
        high = h; low = l
    }

    public static func < (x: MD5Digest, y: MD5Digest) -> Bool {
        x.high != y.high ? x.high < y.high : x.low < y.low
    }

    /// The 32 lowercase hex digits.
    public var hex: String {
        String(unsafeUninitializedCapacity: 32) { buffer in
            writeHex(to: UnsafeMutableRawPointer(buffer.baseAddress!))
            return 32
        }
    }

    public var description: String { hex }

    /// Writes the 32 lowercase hex digits to `destination` (which must hold 32 bytes).
    ///
    /// - Complexity: O(1), no allocation.
    @inlinable @inline(__always)
    public func writeHex(to destination: UnsafeMutableRawPointer) {
        destination.storeBytes(of: Self.hexDigits(high >> 32), toByteOffset: 0, as: UInt64.self)
        destination.storeBytes(of: Self.hexDigits(high & 0xFFFF_FFFF), toByteOffset: 8, as: UInt64.self)
        destination.storeBytes(of: Self.hexDigits(low >> 32), toByteOffset: 16, as: UInt64.self)
        destination.storeBytes(of: Self.hexDigits(low & 0xFFFF_FFFF), toByteOffset: 24, as: UInt64.self)
    }

    /// Eight hex digits of a 32-bit value, packed so that a little-endian store writes them
    /// most significant first. Branch-free: each nibble lands in its own byte, and a nibble
    /// above 9 gets the 39 that bridges ASCII '9'+1 to 'a'.
    @inlinable @inline(__always)
    static func hexDigits(_ value: UInt64) -> UInt64 {
        // Spread the 8 nibbles of `value` into the 8 bytes, most significant nibble in byte 0.
        var x = value.byteSwapped >> 32                      // bytes reversed: b0 b1 b2 b3 in low 32 bits
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF            // one input byte per 16-bit lane
        let hiNibbles = (x >> 4) & 0x000F_000F_000F_000F
        let loNibbles = (x & 0x000F_000F_000F_000F) << 8
        let n = hiNibbles | loNibbles
        let letters = ((n &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101
        return n &+ 0x3030_3030_3030_3030 &+ letters &* 39
    }
}

/// MD5 (RFC 1321) over bytes in memory.
///
/// ```swift
/// MD5.hex("message digest")   // "f96b697d7cb7938d525a2f31aaf161d0"
/// ```
///
/// - Complexity: O(n) in the message length; one compression per 64 bytes.
public enum MD5 {
    /// The digest of `bytes`; allocation-free.
    @inlinable
    public static func digest(_ bytes: UnsafeRawBufferPointer) -> MD5Digest {
        var state = (UInt32(0x6745_2301), UInt32(0xEFCD_AB89), UInt32(0x98BA_DCFE), UInt32(0x1032_5476))
        let count = bytes.count
        var offset = 0
        if let base = bytes.baseAddress {
            while count - offset >= 64 {
                compress(&state, base + offset)
                offset += 64
            }
        }
        // The tail: the remaining bytes, 0x80, zeros, then the bit length little-endian.
        // It fits one block when at most 55 bytes remain, otherwise two.
        let remaining = count - offset
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 8) { tail in
            let t = tail.baseAddress!
            t.initializeMemory(as: UInt64.self, repeating: 0, count: 16)
            if remaining > 0, let base = bytes.baseAddress {
                t.copyMemory(from: base + offset, byteCount: remaining)
            }
            t.storeBytes(of: 0x80, toByteOffset: remaining, as: UInt8.self)
            let blocks = remaining < 56 ? 1 : 2
            t.storeBytes(of: (UInt64(count) &* 8).littleEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
            compress(&state, UnsafeRawPointer(t))
            if blocks == 2 { compress(&state, UnsafeRawPointer(t + 64)) }
        }
        let a = UInt64(state.0.byteSwapped), b = UInt64(state.1.byteSwapped)
        let c = UInt64(state.2.byteSwapped), d = UInt64(state.3.byteSwapped)
        return MD5Digest(high: a << 32 | b, low: c << 32 | d)
    }

    /// The digest of a byte array.
    public static func digest(_ bytes: [UInt8]) -> MD5Digest {
        bytes.withUnsafeBytes { digest($0) }
    }

    /// The lowercase hex digest of a string's UTF-8 bytes.
    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { digest(UnsafeRawBufferPointer($0)) }.hex
    }

    /// Appends MD5 padding in place to the `length`-byte message at `buffer` and returns the
    /// number of 64-byte blocks. `buffer` must have room for `length + 72` bytes.
    ///
    /// - Complexity: O(1)
    @inlinable
    public static func pad(_ buffer: UnsafeMutableRawPointer, length: Int) -> Int {
        let blocks = (length + 8) / 64 + 1
        buffer.storeBytes(of: 0x80, toByteOffset: length, as: UInt8.self)
        (buffer + length + 1).initializeMemory(as: UInt8.self, repeating: 0, count: blocks * 64 - 8 - length - 1)
        buffer.storeBytes(of: (UInt64(length) &* 8).littleEndian, toByteOffset: blocks * 64 - 8, as: UInt64.self)
        return blocks
    }

    /// The digest of a message already padded by `pad`.
    @inlinable
    public static func digest(padded: UnsafeRawPointer, blocks: Int) -> MD5Digest {
        var state = initialState
        for i in 0..<blocks { compress(&state, padded + 64 * i) }
        return finish(state)
    }

    /// The digests of two padded messages, computed together: one MD5 is a single chain
    /// of dependent additions, so a core sits mostly idle on it; interleaving two
    /// independent chains runs them in the same time, nearly doubling throughput.
    ///
    /// - Complexity: O(max(blocksA, blocksB)) interleaved compressions.
    @inlinable
    public static func digests(padded a: UnsafeRawPointer, blocks blocksA: Int,
                               _ b: UnsafeRawPointer, blocks blocksB: Int) -> (MD5Digest, MD5Digest) {
        var sa = initialState, sb = initialState
        let common = min(blocksA, blocksB)
        for i in 0..<common { compress2(&sa, a + 64 * i, &sb, b + 64 * i) }
        for i in common..<blocksA { compress(&sa, a + 64 * i) }
        for i in common..<blocksB { compress(&sb, b + 64 * i) }
        return (finish(sa), finish(sb))
    }

    @usableFromInline static let initialState = (UInt32(0x6745_2301), UInt32(0xEFCD_AB89), UInt32(0x98BA_DCFE), UInt32(0x1032_5476))

    @inlinable @inline(__always)
    static func finish(_ state: (UInt32, UInt32, UInt32, UInt32)) -> MD5Digest {
        let a = UInt64(state.0.byteSwapped), b = UInt64(state.1.byteSwapped)
        let c = UInt64(state.2.byteSwapped), d = UInt64(state.3.byteSwapped)
        return MD5Digest(high: a << 32 | b, low: c << 32 | d)
    }

    /// Two independent compressions, statement by statement interleaved (see `digests`).
    @inlinable @inline(__always)
    static func compress2(_ state0: inout (UInt32, UInt32, UInt32, UInt32), _ block0: UnsafeRawPointer,
                          _ state1: inout (UInt32, UInt32, UInt32, UInt32), _ block1: UnsafeRawPointer) {
        let m0_0 = word(block0, 0), m0_1 = word(block0, 1), m0_2 = word(block0, 2), m0_3 = word(block0, 3)
        let m0_4 = word(block0, 4), m0_5 = word(block0, 5), m0_6 = word(block0, 6), m0_7 = word(block0, 7)
        let m0_8 = word(block0, 8), m0_9 = word(block0, 9), m0_10 = word(block0, 10), m0_11 = word(block0, 11)
        let m0_12 = word(block0, 12), m0_13 = word(block0, 13), m0_14 = word(block0, 14), m0_15 = word(block0, 15)
        var a0 = state0.0, b0 = state0.1, c0 = state0.2, d0 = state0.3
        let m1_0 = word(block1, 0), m1_1 = word(block1, 1), m1_2 = word(block1, 2), m1_3 = word(block1, 3)
        let m1_4 = word(block1, 4), m1_5 = word(block1, 5), m1_6 = word(block1, 6), m1_7 = word(block1, 7)
        let m1_8 = word(block1, 8), m1_9 = word(block1, 9), m1_10 = word(block1, 10), m1_11 = word(block1, 11)
        let m1_12 = word(block1, 12), m1_13 = word(block1, 13), m1_14 = word(block1, 14), m1_15 = word(block1, 15)
        var a1 = state1.0, b1 = state1.1, c1 = state1.2, d1 = state1.3
        a0 &+= (d0 ^ (b0 & (c0 ^ d0))) &+ m0_0 &+ 0xd76aa478
        a1 &+= (d1 ^ (b1 & (c1 ^ d1))) &+ m1_0 &+ 0xd76aa478
        a0 = b0 &+ ((a0 << 7) | (a0 >> 25))
        a1 = b1 &+ ((a1 << 7) | (a1 >> 25))
        d0 &+= (c0 ^ (a0 & (b0 ^ c0))) &+ m0_1 &+ 0xe8c7b756
        d1 &+= (c1 ^ (a1 & (b1 ^ c1))) &+ m1_1 &+ 0xe8c7b756
        d0 = a0 &+ ((d0 << 12) | (d0 >> 20))
        d1 = a1 &+ ((d1 << 12) | (d1 >> 20))
        c0 &+= (b0 ^ (d0 & (a0 ^ b0))) &+ m0_2 &+ 0x242070db
        c1 &+= (b1 ^ (d1 & (a1 ^ b1))) &+ m1_2 &+ 0x242070db
        c0 = d0 &+ ((c0 << 17) | (c0 >> 15))
        c1 = d1 &+ ((c1 << 17) | (c1 >> 15))
        b0 &+= (a0 ^ (c0 & (d0 ^ a0))) &+ m0_3 &+ 0xc1bdceee
        b1 &+= (a1 ^ (c1 & (d1 ^ a1))) &+ m1_3 &+ 0xc1bdceee
        b0 = c0 &+ ((b0 << 22) | (b0 >> 10))
        b1 = c1 &+ ((b1 << 22) | (b1 >> 10))
        a0 &+= (d0 ^ (b0 & (c0 ^ d0))) &+ m0_4 &+ 0xf57c0faf
        a1 &+= (d1 ^ (b1 & (c1 ^ d1))) &+ m1_4 &+ 0xf57c0faf
        a0 = b0 &+ ((a0 << 7) | (a0 >> 25))
        a1 = b1 &+ ((a1 << 7) | (a1 >> 25))
        d0 &+= (c0 ^ (a0 & (b0 ^ c0))) &+ m0_5 &+ 0x4787c62a
        d1 &+= (c1 ^ (a1 & (b1 ^ c1))) &+ m1_5 &+ 0x4787c62a
        d0 = a0 &+ ((d0 << 12) | (d0 >> 20))
        d1 = a1 &+ ((d1 << 12) | (d1 >> 20))
        c0 &+= (b0 ^ (d0 & (a0 ^ b0))) &+ m0_6 &+ 0xa8304613
        c1 &+= (b1 ^ (d1 & (a1 ^ b1))) &+ m1_6 &+ 0xa8304613
        c0 = d0 &+ ((c0 << 17) | (c0 >> 15))
        c1 = d1 &+ ((c1 << 17) | (c1 >> 15))
        b0 &+= (a0 ^ (c0 & (d0 ^ a0))) &+ m0_7 &+ 0xfd469501
        b1 &+= (a1 ^ (c1 & (d1 ^ a1))) &+ m1_7 &+ 0xfd469501
        b0 = c0 &+ ((b0 << 22) | (b0 >> 10))
        b1 = c1 &+ ((b1 << 22) | (b1 >> 10))
        a0 &+= (d0 ^ (b0 & (c0 ^ d0))) &+ m0_8 &+ 0x698098d8
        a1 &+= (d1 ^ (b1 & (c1 ^ d1))) &+ m1_8 &+ 0x698098d8
        a0 = b0 &+ ((a0 << 7) | (a0 >> 25))
        a1 = b1 &+ ((a1 << 7) | (a1 >> 25))
        d0 &+= (c0 ^ (a0 & (b0 ^ c0))) &+ m0_9 &+ 0x8b44f7af
        d1 &+= (c1 ^ (a1 & (b1 ^ c1))) &+ m1_9 &+ 0x8b44f7af
        d0 = a0 &+ ((d0 << 12) | (d0 >> 20))
        d1 = a1 &+ ((d1 << 12) | (d1 >> 20))
        c0 &+= (b0 ^ (d0 & (a0 ^ b0))) &+ m0_10 &+ 0xffff5bb1
        c1 &+= (b1 ^ (d1 & (a1 ^ b1))) &+ m1_10 &+ 0xffff5bb1
        c0 = d0 &+ ((c0 << 17) | (c0 >> 15))
        c1 = d1 &+ ((c1 << 17) | (c1 >> 15))
        b0 &+= (a0 ^ (c0 & (d0 ^ a0))) &+ m0_11 &+ 0x895cd7be
        b1 &+= (a1 ^ (c1 & (d1 ^ a1))) &+ m1_11 &+ 0x895cd7be
        b0 = c0 &+ ((b0 << 22) | (b0 >> 10))
        b1 = c1 &+ ((b1 << 22) | (b1 >> 10))
        a0 &+= (d0 ^ (b0 & (c0 ^ d0))) &+ m0_12 &+ 0x6b901122
        a1 &+= (d1 ^ (b1 & (c1 ^ d1))) &+ m1_12 &+ 0x6b901122
        a0 = b0 &+ ((a0 << 7) | (a0 >> 25))
        a1 = b1 &+ ((a1 << 7) | (a1 >> 25))
        d0 &+= (c0 ^ (a0 & (b0 ^ c0))) &+ m0_13 &+ 0xfd987193
        d1 &+= (c1 ^ (a1 & (b1 ^ c1))) &+ m1_13 &+ 0xfd987193
        d0 = a0 &+ ((d0 << 12) | (d0 >> 20))
        d1 = a1 &+ ((d1 << 12) | (d1 >> 20))
        c0 &+= (b0 ^ (d0 & (a0 ^ b0))) &+ m0_14 &+ 0xa679438e
        c1 &+= (b1 ^ (d1 & (a1 ^ b1))) &+ m1_14 &+ 0xa679438e
        c0 = d0 &+ ((c0 << 17) | (c0 >> 15))
        c1 = d1 &+ ((c1 << 17) | (c1 >> 15))
        b0 &+= (a0 ^ (c0 & (d0 ^ a0))) &+ m0_15 &+ 0x49b40821
        b1 &+= (a1 ^ (c1 & (d1 ^ a1))) &+ m1_15 &+ 0x49b40821
        b0 = c0 &+ ((b0 << 22) | (b0 >> 10))
        b1 = c1 &+ ((b1 << 22) | (b1 >> 10))
        a0 &+= (c0 ^ (d0 & (b0 ^ c0))) &+ m0_1 &+ 0xf61e2562
        a1 &+= (c1 ^ (d1 & (b1 ^ c1))) &+ m1_1 &+ 0xf61e2562
        a0 = b0 &+ ((a0 << 5) | (a0 >> 27))
        a1 = b1 &+ ((a1 << 5) | (a1 >> 27))
        d0 &+= (b0 ^ (c0 & (a0 ^ b0))) &+ m0_6 &+ 0xc040b340
        d1 &+= (b1 ^ (c1 & (a1 ^ b1))) &+ m1_6 &+ 0xc040b340
        d0 = a0 &+ ((d0 << 9) | (d0 >> 23))
        d1 = a1 &+ ((d1 << 9) | (d1 >> 23))
        c0 &+= (a0 ^ (b0 & (d0 ^ a0))) &+ m0_11 &+ 0x265e5a51
        c1 &+= (a1 ^ (b1 & (d1 ^ a1))) &+ m1_11 &+ 0x265e5a51
        c0 = d0 &+ ((c0 << 14) | (c0 >> 18))
        c1 = d1 &+ ((c1 << 14) | (c1 >> 18))
        b0 &+= (d0 ^ (a0 & (c0 ^ d0))) &+ m0_0 &+ 0xe9b6c7aa
        b1 &+= (d1 ^ (a1 & (c1 ^ d1))) &+ m1_0 &+ 0xe9b6c7aa
        b0 = c0 &+ ((b0 << 20) | (b0 >> 12))
        b1 = c1 &+ ((b1 << 20) | (b1 >> 12))
        a0 &+= (c0 ^ (d0 & (b0 ^ c0))) &+ m0_5 &+ 0xd62f105d
        a1 &+= (c1 ^ (d1 & (b1 ^ c1))) &+ m1_5 &+ 0xd62f105d
        a0 = b0 &+ ((a0 << 5) | (a0 >> 27))
        a1 = b1 &+ ((a1 << 5) | (a1 >> 27))
        d0 &+= (b0 ^ (c0 & (a0 ^ b0))) &+ m0_10 &+ 0x02441453
        d1 &+= (b1 ^ (c1 & (a1 ^ b1))) &+ m1_10 &+ 0x02441453
        d0 = a0 &+ ((d0 << 9) | (d0 >> 23))
        d1 = a1 &+ ((d1 << 9) | (d1 >> 23))
        c0 &+= (a0 ^ (b0 & (d0 ^ a0))) &+ m0_15 &+ 0xd8a1e681
        c1 &+= (a1 ^ (b1 & (d1 ^ a1))) &+ m1_15 &+ 0xd8a1e681
        c0 = d0 &+ ((c0 << 14) | (c0 >> 18))
        c1 = d1 &+ ((c1 << 14) | (c1 >> 18))
        b0 &+= (d0 ^ (a0 & (c0 ^ d0))) &+ m0_4 &+ 0xe7d3fbc8
        b1 &+= (d1 ^ (a1 & (c1 ^ d1))) &+ m1_4 &+ 0xe7d3fbc8
        b0 = c0 &+ ((b0 << 20) | (b0 >> 12))
        b1 = c1 &+ ((b1 << 20) | (b1 >> 12))
        a0 &+= (c0 ^ (d0 & (b0 ^ c0))) &+ m0_9 &+ 0x21e1cde6
        a1 &+= (c1 ^ (d1 & (b1 ^ c1))) &+ m1_9 &+ 0x21e1cde6
        a0 = b0 &+ ((a0 << 5) | (a0 >> 27))
        a1 = b1 &+ ((a1 << 5) | (a1 >> 27))
        d0 &+= (b0 ^ (c0 & (a0 ^ b0))) &+ m0_14 &+ 0xc33707d6
        d1 &+= (b1 ^ (c1 & (a1 ^ b1))) &+ m1_14 &+ 0xc33707d6
        d0 = a0 &+ ((d0 << 9) | (d0 >> 23))
        d1 = a1 &+ ((d1 << 9) | (d1 >> 23))
        c0 &+= (a0 ^ (b0 & (d0 ^ a0))) &+ m0_3 &+ 0xf4d50d87
        c1 &+= (a1 ^ (b1 & (d1 ^ a1))) &+ m1_3 &+ 0xf4d50d87
        c0 = d0 &+ ((c0 << 14) | (c0 >> 18))
        c1 = d1 &+ ((c1 << 14) | (c1 >> 18))
        b0 &+= (d0 ^ (a0 & (c0 ^ d0))) &+ m0_8 &+ 0x455a14ed
        b1 &+= (d1 ^ (a1 & (c1 ^ d1))) &+ m1_8 &+ 0x455a14ed
        b0 = c0 &+ ((b0 << 20) | (b0 >> 12))
        b1 = c1 &+ ((b1 << 20) | (b1 >> 12))
        a0 &+= (c0 ^ (d0 & (b0 ^ c0))) &+ m0_13 &+ 0xa9e3e905
        a1 &+= (c1 ^ (d1 & (b1 ^ c1))) &+ m1_13 &+ 0xa9e3e905
        a0 = b0 &+ ((a0 << 5) | (a0 >> 27))
        a1 = b1 &+ ((a1 << 5) | (a1 >> 27))
        d0 &+= (b0 ^ (c0 & (a0 ^ b0))) &+ m0_2 &+ 0xfcefa3f8
        d1 &+= (b1 ^ (c1 & (a1 ^ b1))) &+ m1_2 &+ 0xfcefa3f8
        d0 = a0 &+ ((d0 << 9) | (d0 >> 23))
        d1 = a1 &+ ((d1 << 9) | (d1 >> 23))
        c0 &+= (a0 ^ (b0 & (d0 ^ a0))) &+ m0_7 &+ 0x676f02d9
        c1 &+= (a1 ^ (b1 & (d1 ^ a1))) &+ m1_7 &+ 0x676f02d9
        c0 = d0 &+ ((c0 << 14) | (c0 >> 18))
        c1 = d1 &+ ((c1 << 14) | (c1 >> 18))
        b0 &+= (d0 ^ (a0 & (c0 ^ d0))) &+ m0_12 &+ 0x8d2a4c8a
        b1 &+= (d1 ^ (a1 & (c1 ^ d1))) &+ m1_12 &+ 0x8d2a4c8a
        b0 = c0 &+ ((b0 << 20) | (b0 >> 12))
        b1 = c1 &+ ((b1 << 20) | (b1 >> 12))
        a0 &+= (b0 ^ c0 ^ d0) &+ m0_5 &+ 0xfffa3942
        a1 &+= (b1 ^ c1 ^ d1) &+ m1_5 &+ 0xfffa3942
        a0 = b0 &+ ((a0 << 4) | (a0 >> 28))
        a1 = b1 &+ ((a1 << 4) | (a1 >> 28))
        d0 &+= (a0 ^ b0 ^ c0) &+ m0_8 &+ 0x8771f681
        d1 &+= (a1 ^ b1 ^ c1) &+ m1_8 &+ 0x8771f681
        d0 = a0 &+ ((d0 << 11) | (d0 >> 21))
        d1 = a1 &+ ((d1 << 11) | (d1 >> 21))
        c0 &+= (d0 ^ a0 ^ b0) &+ m0_11 &+ 0x6d9d6122
        c1 &+= (d1 ^ a1 ^ b1) &+ m1_11 &+ 0x6d9d6122
        c0 = d0 &+ ((c0 << 16) | (c0 >> 16))
        c1 = d1 &+ ((c1 << 16) | (c1 >> 16))
        b0 &+= (c0 ^ d0 ^ a0) &+ m0_14 &+ 0xfde5380c
        b1 &+= (c1 ^ d1 ^ a1) &+ m1_14 &+ 0xfde5380c
        b0 = c0 &+ ((b0 << 23) | (b0 >> 9))
        b1 = c1 &+ ((b1 << 23) | (b1 >> 9))
        a0 &+= (b0 ^ c0 ^ d0) &+ m0_1 &+ 0xa4beea44
        a1 &+= (b1 ^ c1 ^ d1) &+ m1_1 &+ 0xa4beea44
        a0 = b0 &+ ((a0 << 4) | (a0 >> 28))
        a1 = b1 &+ ((a1 << 4) | (a1 >> 28))
        d0 &+= (a0 ^ b0 ^ c0) &+ m0_4 &+ 0x4bdecfa9
        d1 &+= (a1 ^ b1 ^ c1) &+ m1_4 &+ 0x4bdecfa9
        d0 = a0 &+ ((d0 << 11) | (d0 >> 21))
        d1 = a1 &+ ((d1 << 11) | (d1 >> 21))
        c0 &+= (d0 ^ a0 ^ b0) &+ m0_7 &+ 0xf6bb4b60
        c1 &+= (d1 ^ a1 ^ b1) &+ m1_7 &+ 0xf6bb4b60
        c0 = d0 &+ ((c0 << 16) | (c0 >> 16))
        c1 = d1 &+ ((c1 << 16) | (c1 >> 16))
        b0 &+= (c0 ^ d0 ^ a0) &+ m0_10 &+ 0xbebfbc70
        b1 &+= (c1 ^ d1 ^ a1) &+ m1_10 &+ 0xbebfbc70
        b0 = c0 &+ ((b0 << 23) | (b0 >> 9))
        b1 = c1 &+ ((b1 << 23) | (b1 >> 9))
        a0 &+= (b0 ^ c0 ^ d0) &+ m0_13 &+ 0x289b7ec6
        a1 &+= (b1 ^ c1 ^ d1) &+ m1_13 &+ 0x289b7ec6
        a0 = b0 &+ ((a0 << 4) | (a0 >> 28))
        a1 = b1 &+ ((a1 << 4) | (a1 >> 28))
        d0 &+= (a0 ^ b0 ^ c0) &+ m0_0 &+ 0xeaa127fa
        d1 &+= (a1 ^ b1 ^ c1) &+ m1_0 &+ 0xeaa127fa
        d0 = a0 &+ ((d0 << 11) | (d0 >> 21))
        d1 = a1 &+ ((d1 << 11) | (d1 >> 21))
        c0 &+= (d0 ^ a0 ^ b0) &+ m0_3 &+ 0xd4ef3085
        c1 &+= (d1 ^ a1 ^ b1) &+ m1_3 &+ 0xd4ef3085
        c0 = d0 &+ ((c0 << 16) | (c0 >> 16))
        c1 = d1 &+ ((c1 << 16) | (c1 >> 16))
        b0 &+= (c0 ^ d0 ^ a0) &+ m0_6 &+ 0x04881d05
        b1 &+= (c1 ^ d1 ^ a1) &+ m1_6 &+ 0x04881d05
        b0 = c0 &+ ((b0 << 23) | (b0 >> 9))
        b1 = c1 &+ ((b1 << 23) | (b1 >> 9))
        a0 &+= (b0 ^ c0 ^ d0) &+ m0_9 &+ 0xd9d4d039
        a1 &+= (b1 ^ c1 ^ d1) &+ m1_9 &+ 0xd9d4d039
        a0 = b0 &+ ((a0 << 4) | (a0 >> 28))
        a1 = b1 &+ ((a1 << 4) | (a1 >> 28))
        d0 &+= (a0 ^ b0 ^ c0) &+ m0_12 &+ 0xe6db99e5
        d1 &+= (a1 ^ b1 ^ c1) &+ m1_12 &+ 0xe6db99e5
        d0 = a0 &+ ((d0 << 11) | (d0 >> 21))
        d1 = a1 &+ ((d1 << 11) | (d1 >> 21))
        c0 &+= (d0 ^ a0 ^ b0) &+ m0_15 &+ 0x1fa27cf8
        c1 &+= (d1 ^ a1 ^ b1) &+ m1_15 &+ 0x1fa27cf8
        c0 = d0 &+ ((c0 << 16) | (c0 >> 16))
        c1 = d1 &+ ((c1 << 16) | (c1 >> 16))
        b0 &+= (c0 ^ d0 ^ a0) &+ m0_2 &+ 0xc4ac5665
        b1 &+= (c1 ^ d1 ^ a1) &+ m1_2 &+ 0xc4ac5665
        b0 = c0 &+ ((b0 << 23) | (b0 >> 9))
        b1 = c1 &+ ((b1 << 23) | (b1 >> 9))
        a0 &+= (c0 ^ (b0 | ~d0)) &+ m0_0 &+ 0xf4292244
        a1 &+= (c1 ^ (b1 | ~d1)) &+ m1_0 &+ 0xf4292244
        a0 = b0 &+ ((a0 << 6) | (a0 >> 26))
        a1 = b1 &+ ((a1 << 6) | (a1 >> 26))
        d0 &+= (b0 ^ (a0 | ~c0)) &+ m0_7 &+ 0x432aff97
        d1 &+= (b1 ^ (a1 | ~c1)) &+ m1_7 &+ 0x432aff97
        d0 = a0 &+ ((d0 << 10) | (d0 >> 22))
        d1 = a1 &+ ((d1 << 10) | (d1 >> 22))
        c0 &+= (a0 ^ (d0 | ~b0)) &+ m0_14 &+ 0xab9423a7
        c1 &+= (a1 ^ (d1 | ~b1)) &+ m1_14 &+ 0xab9423a7
        c0 = d0 &+ ((c0 << 15) | (c0 >> 17))
        c1 = d1 &+ ((c1 << 15) | (c1 >> 17))
        b0 &+= (d0 ^ (c0 | ~a0)) &+ m0_5 &+ 0xfc93a039
        b1 &+= (d1 ^ (c1 | ~a1)) &+ m1_5 &+ 0xfc93a039
        b0 = c0 &+ ((b0 << 21) | (b0 >> 11))
        b1 = c1 &+ ((b1 << 21) | (b1 >> 11))
        a0 &+= (c0 ^ (b0 | ~d0)) &+ m0_12 &+ 0x655b59c3
        a1 &+= (c1 ^ (b1 | ~d1)) &+ m1_12 &+ 0x655b59c3
        a0 = b0 &+ ((a0 << 6) | (a0 >> 26))
        a1 = b1 &+ ((a1 << 6) | (a1 >> 26))
        d0 &+= (b0 ^ (a0 | ~c0)) &+ m0_3 &+ 0x8f0ccc92
        d1 &+= (b1 ^ (a1 | ~c1)) &+ m1_3 &+ 0x8f0ccc92
        d0 = a0 &+ ((d0 << 10) | (d0 >> 22))
        d1 = a1 &+ ((d1 << 10) | (d1 >> 22))
        c0 &+= (a0 ^ (d0 | ~b0)) &+ m0_10 &+ 0xffeff47d
        c1 &+= (a1 ^ (d1 | ~b1)) &+ m1_10 &+ 0xffeff47d
        c0 = d0 &+ ((c0 << 15) | (c0 >> 17))
        c1 = d1 &+ ((c1 << 15) | (c1 >> 17))
        b0 &+= (d0 ^ (c0 | ~a0)) &+ m0_1 &+ 0x85845dd1
        b1 &+= (d1 ^ (c1 | ~a1)) &+ m1_1 &+ 0x85845dd1
        b0 = c0 &+ ((b0 << 21) | (b0 >> 11))
        b1 = c1 &+ ((b1 << 21) | (b1 >> 11))
        a0 &+= (c0 ^ (b0 | ~d0)) &+ m0_8 &+ 0x6fa87e4f
        a1 &+= (c1 ^ (b1 | ~d1)) &+ m1_8 &+ 0x6fa87e4f
        a0 = b0 &+ ((a0 << 6) | (a0 >> 26))
        a1 = b1 &+ ((a1 << 6) | (a1 >> 26))
        d0 &+= (b0 ^ (a0 | ~c0)) &+ m0_15 &+ 0xfe2ce6e0
        d1 &+= (b1 ^ (a1 | ~c1)) &+ m1_15 &+ 0xfe2ce6e0
        d0 = a0 &+ ((d0 << 10) | (d0 >> 22))
        d1 = a1 &+ ((d1 << 10) | (d1 >> 22))
        c0 &+= (a0 ^ (d0 | ~b0)) &+ m0_6 &+ 0xa3014314
        c1 &+= (a1 ^ (d1 | ~b1)) &+ m1_6 &+ 0xa3014314
        c0 = d0 &+ ((c0 << 15) | (c0 >> 17))
        c1 = d1 &+ ((c1 << 15) | (c1 >> 17))
        b0 &+= (d0 ^ (c0 | ~a0)) &+ m0_13 &+ 0x4e0811a1
        b1 &+= (d1 ^ (c1 | ~a1)) &+ m1_13 &+ 0x4e0811a1
        b0 = c0 &+ ((b0 << 21) | (b0 >> 11))
        b1 = c1 &+ ((b1 << 21) | (b1 >> 11))
        a0 &+= (c0 ^ (b0 | ~d0)) &+ m0_4 &+ 0xf7537e82
        a1 &+= (c1 ^ (b1 | ~d1)) &+ m1_4 &+ 0xf7537e82
        a0 = b0 &+ ((a0 << 6) | (a0 >> 26))
        a1 = b1 &+ ((a1 << 6) | (a1 >> 26))
        d0 &+= (b0 ^ (a0 | ~c0)) &+ m0_11 &+ 0xbd3af235
        d1 &+= (b1 ^ (a1 | ~c1)) &+ m1_11 &+ 0xbd3af235
        d0 = a0 &+ ((d0 << 10) | (d0 >> 22))
        d1 = a1 &+ ((d1 << 10) | (d1 >> 22))
        c0 &+= (a0 ^ (d0 | ~b0)) &+ m0_2 &+ 0x2ad7d2bb
        c1 &+= (a1 ^ (d1 | ~b1)) &+ m1_2 &+ 0x2ad7d2bb
        c0 = d0 &+ ((c0 << 15) | (c0 >> 17))
        c1 = d1 &+ ((c1 << 15) | (c1 >> 17))
        b0 &+= (d0 ^ (c0 | ~a0)) &+ m0_9 &+ 0xeb86d391
        b1 &+= (d1 ^ (c1 | ~a1)) &+ m1_9 &+ 0xeb86d391
        b0 = c0 &+ ((b0 << 21) | (b0 >> 11))
        b1 = c1 &+ ((b1 << 21) | (b1 >> 11))
        state0.0 &+= a0; state0.1 &+= b0; state0.2 &+= c0; state0.3 &+= d0
        state1.0 &+= a1; state1.1 &+= b1; state1.2 &+= c1; state1.3 &+= d1
    }

    /// One MD5 compression of the 64-byte block at `block` (RFC 1321 §3.4), fully unrolled.
    @inlinable @inline(__always)
    static func compress(_ state: inout (UInt32, UInt32, UInt32, UInt32), _ block: UnsafeRawPointer) {
        let m0 = word(block, 0), m1 = word(block, 1), m2 = word(block, 2), m3 = word(block, 3)
        let m4 = word(block, 4), m5 = word(block, 5), m6 = word(block, 6), m7 = word(block, 7)
        let m8 = word(block, 8), m9 = word(block, 9), m10 = word(block, 10), m11 = word(block, 11)
        let m12 = word(block, 12), m13 = word(block, 13), m14 = word(block, 14), m15 = word(block, 15)
        var a = state.0, b = state.1, c = state.2, d = state.3
        a &+= (d ^ (b & (c ^ d))) &+ m0 &+ 0xd76aa478
        a = b &+ ((a << 7) | (a >> 25))
        d &+= (c ^ (a & (b ^ c))) &+ m1 &+ 0xe8c7b756
        d = a &+ ((d << 12) | (d >> 20))
        c &+= (b ^ (d & (a ^ b))) &+ m2 &+ 0x242070db
        c = d &+ ((c << 17) | (c >> 15))
        b &+= (a ^ (c & (d ^ a))) &+ m3 &+ 0xc1bdceee
        b = c &+ ((b << 22) | (b >> 10))
        a &+= (d ^ (b & (c ^ d))) &+ m4 &+ 0xf57c0faf
        a = b &+ ((a << 7) | (a >> 25))
        d &+= (c ^ (a & (b ^ c))) &+ m5 &+ 0x4787c62a
        d = a &+ ((d << 12) | (d >> 20))
        c &+= (b ^ (d & (a ^ b))) &+ m6 &+ 0xa8304613
        c = d &+ ((c << 17) | (c >> 15))
        b &+= (a ^ (c & (d ^ a))) &+ m7 &+ 0xfd469501
        b = c &+ ((b << 22) | (b >> 10))
        a &+= (d ^ (b & (c ^ d))) &+ m8 &+ 0x698098d8
        a = b &+ ((a << 7) | (a >> 25))
        d &+= (c ^ (a & (b ^ c))) &+ m9 &+ 0x8b44f7af
        d = a &+ ((d << 12) | (d >> 20))
        c &+= (b ^ (d & (a ^ b))) &+ m10 &+ 0xffff5bb1
        c = d &+ ((c << 17) | (c >> 15))
        b &+= (a ^ (c & (d ^ a))) &+ m11 &+ 0x895cd7be
        b = c &+ ((b << 22) | (b >> 10))
        a &+= (d ^ (b & (c ^ d))) &+ m12 &+ 0x6b901122
        a = b &+ ((a << 7) | (a >> 25))
        d &+= (c ^ (a & (b ^ c))) &+ m13 &+ 0xfd987193
        d = a &+ ((d << 12) | (d >> 20))
        c &+= (b ^ (d & (a ^ b))) &+ m14 &+ 0xa679438e
        c = d &+ ((c << 17) | (c >> 15))
        b &+= (a ^ (c & (d ^ a))) &+ m15 &+ 0x49b40821
        b = c &+ ((b << 22) | (b >> 10))
        a &+= (c ^ (d & (b ^ c))) &+ m1 &+ 0xf61e2562
        a = b &+ ((a << 5) | (a >> 27))
        d &+= (b ^ (c & (a ^ b))) &+ m6 &+ 0xc040b340
        d = a &+ ((d << 9) | (d >> 23))
        c &+= (a ^ (b & (d ^ a))) &+ m11 &+ 0x265e5a51
        c = d &+ ((c << 14) | (c >> 18))
        b &+= (d ^ (a & (c ^ d))) &+ m0 &+ 0xe9b6c7aa
        b = c &+ ((b << 20) | (b >> 12))
        a &+= (c ^ (d & (b ^ c))) &+ m5 &+ 0xd62f105d
        a = b &+ ((a << 5) | (a >> 27))
        d &+= (b ^ (c & (a ^ b))) &+ m10 &+ 0x02441453
        d = a &+ ((d << 9) | (d >> 23))
        c &+= (a ^ (b & (d ^ a))) &+ m15 &+ 0xd8a1e681
        c = d &+ ((c << 14) | (c >> 18))
        b &+= (d ^ (a & (c ^ d))) &+ m4 &+ 0xe7d3fbc8
        b = c &+ ((b << 20) | (b >> 12))
        a &+= (c ^ (d & (b ^ c))) &+ m9 &+ 0x21e1cde6
        a = b &+ ((a << 5) | (a >> 27))
        d &+= (b ^ (c & (a ^ b))) &+ m14 &+ 0xc33707d6
        d = a &+ ((d << 9) | (d >> 23))
        c &+= (a ^ (b & (d ^ a))) &+ m3 &+ 0xf4d50d87
        c = d &+ ((c << 14) | (c >> 18))
        b &+= (d ^ (a & (c ^ d))) &+ m8 &+ 0x455a14ed
        b = c &+ ((b << 20) | (b >> 12))
        a &+= (c ^ (d & (b ^ c))) &+ m13 &+ 0xa9e3e905
        a = b &+ ((a << 5) | (a >> 27))
        d &+= (b ^ (c & (a ^ b))) &+ m2 &+ 0xfcefa3f8
        d = a &+ ((d << 9) | (d >> 23))
        c &+= (a ^ (b & (d ^ a))) &+ m7 &+ 0x676f02d9
        c = d &+ ((c << 14) | (c >> 18))
        b &+= (d ^ (a & (c ^ d))) &+ m12 &+ 0x8d2a4c8a
        b = c &+ ((b << 20) | (b >> 12))
        a &+= (b ^ c ^ d) &+ m5 &+ 0xfffa3942
        a = b &+ ((a << 4) | (a >> 28))
        d &+= (a ^ b ^ c) &+ m8 &+ 0x8771f681
        d = a &+ ((d << 11) | (d >> 21))
        c &+= (d ^ a ^ b) &+ m11 &+ 0x6d9d6122
        c = d &+ ((c << 16) | (c >> 16))
        b &+= (c ^ d ^ a) &+ m14 &+ 0xfde5380c
        b = c &+ ((b << 23) | (b >> 9))
        a &+= (b ^ c ^ d) &+ m1 &+ 0xa4beea44
        a = b &+ ((a << 4) | (a >> 28))
        d &+= (a ^ b ^ c) &+ m4 &+ 0x4bdecfa9
        d = a &+ ((d << 11) | (d >> 21))
        c &+= (d ^ a ^ b) &+ m7 &+ 0xf6bb4b60
        c = d &+ ((c << 16) | (c >> 16))
        b &+= (c ^ d ^ a) &+ m10 &+ 0xbebfbc70
        b = c &+ ((b << 23) | (b >> 9))
        a &+= (b ^ c ^ d) &+ m13 &+ 0x289b7ec6
        a = b &+ ((a << 4) | (a >> 28))
        d &+= (a ^ b ^ c) &+ m0 &+ 0xeaa127fa
        d = a &+ ((d << 11) | (d >> 21))
        c &+= (d ^ a ^ b) &+ m3 &+ 0xd4ef3085
        c = d &+ ((c << 16) | (c >> 16))
        b &+= (c ^ d ^ a) &+ m6 &+ 0x04881d05
        b = c &+ ((b << 23) | (b >> 9))
        a &+= (b ^ c ^ d) &+ m9 &+ 0xd9d4d039
        a = b &+ ((a << 4) | (a >> 28))
        d &+= (a ^ b ^ c) &+ m12 &+ 0xe6db99e5
        d = a &+ ((d << 11) | (d >> 21))
        c &+= (d ^ a ^ b) &+ m15 &+ 0x1fa27cf8
        c = d &+ ((c << 16) | (c >> 16))
        b &+= (c ^ d ^ a) &+ m2 &+ 0xc4ac5665
        b = c &+ ((b << 23) | (b >> 9))
        a &+= (c ^ (b | ~d)) &+ m0 &+ 0xf4292244
        a = b &+ ((a << 6) | (a >> 26))
        d &+= (b ^ (a | ~c)) &+ m7 &+ 0x432aff97
        d = a &+ ((d << 10) | (d >> 22))
        c &+= (a ^ (d | ~b)) &+ m14 &+ 0xab9423a7
        c = d &+ ((c << 15) | (c >> 17))
        b &+= (d ^ (c | ~a)) &+ m5 &+ 0xfc93a039
        b = c &+ ((b << 21) | (b >> 11))
        a &+= (c ^ (b | ~d)) &+ m12 &+ 0x655b59c3
        a = b &+ ((a << 6) | (a >> 26))
        d &+= (b ^ (a | ~c)) &+ m3 &+ 0x8f0ccc92
        d = a &+ ((d << 10) | (d >> 22))
        c &+= (a ^ (d | ~b)) &+ m10 &+ 0xffeff47d
        c = d &+ ((c << 15) | (c >> 17))
        b &+= (d ^ (c | ~a)) &+ m1 &+ 0x85845dd1
        b = c &+ ((b << 21) | (b >> 11))
        a &+= (c ^ (b | ~d)) &+ m8 &+ 0x6fa87e4f
        a = b &+ ((a << 6) | (a >> 26))
        d &+= (b ^ (a | ~c)) &+ m15 &+ 0xfe2ce6e0
        d = a &+ ((d << 10) | (d >> 22))
        c &+= (a ^ (d | ~b)) &+ m6 &+ 0xa3014314
        c = d &+ ((c << 15) | (c >> 17))
        b &+= (d ^ (c | ~a)) &+ m13 &+ 0x4e0811a1
        b = c &+ ((b << 21) | (b >> 11))
        a &+= (c ^ (b | ~d)) &+ m4 &+ 0xf7537e82
        a = b &+ ((a << 6) | (a >> 26))
        d &+= (b ^ (a | ~c)) &+ m11 &+ 0xbd3af235
        d = a &+ ((d << 10) | (d >> 22))
        c &+= (a ^ (d | ~b)) &+ m2 &+ 0x2ad7d2bb
        c = d &+ ((c << 15) | (c >> 17))
        b &+= (d ^ (c | ~a)) &+ m9 &+ 0xeb86d391
        b = c &+ ((b << 21) | (b >> 11))
        state.0 &+= a; state.1 &+= b; state.2 &+= c; state.3 &+= d
    }

    @inlinable @inline(__always)
    static func word(_ block: UnsafeRawPointer, _ index: Int) -> UInt32 {
        UInt32(littleEndian: block.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
    }
}
