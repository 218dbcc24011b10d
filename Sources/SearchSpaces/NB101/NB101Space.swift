import NASCore

/// The NAS-Bench-101 cell space with a chosen mutation, sampling and feature encoding.
///
/// ```swift
/// let space = try NB101Space(mutationName: "nas-ea-fa", samplingName: "nas-ea-fa")
/// var rng = Xoshiro256StarStar(seed: 1)
/// let child = space.mutate(space.sample(using: &rng), using: &rng)
/// space.describe(child)     // the official module hash
/// ```
///
/// Cells are kept unpruned, as every reference keeps its genotype (`NB101Cell`); the
/// benchmark binding hashes them (`canonicalDigest`), so isomorphic cells reach the same
/// row. The integer-gene view is `NB101Genes` (26 genes, deterministic repair).
///
/// - Complexity: sampling and mutation O(1) expected (see `NB101Sampling`, `NB101Mutation`).
public struct NB101Space: SearchSpace {
    public typealias Architecture = NB101Cell

    /// How `describe` prints a cell.
    public enum Description: String, Sendable, CaseIterable {
        /// The official module hash of the pruned cell (32 hex digits).
        case hash
        /// `adjacency=<bits> ops=<tokens>` of the cell as stored.
        case graph
    }

    public var mutation: NB101Mutation
    public var sampling: NB101Sampling
    public var encoding: NB101FeatureEncoding
    public var description: Description
    /// Scales the mutation probabilities (`NB101Mutation`); 1 reproduces the references.
    public var mutationRate: Double

    public var name: String { "nb101" }

    public init(mutation: NB101Mutation = .nasbench, sampling: NB101Sampling = .nasbench,
                encoding: NB101FeatureEncoding = .geneOneHot, description: Description = .hash, mutationRate: Double = 1) {
        self.mutation = mutation
        self.sampling = sampling
        self.encoding = encoding
        self.description = description
        self.mutationRate = mutationRate
    }

    /// A space from the variant names specs use.
    ///
    /// - Throws: `SearchSpaceError` naming the unknown variant and the known ones.
    public init(mutationName: String?, samplingName: String? = nil, encodingName: String? = nil) throws(SearchSpaceError) {
        func parse<T: RawRepresentable & CaseIterable>(_ name: String?, _ what: String, default value: T) throws(SearchSpaceError) -> T
            where T.RawValue == String {
            guard let name else { return value }
            guard let v = T(rawValue: name) else {
                throw SearchSpaceError("\(what) '\(name)' is not an NB101 variant; use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return v
        }
        self.init(mutation: try parse(mutationName, "mutation", default: NB101Mutation.nasbench),
                  sampling: try parse(samplingName, "sampling", default: NB101Sampling.nasbench),
                  encoding: try parse(encodingName, "encoding", default: NB101FeatureEncoding.geneOneHot))
    }

    public func sample(using rng: inout Xoshiro256StarStar) -> NB101Cell {
        sampling.sample(using: &rng)
    }

    public func mutate(_ cell: NB101Cell, using rng: inout Xoshiro256StarStar) -> NB101Cell {
        mutation.mutate(cell, rate: mutationRate, using: &rng)
    }

    public var geneBounds: [ClosedRange<Int>] {
        zip(NB101Genes.lowerBounds, NB101Genes.upperBounds).map { $0...$1 }
    }

    public func genes(of cell: NB101Cell) -> [Int] { cell.genes }

    public func architecture(fromGenes genes: [Int], using rng: inout Xoshiro256StarStar) -> NB101Cell {
        NB101Genes.decode(genes)
    }

    /// The configured encoding. Every cell this space produces is valid; for an invalid
    /// one the sequence encodings fall back to zeros rather than trap.
    public func features(of cell: NB101Cell) -> [Double] {
        (try? cell.features(encoding)) ?? [Double](repeating: 0, count: encoding.count)
    }

    public func describe(_ cell: NB101Cell) -> String {
        switch description {
        case .hash: (try? cell.canonicalHash()) ?? "invalid: \(cell)"
        case .graph: cell.description
        }
    }
}
