import NASCore

/// Seeded byte-level mutations, libFuzzer's kinds without its coverage feedback: bit flips,
/// interesting bytes and integers, erased, inserted and duplicated ranges, dictionary
/// tokens, splices with another seed, and truncation, 1 to 4 stacked per input.
///
/// ```swift
/// var rng = Xoshiro256StarStar(seed: 7)
/// let input = ByteMutator(dictionary: FuzzDictionary.tokens(for: .spec), maxLength: 1 << 16)
///     .mutate(seed, splicingWith: seeds, using: &rng)
/// ```
public struct ByteMutator: Sendable {
    public var dictionary: [[UInt8]]
    public var maxLength: Int

    public init(dictionary: [[UInt8]], maxLength: Int) {
        self.dictionary = dictionary
        self.maxLength = maxLength
    }

    static let interestingBytes: [UInt8] = [0, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x0d, 0x22, 0x27, 0x2c, 0x3d, 0x5b, 0x5d, 0x2d, 0x2e, 0x23, 0x39, 0x09, 0x20]
    static let interestingIntegers: [UInt64] = [0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff,
                                                1 << 32, 1 << 40, 1 << 62, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, UInt64.max]

    /// A mutant of `input`; `others` are spliced from.
    public func mutate<R: RandomNumberGenerator>(_ input: [UInt8], splicingWith others: [[UInt8]], using rng: inout R) -> [UInt8] {
        var bytes = input
        let count = 1 + rng.nextInt(below: 4)
        for _ in 0..<count { mutateOnce(&bytes, others: others, using: &rng) }
        if bytes.count > maxLength { bytes.removeLast(bytes.count - maxLength) }
        return bytes
    }

    private func mutateOnce<R: RandomNumberGenerator>(_ bytes: inout [UInt8], others: [[UInt8]], using rng: inout R) {
        let n = bytes.count
        func position(_ limit: Int) -> Int { limit <= 0 ? 0 : rng.nextInt(below: limit) }
        switch rng.nextInt(below: 10) {
        case 0 where n > 0:
            bytes[position(n)] ^= UInt8(1) << UInt8(rng.nextInt(below: 8))
        case 1 where n > 0:
            bytes[position(n)] = UInt8(truncatingIfNeeded: rng.next())
        case 2 where n > 0:
            bytes[position(n)] = Self.interestingBytes[rng.nextInt(below: Self.interestingBytes.count)]
        case 3 where n > 0:
            let start = position(n)
            let length = 1 + position(min(64, n - start))
            bytes.removeSubrange(start..<min(n, start + length))
        case 4:
            let inserted = (0..<(1 + rng.nextInt(below: 16))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.insert(contentsOf: inserted, at: position(n + 1))
        case 5 where n > 0:
            let start = position(n)
            let length = 1 + position(min(4096, n - start))
            let copy = Array(bytes[start..<min(n, start + length)])
            bytes.insert(contentsOf: copy, at: position(n + 1))
        case 6 where !dictionary.isEmpty:
            let token = dictionary[rng.nextInt(below: dictionary.count)]
            if n > 0, rng.nextBernoulli(0.5) {
                let at = position(n)
                bytes.replaceSubrange(at..<min(n, at + token.count), with: token)
            } else {
                bytes.insert(contentsOf: token, at: position(n + 1))
            }
        case 7 where n >= 8:
            // A little- or big-endian integer of 1, 2, 4 or 8 bytes, as binary formats hold them.
            let width = [1, 2, 4, 8][rng.nextInt(below: 4)]
            var value = Self.interestingIntegers[rng.nextInt(below: Self.interestingIntegers.count)]
            if rng.nextBernoulli(0.25) { value = value &+ UInt64(bitPattern: Int64(rng.nextInt(below: 5) - 2)) }
            let at = position(n - width + 1)
            let bigEndian = rng.nextBernoulli(0.5)
            for k in 0..<width {
                let shift = UInt64(8 * (bigEndian ? width - 1 - k : k))
                bytes[at + k] = UInt8(truncatingIfNeeded: value >> shift)
            }
        case 8 where !others.isEmpty:
            let other = others[rng.nextInt(below: others.count)]
            let cut = position(n + 1), from = position(other.count + 1)
            bytes = Array(bytes[..<cut]) + Array(other[from...])
        case 9 where n > 0:
            bytes.removeLast(n - position(n))
        default:
            bytes.insert(Self.interestingBytes[rng.nextInt(below: Self.interestingBytes.count)], at: position(n + 1))
        }
    }
}
