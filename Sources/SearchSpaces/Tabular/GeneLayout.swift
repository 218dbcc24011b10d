/// The ordered parameters of a gene-encoded space: DyNAS-T's `SUPERNET_PARAMETERS` entry.
///
/// ```swift
/// let layout = GeneLayout([GeneParameter("d", count: 5, options: [0, 1, 2]),
///                          GeneParameter("e", count: 18, options: [0.2, 0.25, 0.35])])
/// layout.geneCount            // 23
/// layout.fieldName(of: 7)     // "e[2]"
/// ```
///
/// Genes are laid out parameter by parameter in declaration order, as DyNAS-T's
/// `EncodingBase.process_param_dict` builds the pymoo vector (docs/ALGORITHMS.md).
public struct GeneLayout: Sendable, Hashable {
    public let parameters: [GeneParameter]
    /// The first gene of each parameter.
    public let offsets: [Int]
    public let geneCount: Int
    /// Inclusive option-index bounds per gene (`0…options-1`), for SBX / PM.
    public let bounds: [ClosedRange<Int>]
    /// Number of options per gene.
    public let optionCounts: [Int]

    public init(_ parameters: [GeneParameter]) {
        self.parameters = parameters
        var offsets: [Int] = []
        var bounds: [ClosedRange<Int>] = []
        var total = 0
        for p in parameters {
            offsets.append(total)
            total += p.count
            bounds += Array(repeating: 0...max(0, p.options.count - 1), count: p.count)
        }
        self.offsets = offsets
        self.geneCount = total
        self.bounds = bounds
        self.optionCounts = bounds.map { $0.upperBound + 1 }
    }

    /// The parameter with this name.
    public func parameter(named name: String) -> (index: Int, parameter: GeneParameter)? {
        parameters.firstIndex { $0.name == name }.map { ($0, parameters[$0]) }
    }

    /// `ks×20, e×20, d×5`: what a gene vector must hold, for error messages.
    public var summary: String { parameters.map { "\($0.name)×\($0.count)" }.joined(separator: ", ") }

    /// The parameter and position of a gene, `e[3]` (or just `r` for a one-gene parameter).
    public func fieldName(of gene: Int) -> String {
        guard let p = offsets.lastIndex(where: { $0 <= gene }) else { return "gene \(gene)" }
        let parameter = parameters[p]
        return parameter.count == 1 ? parameter.name : "\(parameter.name)[\(gene - offsets[p])]"
    }

    /// Every gene's field name, in gene order.
    public var fieldNames: [String] { (0..<geneCount).map(fieldName(of:)) }

    /// The parameter a gene belongs to.
    public func parameterIndex(of gene: Int) -> Int { offsets.lastIndex(where: { $0 <= gene }) ?? 0 }

    /// Checks the length and the bounds of every gene.
    ///
    /// - Complexity: O(genes)
    public func validate(_ genes: [Int]) throws(GeneError) {
        guard genes.count == geneCount else {
            throw .wrongGeneCount(expected: geneCount, got: genes.count, layout: summary)
        }
        for (i, g) in genes.enumerated() where !bounds[i].contains(g) {
            let p = parameters[parameterIndex(of: i)]
            throw .geneOutOfRange(position: i, field: fieldName(of: i), value: g, upper: bounds[i].upperBound, options: p.optionList)
        }
    }

    /// The option values of each parameter, in order: DyNAS-T's `translate2param`.
    ///
    /// - Precondition: genes are valid for this layout.
    public func values(of genes: [Int]) -> [(name: String, values: [Double])] {
        parameters.enumerated().map { p, parameter in
            (parameter.name, (0..<parameter.count).map { parameter.options[genes[offsets[p] + $0]] })
        }
    }

    /// Genes from per-parameter value lists: DyNAS-T's `translate2pymoo`.
    ///
    /// - Throws: `GeneError` for a missing or unknown field, a list of the wrong length, or a
    ///   value that is not an option.
    public func genes(fromValues fields: [(name: String, values: [Double])]) throws(GeneError) -> [Int] {
        var genes = Array(repeating: -1, count: geneCount)
        var seen = Set<String>()
        for field in fields {
            guard let (p, parameter) = parameter(named: field.name) else {
                throw .unknownField(field.name, known: parameters.map(\.name).joined(separator: ", "))
            }
            guard seen.insert(field.name).inserted else { throw .syntax("field '\(field.name)' is given twice") }
            guard field.values.count == parameter.count else {
                throw .wrongLength(field: field.name, expected: parameter.count, got: field.values.count)
            }
            for (k, v) in field.values.enumerated() {
                guard let index = parameter.index(of: v) else {
                    throw .notAnOption(field: parameter.count == 1 ? parameter.name : "\(parameter.name)[\(k)]",
                                       value: GeneParameter.pythonNumber(v), options: parameter.optionList)
                }
                genes[offsets[p] + k] = index
            }
        }
        if let missing = parameters.first(where: { !seen.contains($0.name) }) { throw .missingField(missing.name) }
        return genes
    }

    /// DyNAS-T's `onehot_generic`: one block of `options` entries per gene, a single 1 at
    /// the gene's index. Inactive blocks are not masked.
    ///
    /// - Complexity: O(total options)
    public func oneHot(_ genes: [Int]) -> [Double] {
        var x = [Double](repeating: 0, count: optionCounts.reduce(0, +))
        var offset = 0
        for (i, g) in genes.enumerated() {
            x[offset + g] = 1
            offset += optionCounts[i]
        }
        return x
    }

    /// Clamps each gene into its bounds (the repair for decoded SBX/PM offspring).
    public func clamped(_ genes: [Int]) -> [Int] {
        (0..<geneCount).map { i in i < genes.count ? min(max(genes[i], bounds[i].lowerBound), bounds[i].upperBound) : 0 }
    }

    /// `{'ks': [3, 5], 'e': [4, 6]}`: the parameter dict as Python's `repr` prints it.
    public func pythonDict(_ genes: [Int]) -> String {
        "{" + values(of: genes).map { "'\($0.name)': [\($0.values.map(GeneParameter.pythonNumber).joined(separator: ", "))]" }
            .joined(separator: ", ") + "}"
    }
}
