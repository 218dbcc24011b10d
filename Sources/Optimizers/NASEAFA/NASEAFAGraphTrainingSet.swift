import Predictors

/// The GCN surrogate's training data in Dervisi's NAS-EA-FA (docs/ALGORITHMS.md, NAS-EA-FA): each
/// evaluated architecture's cell graph, once, labelled with its fitness, in evaluation order.
///
/// ```swift
/// var set = NASEAFAGraphTrainingSet()
/// set.append(graph, target: 0.91)     // a graph seen before is not added again
/// let (graphs, targets) = set.trainingSplit   // the first 30 %, at least one graph
/// ```
///
/// Reference: `foteinidd/genetic_nas_acceleration` `nas_ea_fa_v2_train_gcn_*`, `dgl_utils.py`:
/// samples are deduplicated by their connection list (here: by the whole graph, node labels
/// included, a finer key that only keeps apart graphs with equal edges and different ops),
/// and the model trains on the first 30 % of the list, unshuffled; the other 70 % is a
/// validation set that does not affect training, so it is not kept. Isomorphic augmentation
/// is not applied: Dervisi's GCN variant builds its augmented graphs from the wrong vector
/// (the augmentation bug of §2.6), which has no principled replay.
struct NASEAFAGraphTrainingSet {
    private(set) var graphs: [CellGraph] = []
    private(set) var targets: [Double] = []
    private var seen: Set<CellGraph> = []

    /// The share of the list the model trains on.
    static let trainingShare = 0.3

    var count: Int { graphs.count }

    /// Adds `graph` labelled `target`, unless the graph is already in the set.
    ///
    /// - Complexity: O(graph size)
    mutating func append(_ graph: CellGraph, target: Double) {
        guard seen.insert(graph).inserted else { return }
        graphs.append(graph)
        targets.append(target)
    }

    /// `graphs` as the packed rows a catalogue graph model reads (`CellGraph.packedRow`);
    /// nil when a graph has more than `maxNodes` nodes (NB101 cells have ≤ 7, NATS ≤ 8).
    ///
    /// - Complexity: O(graphs · maxNodes · (maxNodes + features))
    static func packed(_ graphs: [CellGraph], maxNodes: Int) -> Matrix? {
        guard let rows = try? graphs.map({ try $0.packedRow(maxNodes: maxNodes) }) else { return nil }
        return try? Matrix(rows: rows)
    }

    /// The first 30 % of the graphs (Python's `int(0.3 · n)`), at least one when any exist.
    var trainingSplit: (graphs: [CellGraph], targets: [Double]) {
        let n = min(count, max(1, Int(Self.trainingShare * Double(count))))
        return (Array(graphs.prefix(n)), Array(targets.prefix(n)))
    }
}
