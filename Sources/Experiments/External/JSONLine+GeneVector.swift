/// Reading one gene vector of a protocol message: `evaluate`'s `genes[i]` and `nasreplay
/// serve`'s `query` check them the same way, with the same messages.
///
/// ```swift
/// let genes = try JSONLine(parsing: "[0,1,2,3,4,0]").geneVector(bounds: space.geneBounds, space: space.name, field: "genes[0]")
/// ```
extension JSONLine {
    /// Why a value is not a gene vector of the space: one line that names the field.
    struct GeneVectorError: Error, Equatable { var message: String }

    /// This value as a gene vector: a list of integers, one per gene, each inside its bounds.
    /// - Parameters:
    ///   - bounds: the space's `geneBounds`.
    ///   - space: the space's name, for the message about a wrong length.
    ///   - field: how messages name the value (`genes[3]`).
    /// - Complexity: O(genes)
    func geneVector(bounds: [ClosedRange<Int>], space: String, field name: @autoclosure () -> String) throws(GeneVectorError) -> [Int] {
        // The name is made only for a message: evaluate is the protocol's hot path.
        var field: String { name() }
        guard case .array(let values) = self else { throw GeneVectorError(message: "\(field) is not a list of integers") }
        guard values.count == bounds.count else {
            throw GeneVectorError(message: "\(field) has \(values.count) genes; \(space) has \(bounds.count)")
        }
        var genes: [Int] = []
        genes.reserveCapacity(values.count)
        for (g, value) in values.enumerated() {
            guard let v = value.integer else { throw GeneVectorError(message: "\(field)[\(g)] is not an integer") }
            guard bounds[g].contains(v) else {
                throw GeneVectorError(message: "\(field)[\(g)] = \(v) is outside its bounds [\(bounds[g].lowerBound), \(bounds[g].upperBound)]")
            }
            genes.append(v)
        }
        return genes
    }
}
