/// What each gene means, for clients of the external-algorithm protocol (docs/PROTOCOL.md,
/// `space.gene_names` and `space.choices`): a name per gene, and per gene the written
/// value of each of its integer values.
///
/// ```swift
/// NATSTopologySpace().geneNames        // ["1<-0", "2<-0", "2<-1", "3<-0", "3<-1", "3<-2"]
/// NATSTopologySpace().geneChoices?[0]  // ["none", "skip_connect", "nor_conv_1x1", …]
/// ```
///
/// The defaults name genes `g0`, `g1`, … with no choices (integers mean themselves).
extension SearchSpace {
    public var geneNames: [String] { geneBounds.indices.map { "g\($0)" } }
    public var geneChoices: [[String]]? { nil }
}

extension GeneEncodedSpace {
    /// The layout's fields (`ks[0]`, …, `r`) and each option as DyNAS-T writes it.
    public var geneNames: [String] { layout.fieldNames }
    public var geneChoices: [[String]]? {
        (0..<layout.geneCount).map { gene in
            layout.parameters[layout.parameterIndex(of: gene)].options.map(GeneParameter.pythonNumber)
        }
    }
}

extension FBNetSpace {
    /// `op[0]` … `op[21]`, each one of HELP's op names.
    public var geneChoices: [[String]]? { Array(repeating: Self.opNames, count: layout.geneCount) }
}

extension NATSTopologySpace {
    /// The edges, `to<-from`, in architecture-string order; each an operation name.
    public var geneNames: [String] { NATSTopologyCell.edges.map { "\($0.to)<-\($0.from)" } }
    public var geneChoices: [[String]]? {
        Array(repeating: NATSOp.allCases.map(\.name), count: NATSTopologyCell.edgeCount)
    }
}

extension NATSSizeSpace {
    /// The 5 layers' channel counts.
    public var geneNames: [String] { (0..<NATSSizeCell.layerCount).map { "channels[\($0)]" } }
    public var geneChoices: [[String]]? {
        Array(repeating: NATSSizeCell.channelChoices.map(String.init), count: NATSSizeCell.layerCount)
    }
}

extension NB101Space {
    /// The 21 edge slots of the 7×7 upper triangle (`edge i->j`, 0/1), then the 5 inner ops
    /// by their nasbench names.
    public var geneNames: [String] {
        var names: [String] = []
        for i in 0..<7 { for j in (i + 1)..<7 { names.append("edge \(i)->\(j)") } }
        return names + (1...5).map { "op[\($0)]" }
    }
    public var geneChoices: [[String]]? {
        Array(repeating: ["0", "1"], count: 21) + Array(repeating: NB101Op.innerOps.map(\.nasbenchName), count: 5)
    }
}
