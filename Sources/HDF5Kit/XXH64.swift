/// XXH64 (Yann Collet, xxHash, https://github.com/Cyan4973/xxHash, `doc/xxhash_spec.md`),
/// seed 0, streaming: a fast non-cryptographic 64-bit hash, here to detect damage.
///
/// ```swift
/// XXH64.hash(UnsafeRawBufferPointer(...))   // one shot
/// var h = XXH64(); h.update(bytes); h.finalize()
/// ```
///
/// - Complexity: O(n).
public struct XXH64: Sendable {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (p1 &+ p2, p2, 0, 0 &- p1)
    private var buffer = [UInt8](repeating: 0, count: 32)
    private var buffered = 0
    private var length: UInt64 = 0

    public init() {}

    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
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

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
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

    public func finalize() -> UInt64 {
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
