/// The xoshiro256** generator of Blackman & Vigna (2018), seeded through SplitMix64.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 42)
/// let die = rng.nextInt(below: 6)
/// ```
///
/// Every random choice in NASReplay goes through a generator of this type, so that a
/// trial replays bit for bit. It is a value type: copying it forks the stream.
/// Reference: https://prng.di.unimi.it/xoshiro256starstar.c
public struct Xoshiro256StarStar: RandomNumberGenerator, Sendable, Hashable {
    @usableFromInline var s0, s1, s2, s3: UInt64

    /// Expands a 64-bit seed into the 256-bit state with SplitMix64, as the authors advise;
    /// this never yields the forbidden all-zero state.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next(); s1 = mixer.next(); s2 = mixer.next(); s3 = mixer.next()
    }

    /// - Complexity: O(1)
    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    // Masking shifts (&<<, &>>) compile to single rotate instructions; the checked `<<`
    // guards against over-shifting and blocks that.
    @inlinable @inline(__always)
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x &<< k) | (x &>> (64 &- k)) }
}

/// SplitMix64 (Steele, Lea & Flood 2014): used to expand seeds and to derive stream seeds.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64
    public init(state: UInt64) { self.state = state }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
