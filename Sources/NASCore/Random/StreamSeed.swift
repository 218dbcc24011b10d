/// Derives the seed of one independent random stream from a base seed and the labels
/// that identify it, such as (experiment, benchmark, algorithm configuration, trial).
///
/// ```swift
/// let seed = StreamSeed.derive(base: 20261123, labels: ["nats-tss", "aging", "trial", "17"])
/// var rng = Xoshiro256StarStar(seed: seed)
/// ```
///
/// Labels are hashed with FNV-1a over their UTF-8 bytes and folded through SplitMix64, so
/// the result depends only on the labels, never on process, thread or platform (Swift's
/// `Hasher` is randomised per process and must not be used for this).
public enum StreamSeed {
    public static func derive(base: UInt64, labels: [String]) -> UInt64 {
        var mixer = SplitMix64(state: base)
        var state = mixer.next()
        for label in labels {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in label.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01B3
            }
            // Length-prefixing keeps ["ab","c"] and ["a","bc"] apart.
            h ^= UInt64(label.utf8.count) &* 0x9E37_79B9_7F4A_7C15
            var step = SplitMix64(state: state ^ h)
            state = step.next()
        }
        return state
    }
}
