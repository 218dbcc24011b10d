/// Grows one tree by xgboost's exact greedy, depth-wise algorithm, then prunes it.
///
/// ```swift
/// let builder = ExactGreedyTreeBuilder(features: xFloat, rows: n, columns: d, parameters: p)
/// let tree = builder.grow(gradients: g, hessians: h)
/// ```
///
/// xgboost 3.2.0 src/tree/updater_colmaker.cc (`ColMaker::Builder`), src/tree/param.h
/// (`SplitEntry`), src/tree/split_evaluator.h and src/tree/updater_prune.cc; the
/// pseudo-code and the number-type rules are in REGRESSORS.md A.3–A.7. Columns are sorted
/// once per fit, since every tree splits the same features.
/// - Complexity: O(d·n log n) once; O(depth · n·d) per tree.
struct ExactGreedyTreeBuilder: Sendable {
    let features: [Float]
    let rows: Int
    let columns: Int
    let parameters: GradientBoostedTrees.Parameters
    /// Row indices per feature in descending feature value; NaN (missing) rows omitted.
    let descendingOrder: [[Int]]

    private let lambda: Double
    private let alpha: Double
    private let minChildWeight: Double
    private let maxDeltaStep: Double
    /// xgboost's kRtEps: a split must gain strictly more than this.
    private static let minimumLoss: Float = 1e-6

    init(features: [Float], rows: Int, columns: Int, parameters: GradientBoostedTrees.Parameters) {
        self.features = features
        self.rows = rows
        self.columns = columns
        self.parameters = parameters
        lambda = Double(parameters.lambda)
        alpha = Double(parameters.alpha)
        minChildWeight = Double(parameters.minChildWeight)
        maxDeltaStep = Double(parameters.maxDeltaStep)
        descendingOrder = (0..<columns).map { f in
            (0..<rows).filter { !features[$0 * columns + f].isNaN }
                .sorted { features[$0 * columns + f] > features[$1 * columns + f] }
        }
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

    private struct Candidate {
        var loss: Float = 0
        var feature = 0
        var threshold: Float = 0
    }

    func grow(gradients: [Float], hessians: [Float]) -> RegressionTree {
        var tree = RegressionTree()
        var position = [Int](repeating: 0, count: rows)
        var sumG = [Double](), sumH = [Double]()
        func addNode(parent: Int, g: Double, h: Double) -> Int {
            sumG.append(g)
            sumH.append(h)
            return tree.addNode(parent: parent, baseWeight: weight(g, h))
        }
        var rootG = 0.0, rootH = 0.0
        for r in 0..<rows { rootG += Double(gradients[r]); rootH += Double(hessians[r]) }
        var frontier = [addNode(parent: -1, g: rootG, h: rootH)]
        let eta = parameters.learningRate

        for _ in 0..<parameters.maxDepth {
            let best = findSplits(frontier: frontier, nodeCount: tree.nodeCount, position: position,
                                  sumG: sumG, sumH: sumH, gradients: gradients, hessians: hessians)
            var next = [Int]()
            for (slot, node) in frontier.enumerated() {
                let candidate = best[slot]
                if candidate.loss > Self.minimumLoss {
                    tree.feature[node] = candidate.feature
                    tree.threshold[node] = candidate.threshold
                    tree.loss[node] = candidate.loss
                    // Children get ids in frontier order; their sums are filled in below.
                    let l = addNode(parent: node, g: 0, h: 0)
                    let r = addNode(parent: node, g: 0, h: 0)
                    tree.left[node] = l
                    tree.right[node] = r
                    next += [l, r]
                } else {
                    tree.value[node] = tree.baseWeight[node] * eta
                }
            }
            if next.isEmpty { frontier = []; break }
            for r in 0..<rows {
                let node = position[r]
                guard !tree.isLeaf(node) else { continue }
                let x = features[r * columns + tree.feature[node]]
                let child = !(x >= tree.threshold[node]) ? tree.left[node] : tree.right[node]
                position[r] = child
                sumG[child] += Double(gradients[r])
                sumH[child] += Double(hessians[r])
            }
            for node in next { tree.baseWeight[node] = weight(sumG[node], sumH[node]) }
            frontier = next
        }
        for node in frontier { tree.value[node] = tree.baseWeight[node] * eta }
        prune(&tree)
        return tree
    }

    /// One descending pass per feature serves every frontier node at once.
    private func findSplits(frontier: [Int], nodeCount: Int, position: [Int], sumG: [Double], sumH: [Double],
                            gradients: [Float], hessians: [Float]) -> [Candidate] {
        var slotOf = [Int](repeating: -1, count: nodeCount)
        for (slot, node) in frontier.enumerated() { slotOf[node] = slot }
        let rootGain = frontier.map { gain(sumG[$0], sumH[$0]) }
        var best = [Candidate](repeating: Candidate(), count: frontier.count)
        var rightG = [Double](repeating: 0, count: frontier.count)
        var rightH = [Double](repeating: 0, count: frontier.count)
        var last = [Float](repeating: 0, count: frontier.count)
        for f in 0..<columns {
            for s in 0..<frontier.count { rightG[s] = 0; rightH[s] = 0 }
            for r in descendingOrder[f] {
                let s = slotOf[position[r]]
                if s < 0 { continue }
                let v = features[r * columns + f]
                if rightH[s] == 0 {
                    rightG[s] += Double(gradients[r])
                    rightH[s] += Double(hessians[r])
                    last[s] = v
                    continue
                }
                if v != last[s] && rightH[s] >= minChildWeight {
                    let node = frontier[s]
                    let leftG = sumG[node] - rightG[s]
                    let leftH = sumH[node] - rightH[s]
                    if leftH >= minChildWeight {
                        let loss = (gain(leftG, leftH) + gain(rightG[s], rightH[s])) - rootGain[s]
                        var t = (v + last[s]) * 0.5
                        if t == v { t = last[s] }
                        // Features arrive in ascending order, so xgboost's NeedReplace
                        // reduces to a strict improvement: ties keep the earlier entry.
                        if loss.isFinite && loss > best[s].loss {
                            best[s] = Candidate(loss: loss, feature: f, threshold: t)
                        }
                    }
                }
                rightG[s] += Double(gradients[r])
                rightH[s] += Double(hessians[r])
                last[s] = v
            }
        }
        return best
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
