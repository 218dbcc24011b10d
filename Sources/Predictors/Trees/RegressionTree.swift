/// One fitted regression tree of a boosted ensemble, stored as flat node arrays.
///
/// ```swift
/// let value = tree.leafValue(forRow: features)     // features as Float32, like xgboost
/// tree.nodeCount, tree.leafCount
/// ```
///
/// Node 0 is the root; an internal node sends a row left iff `Float(x[f]) < threshold`
/// and a missing (NaN) value left, xgboost's default direction for dense data
/// (src/predictor/predict_fn.h). Leaves hold values already multiplied by the learning
/// rate. Nodes removed by pruning stay in the arrays but are unreachable.
/// - Complexity: prediction O(depth).
public struct RegressionTree: Sendable, Equatable {
    /// Split feature per node, −1 for a leaf.
    public internal(set) var feature: [Int] = []
    public internal(set) var threshold: [Float] = []
    public internal(set) var left: [Int] = []
    public internal(set) var right: [Int] = []
    public internal(set) var parent: [Int] = []
    /// Leaf output (η·w) for leaves; unused for internal nodes.
    public internal(set) var value: [Float] = []
    /// Unscaled optimal weight w of every node, kept so pruning can turn a node into a leaf.
    public internal(set) var baseWeight: [Float] = []
    /// Split loss (xgboost's dump `gain=`) for internal nodes.
    public internal(set) var loss: [Float] = []
    /// Nodes cut off by pruning.
    public internal(set) var deleted: [Bool] = []

    public var nodeCount: Int { feature.count }
    public var leafCount: Int { (0..<nodeCount).filter { isLeaf($0) && !deleted[$0] }.count }

    @inlinable public func isLeaf(_ node: Int) -> Bool { feature[node] < 0 }

    mutating func addNode(parent p: Int, baseWeight w: Float) -> Int {
        feature.append(-1)
        threshold.append(0)
        left.append(-1)
        right.append(-1)
        parent.append(p)
        value.append(0)
        baseWeight.append(w)
        loss.append(0)
        deleted.append(false)
        return feature.count - 1
    }

    public func leafIndex(forRow row: UnsafePointer<Float>) -> Int {
        var node = 0
        while !isLeaf(node) {
            let x = row[feature[node]]
            // `!(x >= t)` sends NaN left, like xgboost's default-left missing branch.
            node = !(x >= threshold[node]) ? left[node] : right[node]
        }
        return node
    }

    public func leafValue(forRow row: UnsafePointer<Float>) -> Float {
        value[leafIndex(forRow: row)]
    }
}
