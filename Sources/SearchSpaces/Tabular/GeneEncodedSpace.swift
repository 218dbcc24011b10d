import NASCore

/// A search space whose architectures are DyNAS-T gene vectors: the shared behaviour of the
/// OFA, HAT, NCF, FBNet and tabular spaces.
///
/// ```swift
/// let space = OFAResNet50Space()
/// var rng = Xoshiro256StarStar(seed: 7)
/// let x = space.sample(using: &rng)            // uniform per gene (DyNAS-T random_sample)
/// let y = space.mutate(x, using: &rng)         // the space's `mutation` (ours, see GeneMutation)
/// let z = try space.architecture(validating: [2, 0, 1, …])   // GeneError on bad input
/// ```
///
/// A conforming type supplies `layout`, `mutation`, `features(of:)` and `describe(_:)`; the
/// rest follows from the layout.
public protocol GeneEncodedSpace: SearchSpace where Architecture == GeneVector {
    var layout: GeneLayout { get }
    var mutation: GeneMutation { get set }
}

extension GeneEncodedSpace {
    /// - Complexity: O(genes)
    public func sample(using rng: inout Xoshiro256StarStar) -> GeneVector {
        GeneVector(genes: sampleUniformGenes(optionCounts: layout.optionCounts, using: &rng))
    }

    /// - Complexity: O(genes)
    public func mutate(_ x: GeneVector, using rng: inout Xoshiro256StarStar) -> GeneVector {
        GeneVector(genes: mutation.apply(x.genes, optionCounts: layout.optionCounts, using: &rng))
    }

    public var geneBounds: [ClosedRange<Int>] { layout.bounds }
    public func genes(of x: GeneVector) -> [Int] { x.genes }

    /// Genes from an optimizer are clamped into the bounds (they should already be inside).
    public func architecture(fromGenes genes: [Int], using rng: inout Xoshiro256StarStar) -> GeneVector {
        GeneVector(genes: layout.clamped(genes))
    }

    /// A gene vector from outside (a file, the CLI), checked.
    ///
    /// - Throws: `GeneError` for the wrong length or a gene out of range, naming the field.
    public func architecture(validating genes: [Int]) throws(GeneError) -> GeneVector {
        try GeneVector(validating: genes, layout: layout)
    }

    /// The option values per parameter, DyNAS-T's `translate2param`.
    public func parameters(of x: GeneVector) -> [(name: String, values: [Double])] { layout.values(of: x.genes) }
}

extension GeneEncodedSpace {
    /// Parses a parameter dict literal, `{'d': [2, 0, 1, 1, 0], 'e': [...], 'w': [...]}`:
    /// every parameter of the layout once, each a list of its `count` option values.
    ///
    /// - Throws: `GeneError` naming the field that is missing, unknown, of the wrong length
    ///   or not an option.
    public func architecture(parsingParameterDict text: String) throws(GeneError) -> GeneVector {
        var fields: [(name: String, values: [Double])] = []
        for (key, value) in try PythonDictLiteral.parse(text) {
            guard let numbers = value.numbers else { throw .syntax("'\(key)' must be a list of numbers") }
            fields.append((key, numbers))
        }
        return GeneVector(genes: try layout.genes(fromValues: fields))
    }
}
