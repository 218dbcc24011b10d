import NASCore

/// A search space as optimizers see it: pure combinatorics, no I/O (DESIGN.md).
///
/// ```swift
/// let space = NATSTopologySpace(mutation: .natsBench)
/// var rng = Xoshiro256StarStar(seed: 1)
/// let parent = space.sample(using: &rng)
/// let child = space.mutate(parent, using: &rng)
/// ```
///
/// A space value carries its configuration (which mutation variant, which encoding), so
/// every algorithm runs unchanged on every space it supports.
public protocol SearchSpace: Sendable {
    associatedtype Architecture: Hashable & Sendable

    /// The space's name in specs and result files (`nats-topology`, `nb101`, …).
    var name: String { get }

    /// A uniformly random architecture, as the space's reference code samples one.
    func sample(using rng: inout Xoshiro256StarStar) -> Architecture

    /// One mutation with the configured operator variant.
    func mutate(_ architecture: Architecture, using rng: inout Xoshiro256StarStar) -> Architecture

    /// The integer-gene view for SBX / polynomial-mutation operators: one bound per gene.
    var geneBounds: [ClosedRange<Int>] { get }
    func genes(of architecture: Architecture) -> [Int]
    /// Decodes genes (already inside the bounds) into a valid architecture, repairing if
    /// the space has validity constraints.
    func architecture(fromGenes genes: [Int], using rng: inout Xoshiro256StarStar) -> Architecture

    /// Predictor features (the space's default encoding).
    func features(of architecture: Architecture) -> [Double]

    /// Human-readable form, as the space's reference prints it.
    func describe(_ architecture: Architecture) -> String

    /// A name per gene, and per gene the written value of each of its integer values, or nil
    /// where integers mean themselves (SearchSpace+GeneNames).
    var geneNames: [String] { get }
    var geneChoices: [[String]]? { get }

    /// Whether `architecture(describedBy:)` reads `describe`'s form (SearchSpace+Descriptions).
    var readsDescriptions: Bool { get }
    /// The architecture `describe` writes as `text`; the default refuses.
    func architecture(describedBy text: String) throws(SearchSpaceError) -> Architecture
}

/// Optional uniform crossover for spaces whose genes are independent.
extension SearchSpace {
    /// Uniform crossover on the gene view: each gene from either parent with probability 1/2.
    public func uniformCrossover(_ a: Architecture, _ b: Architecture, using rng: inout Xoshiro256StarStar) -> Architecture {
        let ga = genes(of: a), gb = genes(of: b)
        let child = zip(ga, gb).map { x, y in rng.nextBernoulli(0.5) ? x : y }
        return architecture(fromGenes: child, using: &rng)
    }
}

/// A space variant named in a spec that the space does not have.
public struct SearchSpaceError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
