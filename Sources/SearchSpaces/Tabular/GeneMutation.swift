import NASCore

/// Mutation operators for gene-encoded spaces.
///
/// ```swift
/// let m = try GeneMutation(parsing: "per-gene:0.05")
/// let child = m.apply(parent.genes, optionCounts: space.layout.optionCounts, using: &rng)
/// ```
///
/// DyNAS-T has no stand-alone mutation: its searches mutate inside pymoo (integer PM with
/// rounding repair, ALGORITHMS.md L.3), which the optimizers implement on the gene view.
/// These two operators are ours, for algorithms that mutate one architecture at a time
/// (aging evolution, the GA): a uniform resample of genes to a *different* option.
public enum GeneMutation: Sendable, Hashable, CustomStringConvertible {
    /// One gene, chosen uniformly among those with more than one option, set to a different
    /// option chosen uniformly. The child always differs from the parent.
    case oneGene
    /// Each gene independently with this probability (nil: 1/genes) set to a different
    /// option chosen uniformly. The child may equal the parent.
    case perGene(probability: Double?)

    /// Parses `one-gene`, `per-gene` or `per-gene:P`.
    public init(parsing text: String) throws(SearchSpaceError) {
        switch text {
        case "one-gene": self = .oneGene
        case "per-gene": self = .perGene(probability: nil)
        default:
            if text.hasPrefix("per-gene:"), let p = Double(text.dropFirst("per-gene:".count)), p > 0, p <= 1 {
                self = .perGene(probability: p)
            } else {
                throw SearchSpaceError("mutation '\(text)' is not a gene mutation; use one-gene, per-gene or per-gene:P with 0 < P ≤ 1")
            }
        }
    }

    public var description: String {
        switch self {
        case .oneGene: "one-gene"
        case .perGene(nil): "per-gene"
        case .perGene(let p?): "per-gene:\(p)"
        }
    }

    /// The mutated genes.
    ///
    /// - Complexity: O(genes)
    public func apply(_ genes: [Int], optionCounts: [Int], using rng: inout Xoshiro256StarStar) -> [Int] {
        var child = genes
        switch self {
        case .oneGene:
            let mutable = optionCounts.indices.filter { optionCounts[$0] > 1 }
            guard !mutable.isEmpty else { return child }
            let i = mutable[rng.nextInt(below: mutable.count)]
            child[i] = Self.differentOption(from: genes[i], count: optionCounts[i], using: &rng)
        case .perGene(let probability):
            let p = probability ?? 1.0 / Double(max(1, genes.count))
            for i in genes.indices where optionCounts[i] > 1 && rng.nextBernoulli(p) {
                child[i] = Self.differentOption(from: genes[i], count: optionCounts[i], using: &rng)
            }
        }
        return child
    }

    /// A uniform option index in 0..<count other than `current`.
    @inline(__always)
    static func differentOption(from current: Int, count: Int, using rng: inout Xoshiro256StarStar) -> Int {
        let draw = rng.nextInt(below: count - 1)
        return draw >= current ? draw + 1 : draw
    }
}

/// Uniform sampling of a gene vector: each gene an option index drawn uniformly and
/// independently, as DyNAS-T's `EncodingBase.random_sample` (`random.choice` per variable).
///
/// - Complexity: O(genes)
public func sampleUniformGenes(optionCounts: [Int], using rng: inout Xoshiro256StarStar) -> [Int] {
    optionCounts.map { rng.nextInt(below: max(1, $0)) }
}
