extension Hypervolume {
    /// Hypervolume in four or more objectives by the WFG algorithm (While, Bradstreet &
    /// Barone 2012, "A fast way of calculating exact hypervolumes", IEEE TEC 16(1); reference
    /// implementation `wfg.c` from the WFG group).
    ///
    /// Points are processed in decreasing last objective. The exclusive volume of point p with
    /// respect to the points after it is `vol(p) − HV(limit set)`, where the limit set holds
    /// `max(p, q)` for every later q. Those all share p's last coordinate, so the limit set's
    /// volume is a slab `(ref_d − p_d) × HV_{d−1}` and the recursion drops a dimension each
    /// level, ending in the 3-D sweep. The exclusive volumes telescope to the total.
    ///
    /// - Complexity: exponential in d in the worst case; the dominated points of each limit
    ///   set are removed (O(m² d)) before recursing, which keeps typical sets small.
    static func wfg(_ flat: [Double], count n: Int, reference r: [Double]) -> Double {
        let d = r.count
        if n == 1 { return box(flat, at: 0, reference: r) }
        var order = Array(0..<n)
        order.sort { flat[d * $0 + d - 1] > flat[d * $1 + d - 1] }
        var sorted = [Double]()
        sorted.reserveCapacity(n * d)
        for i in order { sorted.append(contentsOf: flat[(d * i)..<(d * i + d)]) }

        let lower = Array(r[0..<(d - 1)])
        var total = 0.0
        var limit = [Double]()
        limit.reserveCapacity(n * (d - 1))
        for k in 0..<n {
            let base = k * d
            let slab = r[d - 1] - sorted[base + d - 1]
            var face = 1.0
            for j in 0..<(d - 1) { face *= r[j] - sorted[base + j] }
            limit.removeAll(keepingCapacity: true)
            for q in (k + 1)..<max(k + 1, n) {
                for j in 0..<(d - 1) { limit.append(max(sorted[base + j], sorted[q * d + j])) }
            }
            var limitCount = n - k - 1
            if limitCount > 0 && d - 1 > 3 {
                limitCount = removeWeaklyDominated(&limit, count: limitCount, dimension: d - 1)
            }
            let covered = compute(flat: limit, count: limitCount, reference: lower)
            total += slab * (face - covered)
        }
        return total
    }

    /// Keeps, in place, the points no other kept point weakly dominates (one copy of each
    /// duplicate). Returns the new count.
    ///
    /// - Complexity: O(m² d)
    static func removeWeaklyDominated(_ flat: inout [Double], count n: Int, dimension d: Int) -> Int {
        var kept = 0
        for i in 0..<n {
            let ci = i * d
            var dominated = false
            var k = 0
            while k < kept {
                let ck = k * d
                var kLeqI = true, iLeqK = true
                for j in 0..<d {
                    let a = flat[ck + j], b = flat[ci + j]
                    if a > b { kLeqI = false }
                    if b > a { iLeqK = false }
                    if !kLeqI && !iLeqK { break }
                }
                if kLeqI { dominated = true; break }
                if iLeqK {
                    // Candidate i weakly dominates kept point k: move the last kept point here.
                    kept -= 1
                    if k != kept {
                        for j in 0..<d { flat[ck + j] = flat[kept * d + j] }
                    }
                    continue
                }
                k += 1
            }
            if !dominated {
                if kept != i {
                    for j in 0..<d { flat[kept * d + j] = flat[ci + j] }
                }
                kept += 1
            }
        }
        flat.removeSubrange((kept * d)..<(n * d))
        return kept
    }
}
