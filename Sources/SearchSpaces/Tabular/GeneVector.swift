/// An architecture of a gene-encoded space: one option index per gene, in the space's
/// parameter order (DyNAS-T's pymoo vector).
///
/// ```swift
/// let space = OFAMobileNetV3Space()
/// let x = try GeneVector(validating: Array(repeating: 0, count: 45), layout: space.layout)
/// space.describe(x)   // {'wid': None, 'ks': [3, 3, …], 'e': [3, …], 'd': [2, …], 'r': [224]}
/// ```
///
/// The vector is the identity: two vectors that differ only in genes of inactive blocks are
/// different vectors, as in DyNAS-T, which keys its results on the config string.
public struct GeneVector: Hashable, Sendable, CustomStringConvertible {
    public var genes: [Int]

    /// Wraps genes without checking them; use `init(validating:layout:)` for input.
    public init(genes: [Int]) { self.genes = genes }

    /// Checks the length and every gene against the layout's bounds.
    ///
    /// - Throws: `GeneError` naming the parameter and position (`e[3]`) that is wrong.
    public init(validating genes: [Int], layout: GeneLayout) throws(GeneError) {
        try layout.validate(genes)
        self.genes = genes
    }

    public var description: String { genes.map(String.init).joined(separator: ",") }
}
