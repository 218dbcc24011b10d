/// Grows one tree by xgboost's exact greedy, depth-wise algorithm, then prunes it.
///
/// ```swift
/// let builder = ExactGreedyTreeBuilder(features: xFloat, rows: n, columns: d, parameters: p)
/// let (tree, leafOfRow) = builder.grow(gradients: g, hessians: h)
/// ```
///
/// xgboost 3.2.0 src/tree/updater_colmaker.cc (`ColMaker::Builder`), src/tree/param.h
/// (`SplitEntry`), src/tree/split_evaluator.h and src/tree/updater_prune.cc; the
/// pseudo-code and the number-type rules are in REGRESSORS.md A.3–A.7. Columns are sorted
/// once per fit, since every tree splits the same features; the split search is in
/// `ExactGreedyTreeBuilder+SplitScan.swift`.
/// - Complexity: O(d·n log n) once; O(depth · n·d) per tree.
struct ExactGreedyTreeBuilder: Sendable {
    let features: [Float]
    let rows: Int
    let columns: Int
    let parameters: GradientBoostedTrees.Parameters
    /// Each feature's rows in descending feature value; NaN (missing) rows omitted.
    let sortedColumns: SortedFeatureColumns
    /// The 0/1-like columns, whose splits are found row by row.
    let twoValued: TwoValuedFeatureRows
    /// Whether the split scan takes its shortcuts (two-valued columns row by row, last runs
    /// unread); off only in tests, which check that both ways grow the same trees.
    let usesShortcuts: Bool

    private let lambda: Double
    private let alpha: Double
    let minChildWeight: Double
    private let maxDeltaStep: Double
    /// xgboost's kRtEps: a split must gain strictly more than this.
    static let minimumLoss: Float = 1e-6

    init(features: [Float], rows: Int, columns: Int, parameters: GradientBoostedTrees.Parameters,
         usesShortcuts: Bool = true) {
        self.features = features
        self.rows = rows
        self.columns = columns
        self.parameters = parameters
        lambda = Double(parameters.lambda)
        alpha = Double(parameters.alpha)
        minChildWeight = Double(parameters.minChildWeight)
        maxDeltaStep = Double(parameters.maxDeltaStep)
        sortedColumns = SortedFeatureColumns(features: features, rows: rows, columns: columns)
        twoValued = TwoValuedFeatureRows(usesShortcuts ? sortedColumns : nil, rows: rows, columns: columns)
        self.usesShortcuts = usesShortcuts
    }

    // MARK: xgboost's formulas (param.h, split_evaluator.h)

    private func thresholdL1(_ g: Double) -> Double {
        if g > alpha { return g - alpha }
        if g < -alpha { return g + alpha }
        return 0
    }

    func weight(_ g: Double, _ h: Double) -> Float {
        if h < minChildWeight || h <= 0 { return 0 }
        var w = -thresholdL1(g) / (h + lambda)
        if maxDeltaStep != 0 && abs(w) > maxDeltaStep { w = w < 0 ? -maxDeltaStep : maxDeltaStep }
        return Float(w)
    }

    func gain(_ g: Double, _ h: Double) -> Float {
        if h <= 0 { return 0 }
        if maxDeltaStep == 0 {
            let t = thresholdL1(g)
            return Float(t * t) / Float(h + lambda)
        }
        // With max_delta_step the evaluator scores the clipped weight and drops α|w|.
        let w = weight(g, h)
        let gf = Float(g), hf = Float(h), lf = parameters.lambda
        return -(2 * gf * w + (hf + lf) * w * w)
    }

    // MARK: growth

    struct Candidate {
        var loss: Float = 0
        var feature = 0
        var threshold: Float = 0
    }

    /// Grows one tree on the given gradient statistics.
    ///
    /// - Returns: the tree and, for every row, the leaf it falls in (after pruning), which
    ///   is the node `tree.leafIndex(forRow:)` finds for it.
    func grow(gradients: [Float], hessians: [Float]) -> (tree: RegressionTree, leafOfRow: [Int]) {
        var tree = RegressionTree()
        var position = [Int](repeating: 0, count: rows)
        var sumG = [Double](), sumH = [Double]()
        var rootG = 0.0, rootH = 0.0
        for r in 0..<rows { rootG += Double(gradients[r]); rootH += Double(hessians[r]) }
        _ = tree.addNode(parent: -1, baseWeight: weight(rootG, rootH))
        sumG.append(rootG)
        sumH.append(rootH)
        var frontier = [0]
        let eta = parameters.learningRate
        // Frontier slot of each row's node, −1 once the row sits in a finished leaf.
        var slotOfRow = [Int32](repeating: 0, count: rows)
        let unitHessians = hessians.allSatisfy { $0 == 1 }

        for _ in 0..<parameters.maxDepth {
            let best = findSplits(frontier: frontier, slotOfRow: slotOfRow, sumG: sumG, sumH: sumH,
                                  gradients: gradients, hessians: hessians, unitHessians: unitHessians)
            var next = [Int]()
            for (slot, node) in frontier.enumerated() {
                let candidate = best[slot]
                if candidate.loss > Self.minimumLoss {
                    tree.feature[node] = candidate.feature
                    tree.threshold[node] = candidate.threshold
                    tree.loss[node] = candidate.loss
                    // Children get ids in frontier order; their sums and weights are set below.
                    let l = tree.addNode(parent: node, baseWeight: 0)
                    let r = tree.addNode(parent: node, baseWeight: 0)
                    tree.left[node] = l
                    tree.right[node] = r
                    next += [l, r]
                } else {
                    tree.value[node] = tree.baseWeight[node] * eta
                }
            }
            if next.isEmpty { frontier = []; break }
            sumG += repeatElement(0, count: next.count)
            sumH += repeatElement(0, count: next.count)
            route(tree, next: next, position: &position, slotOfRow: &slotOfRow, sumG: &sumG, sumH: &sumH,
                  gradients: gradients, hessians: hessians)
            for node in next { tree.baseWeight[node] = weight(sumG[node], sumH[node]) }
            frontier = next
        }
        for node in frontier { tree.value[node] = tree.baseWeight[node] * eta }
        prune(&tree)
        // A pruned row's leaf is its nearest ancestor that survived.
        for r in 0..<rows { while tree.deleted[position[r]] { position[r] = tree.parent[position[r]] } }
        return (tree, position)
    }

    /// Moves every row of a node that just split to its child, adding the row's statistics
    /// to the child's sums in row order; rows of nodes that stay leaves leave the frontier.
    ///
    /// - Complexity: O(n)
    private func route(_ tree: RegressionTree, next: [Int], position: inout [Int], slotOfRow: inout [Int32],
                       sumG: inout [Double], sumH: inout [Double], gradients: [Float], hessians: [Float]) {
        var nextSlot = [Int32](repeating: -1, count: tree.nodeCount)
        for (slot, node) in next.enumerated() { nextSlot[node] = Int32(slot) }
        let columns = self.columns
        features.withUnsafeBufferPointer { x in
        tree.feature.withUnsafeBufferPointer { feature in
        tree.threshold.withUnsafeBufferPointer { threshold in
        tree.left.withUnsafeBufferPointer { left in
        tree.right.withUnsafeBufferPointer { right in
        nextSlot.withUnsafeBufferPointer { nextSlot in
        gradients.withUnsafeBufferPointer { g in
        hessians.withUnsafeBufferPointer { h in
        position.withUnsafeMutableBufferPointer { position in
        slotOfRow.withUnsafeMutableBufferPointer { slotOfRow in
        sumG.withUnsafeMutableBufferPointer { sumG in
        sumH.withUnsafeMutableBufferPointer { sumH in
            for r in 0..<rows {
                let node = position[r]
                let f = feature[node]
                guard f >= 0 else { slotOfRow[r] = -1; continue }
                let value = x[r * columns + f]
                let child = !(value >= threshold[node]) ? left[node] : right[node]
                position[r] = child
                slotOfRow[r] = nextSlot[child]
                sumG[child] += Double(g[r])
                sumH[child] += Double(h[r])
            }
        }}}}}}}}}}}}
    }

    /// updater_prune.cc: bottom-up, a split whose children are both leaves and whose
    /// loss is below γ collapses into a leaf; with γ = 0 nothing changes.
    private func prune(_ tree: inout RegressionTree) {
        guard parameters.gamma > 0 else { return }
        func tryPrune(_ node: Int) {
            let p = tree.parent[node]
            guard p >= 0 else { return }
            let l = tree.left[p], r = tree.right[p]
            guard tree.isLeaf(l), tree.isLeaf(r), tree.loss[p] < parameters.gamma else { return }
            tree.feature[p] = -1
            tree.value[p] = parameters.learningRate * tree.baseWeight[p]
            tree.deleted[l] = true
            tree.deleted[r] = true
            tryPrune(p)
        }
        for node in 0..<tree.nodeCount where tree.isLeaf(node) && !tree.deleted[node] {
            tryPrune(node)
        }
    }
}
