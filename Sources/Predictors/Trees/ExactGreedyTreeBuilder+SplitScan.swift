/// The split search of one depth level: xgboost's backward enumeration over the sorted
/// columns (`ColMaker::Builder::EnumerateSplit`, dense data), for every frontier node in
/// one pass per feature.
///
/// ```swift
/// let best = builder.findSplits(frontier: [0], slotOfRow: slots, sumG: g, sumH: h,
///                               gradients: grad, hessians: hess, unitHessians: true)   // best[slot]
/// ```
///
/// Scanning a column from its largest value down, a node's right-hand statistics grow one
/// row at a time in column order (which fixes the Double rounding of the sums); a candidate
/// is offered where the value changes, at the Float midpoint of the two values, if both
/// sides keep `minChildWeight`.
///
/// **The last run is not read.** Once a column reaches its trailing run of equal (smallest)
/// values, each node gets at most one more candidate: at its first row in that run, with
/// the right-hand sums of everything before it, i.e. the sums the scan already holds. A
/// node has a row in that run iff it has more rows than the scan has seen, which is known
/// without reading the run when the column has no missing values. The candidates, their
/// order within a node and the sums are those of the full scan, so trees are unchanged;
/// on 0/1 features the scan reads only the rows with a 1.
///
/// **Two-valued columns go row by row.** Scanning one column, consecutive additions to one
/// node's sums wait on each other; on a column with two values the sums over each node's
/// high rows are all that is needed, so one pass over the rows fills them for every such
/// column at once (`TwoValuedFeatureRows`), adding in the same order.
/// - Complexity: O(n + high entries + Σ_f (entries of f before its last run) + d · nodes)
///   per level.
extension ExactGreedyTreeBuilder {
    /// - Parameter unitHessians: every hessian is 1 (squared error), so a node's hessian
    ///   sum is its row count, exactly.
    func findSplits(frontier: [Int], slotOfRow: [Int32], sumG: [Double], sumH: [Double],
                    gradients: [Float], hessians: [Float], unitHessians: Bool) -> [Candidate] {
        let slots = frontier.count
        let parentG = frontier.map { sumG[$0] }
        let parentH = frontier.map { sumH[$0] }
        let rootGain = frontier.indices.map { gain(parentG[$0], parentH[$0]) }
        var rowsInSlot: [Int]
        if unitHessians {
            rowsInSlot = parentH.map { Int($0) }
        } else {
            rowsInSlot = [Int](repeating: 0, count: slots)
            for s in slotOfRow where s >= 0 { rowsInSlot[Int(s)] += 1 }
        }
        var best = [Candidate](repeating: Candidate(), count: slots)
        let minChildWeight = self.minChildWeight

        /// Offers slot s the split between `last` (the lowest value on the right) and `v`
        /// (the highest on the left).
        func offer(_ s: Int, at v: Float, feature f: Int, rightG: Double, rightH: Double, last: Float) {
            let leftG = parentG[s] - rightG
            let leftH = parentH[s] - rightH
            guard leftH >= minChildWeight else { return }
            let loss = (gain(leftG, leftH) + gain(rightG, rightH)) - rootGain[s]
            var t = (v + last) * 0.5
            if t == v { t = last }
            // Features arrive in ascending order, so xgboost's NeedReplace reduces to a
            // strict improvement: ties keep the earlier entry.
            if loss.isFinite && loss > best[s].loss {
                best[s] = Candidate(loss: loss, feature: f, threshold: t)
            }
        }

        let highSums = sumsOverHighRows(slots: slots, slotOfRow: slotOfRow, gradients: gradients, hessians: hessians,
                                        unitHessians: unitHessians)
        var rightG = [Double](repeating: 0, count: slots)
        var rightH = [Double](repeating: 0, count: slots)
        var last = [Float](repeating: 0, count: slots)
        var seen = [Int](repeating: 0, count: slots)

        sortedColumns.row.withUnsafeBufferPointer { rowOf in
        sortedColumns.value.withUnsafeBufferPointer { valueOf in
        slotOfRow.withUnsafeBufferPointer { slotOf in
        gradients.withUnsafeBufferPointer { g in
        hessians.withUnsafeBufferPointer { h in
        rightG.withUnsafeMutableBufferPointer { rightG in
        rightH.withUnsafeMutableBufferPointer { rightH in
        last.withUnsafeMutableBufferPointer { last in
        seen.withUnsafeMutableBufferPointer { seen in
            for f in 0..<columns {
                if twoValued.isTwoValued[f] {
                    // The full scan's only candidate per node, at its first low row.
                    for s in 0..<slots {
                        let k = s * columns + f
                        let gR = highSums.gh[k].x, hR = highSums.gh[k].y
                        let count = unitHessians ? Int(hR) : highSums.count[k]
                        if hR != 0 && count < rowsInSlot[s] && hR >= minChildWeight {
                            offer(s, at: twoValued.low[f], feature: f, rightG: gR, rightH: hR, last: twoValued.high[f])
                        }
                    }
                    continue
                }
                for s in 0..<slots { rightG[s] = 0; rightH[s] = 0; seen[s] = 0 }
                let skipsLastRun = usesShortcuts && sortedColumns.isComplete[f]
                let scanEnd = skipsLastRun ? sortedColumns.lastRunStart[f] : sortedColumns.end[f]
                for i in sortedColumns.start[f]..<scanEnd {
                    let r = Int(rowOf[i])
                    let s = Int(slotOf[r])
                    if s < 0 { continue }
                    let v = valueOf[i]
                    if rightH[s] != 0 && v != last[s] && rightH[s] >= minChildWeight {
                        offer(s, at: v, feature: f, rightG: rightG[s], rightH: rightH[s], last: last[s])
                    }
                    rightG[s] += Double(g[r])
                    rightH[s] += Double(h[r])
                    last[s] = v
                    seen[s] += 1
                }
                guard skipsLastRun, scanEnd < sortedColumns.end[f] else { continue }
                // Each node's first row in the last run: v differs from every earlier value.
                let v = valueOf[scanEnd]
                for s in 0..<slots where rightH[s] != 0 && seen[s] < rowsInSlot[s] && rightH[s] >= minChildWeight {
                    offer(s, at: v, feature: f, rightG: rightG[s], rightH: rightH[s], last: last[s])
                }
            }
        }}}}}}}}}
        return best
    }

    /// Per (slot, two-valued feature), at `slot * columns + feature`: the sums of g and h
    /// (one SIMD2, so both are one load, add and store) and the count over the slot's rows
    /// with the feature's high value, each sum added in ascending row order, the order of the
    /// column scan (`TwoValuedFeatureRows`). With unit hessians the count is the hessian sum
    /// and is not kept.
    ///
    /// - Complexity: O(n + high entries of the rows still in the frontier).
    private func sumsOverHighRows(slots: Int, slotOfRow: [Int32], gradients: [Float], hessians: [Float],
                                  unitHessians: Bool) -> (gh: [SIMD2<Double>], count: [Int]) {
        guard !twoValued.isEmpty else { return ([], []) }
        var sums = [SIMD2<Double>](repeating: .zero, count: slots * columns)
        var count = [Int](repeating: 0, count: unitHessians ? 0 : slots * columns)
        let columns = self.columns
        twoValued.rowStart.withUnsafeBufferPointer { rowStart in
        twoValued.highFeatures.withUnsafeBufferPointer { highFeatures in
        slotOfRow.withUnsafeBufferPointer { slotOfRow in
        gradients.withUnsafeBufferPointer { gradients in
        hessians.withUnsafeBufferPointer { hessians in
        sums.withUnsafeMutableBufferPointer { sums in
        count.withUnsafeMutableBufferPointer { count in
            for r in 0..<rows {
                let s = Int(slotOfRow[r])
                if s < 0 { continue }
                let gh = SIMD2(Double(gradients[r]), Double(hessians[r]))
                let base = s &* columns
                let features = rowStart[r]..<rowStart[r &+ 1]
                if unitHessians {
                    for k in features { sums[base &+ Int(highFeatures[k])] += gh }
                } else {
                    for k in features {
                        let cell = base &+ Int(highFeatures[k])
                        sums[cell] += gh
                        count[cell] &+= 1
                    }
                }
            }
        }}}}}}}
        return (sums, count)
    }
}
