import NASCore
import SearchSpaces

/// A search space as the protocol describes it: `start`'s `space` object, and `nasreplay
/// serve`'s first line.
///
/// ```swift
/// JSONLine.space(NATSTopologySpace(), encodings: ["genes"]).text
/// // {"name":"nats-topology","genes":6,"bounds":[[0,4],…],"encodings":["genes"],"architecture_example":"|none~0|+…"}
/// ```
extension JSONLine {
    /// The space's name, gene count, bounds, gene names and choices, how a client may name an
    /// architecture, and the written form of the architecture of the lowest genes.
    static func space<S: SearchSpace>(_ space: S, encodings: [String]) -> JSONLine {
        let bounds = space.geneBounds
        // A stream of its own for the example, so no trial's stream is touched.
        var exampleRNG = Xoshiro256StarStar(seed: 0)
        let example = space.describe(space.architecture(fromGenes: bounds.map(\.lowerBound), using: &exampleRNG))
        return .object([
            ("name", .string(space.name)),
            ("genes", .int(bounds.count)),
            ("bounds", .array(bounds.map { .array([.int($0.lowerBound), .int($0.upperBound)]) })),
            ("gene_names", .array(space.geneNames.map(JSONLine.string))),
            ("choices", space.geneChoices.map { .array($0.map { .array($0.map(JSONLine.string)) }) } ?? .null),
            ("encodings", .array(encodings.map(JSONLine.string))),
            ("architecture_example", .string(example)),
        ])
    }
}
