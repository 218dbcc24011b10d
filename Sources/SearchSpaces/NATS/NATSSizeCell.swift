import NASCore

/// A NATS-Bench size-space cell: 5 layers, each with 8, 16, …, 64 channels.
///
/// ```swift
/// let cell = try NATSSizeCell(parsing: "64:64:64:64:64")
/// cell.index                 // 32767
/// ```
///
/// Index = Σ (c_k/8 − 1)·8^(4−k): base 8, last layer fastest (ALGORITHMS.md §5.2).
public struct NATSSizeCell: Hashable, Sendable, CustomStringConvertible {
    public static let channelChoices = [8, 16, 24, 32, 40, 48, 56, 64]
    public static let layerCount = 5
    public static let cellCount = 32_768

    /// Official index, 0…32767.
    public let index: Int

    public init(index: Int) {
        precondition((0..<Self.cellCount).contains(index), "NATS size index out of range")
        self.index = index
    }

    /// Channel choice index (0…7) per layer, first layer first.
    public init(choices: [Int]) {
        precondition(choices.count == Self.layerCount && choices.allSatisfy { (0..<8).contains($0) })
        self.index = choices.reduce(0) { $0 * 8 + $1 }
    }

    public var choices: [Int] {
        (0..<Self.layerCount).map { k in (index >> (3 * (Self.layerCount - 1 - k))) & 7 }
    }

    public var channels: [Int] { choices.map { Self.channelChoices[$0] } }

    public var description: String { channels.map(String.init).joined(separator: ":") }

    public init(parsing text: String) throws(SearchSpaceError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == Self.layerCount else {
            throw SearchSpaceError("invalid NATS size architecture '\(text)': expected 5 channel counts like 8:16:32:64:64")
        }
        var choices: [Int] = []
        for p in parts {
            guard let c = Int(p), let k = Self.channelChoices.firstIndex(of: c) else {
                throw SearchSpaceError("invalid NATS size architecture '\(text)': '\(p)' is not one of 8, 16, …, 64")
            }
            choices.append(k)
        }
        self.init(choices: choices)
    }
}

/// The NATS-Bench size space. Its table needs the official NATS-sss file, which the data
/// folder lacks; the space itself is complete.
public struct NATSSizeSpace: SearchSpace {
    public typealias Architecture = NATSSizeCell
    public var name: String { "nats-size" }
    public init() {}

    /// Each of the 5 channels uniformly (NATS-Bench `random_size_func`).
    public func sample(using rng: inout Xoshiro256StarStar) -> NATSSizeCell {
        NATSSizeCell(index: rng.nextInt(below: NATSSizeCell.cellCount))
    }

    /// NATS-Bench REA size mutation (§3.2): one layer uniformly, set to a uniformly drawn
    /// channel count *without* excluding the current one, so 1/8 of mutations change nothing.
    public func mutate(_ cell: NATSSizeCell, using rng: inout Xoshiro256StarStar) -> NATSSizeCell {
        var choices = cell.choices
        choices[rng.nextInt(below: NATSSizeCell.layerCount)] = rng.nextInt(below: 8)
        return NATSSizeCell(choices: choices)
    }

    public var geneBounds: [ClosedRange<Int>] { Array(repeating: 0...7, count: NATSSizeCell.layerCount) }
    public func genes(of cell: NATSSizeCell) -> [Int] { cell.choices }
    public func architecture(fromGenes genes: [Int], using rng: inout Xoshiro256StarStar) -> NATSSizeCell {
        NATSSizeCell(choices: genes.map { max(0, min(7, $0)) })
    }

    /// One-hot of the 5 channel choices (40 entries).
    public func features(of cell: NATSSizeCell) -> [Double] {
        var f = [Double](repeating: 0, count: 40)
        for (k, c) in cell.choices.enumerated() { f[k * 8 + c] = 1 }
        return f
    }

    public func describe(_ cell: NATSSizeCell) -> String { cell.description }
}
