import Foundation

extension AGEMOEASurvival {
    /// The first front's crowding, curvature and normalisation.
    public struct SurvivalScore: Sendable, Equatable {
        /// Crowding of each front member (parallel to the front): `inf` for the extremes,
        /// otherwise the greedy selection value. All 0 when the front has fewer points than
        /// objectives.
        public var crowding: [Double]
        /// The estimated curvature: the front is modelled as Σ f_j^p = 1.
        public var p: Double
        /// The per-objective scale the shifted front was divided by (the hyperplane
        /// intercepts, or a fallback).
        public var normalization: [Double]
        /// Positions in the front of the extreme (corner) points, one per objective; nil when
        /// the front has fewer points than objectives.
        public var extremes: [Int]?
    }

    /// pymoo's `AGEMOEASurvival.survival_score(front, ideal_point)`.
    ///
    /// 1. The front is rounded to 12 decimals (numpy's `round`: ×1e12, round half to even,
    ///    ÷1e12); `idealPoint` is used as given (pymoo passes the unrounded minima).
    /// 2. Fewer points than objectives: crowding 0, p = 1, normalisation = the rounded
    ///    front's column maxima, with no shift (so it can be 0).
    /// 3. Otherwise shift by the ideal point, find the corner solutions, normalise by the
    ///    hyperplane intercepts, estimate p from the point nearest the diagonal, and fill
    ///    the rest greedily: each step takes the remaining point whose two smallest
    ///    distances to the selected ones (`‖G_s − G_r‖_p / ‖G_s‖_p`, clipped at 1e-8) sum
    ///    largest, first on ties; that sum is its crowding.
    ///
    /// - Precondition: every point has `idealPoint.count` coordinates.
    /// - Complexity: O(m² M + m³) for m points.
    public static func survivalScore(front rawFront: [[Double]], idealPoint: [Double]) -> SurvivalScore {
        let front = rawFront.map { $0.map(roundTo12Decimals) }
        let m = front.count, n = idealPoint.count
        var crowding = [Double](repeating: 0, count: m)
        if m < n {
            return SurvivalScore(crowding: crowding, p: 1, normalization: columnMaxima(front, dimension: n),
                                 extremes: nil)
        }
        let shifted = front.map { f in (0..<n).map { f[$0] - idealPoint[$0] } }
        let extremes = cornerSolutions(shifted)
        let normalization = hyperplaneNormalization(shifted, extremes: extremes)
        let g = shifted.map { f in (0..<n).map { f[$0] / normalization[$0] } }

        var selected = [Bool](repeating: false, count: m)
        for e in extremes { crowding[e] = .infinity; selected[e] = true }
        let p = curvature(g, extremes: extremes)

        let norms = g.map { row -> Double in
            let v = pNorm(row, p: p)
            return v < 1e-8 ? 1 : v
        }
        // distances[a][b] = max(‖G_a − G_b‖_p, 1e-8) / ‖G_a‖_p: each row is scaled by the norm
        // of its own point, which in the greedy loop is the already selected one.
        var distances = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m {
            for b in 0..<m {
                var s = 0.0
                for j in 0..<n { s += pow(abs(g[a][j] - g[b][j]), p) }
                distances[a][b] = max(pow(s, 1 / p), 1e-8) / norms[a]
            }
        }

        var remaining = (0..<m).filter { !selected[$0] }
        var chosen = extremes
        while !remaining.isEmpty {
            var bestPosition = 0, bestValue = -Double.infinity
            for (position, r) in remaining.enumerated() {
                let value: Double
                if chosen.count > 1 {
                    var smallest = Double.infinity, second = Double.infinity
                    for s in chosen {
                        let d = distances[s][r]
                        if d < smallest { second = smallest; smallest = d } else if d < second { second = d }
                    }
                    value = smallest + second
                } else {
                    value = distances[chosen[0]][r]
                }
                // np.argmax: the first largest value wins.
                if position == 0 || value > bestValue { bestPosition = position; bestValue = value }
            }
            let best = remaining.remove(at: bestPosition)
            chosen.append(best)
            crowding[best] = bestValue
        }
        return SurvivalScore(crowding: crowding, p: p, normalization: normalization, extremes: extremes)
    }

    /// pymoo's `find_corner_solutions`: for axis i, the not yet chosen point with the smallest
    /// squared distance to the line through 0 and `e_i + 1e-6` (all components + 1e-6).
    /// With no more points than objectives every point is a corner, in index order.
    ///
    /// - Complexity: O(m M²)
    static func cornerSolutions(_ front: [[Double]]) -> [Int] {
        let m = front.count, n = front.first?.count ?? 0
        if m <= n { return Array(0..<m) }
        var chosen = [Bool](repeating: false, count: m)
        var corners: [Int] = []
        for i in 0..<n {
            var axis = [Double](repeating: 1e-6, count: n)
            axis[i] += 1
            var best = -1, bestDistance = Double.infinity
            for k in 0..<m where !chosen[k] {
                let d = squaredDistanceToLine(front[k], direction: axis)
                if best < 0 || d < bestDistance { best = k; bestDistance = d }
            }
            corners.append(best)
            chosen[best] = true
        }
        return corners
    }

    /// pymoo's `normalize(front, extreme)`: the intercepts 1/h of the hyperplane through the
    /// extremes (`G[extreme] h = 1`), falling back to the column maxima when the solve is
    /// singular or h has a nan, an inf or a value ≤ 0; zero scales become 1.
    static func hyperplaneNormalization(_ front: [[Double]], extremes: [Int]) -> [Double] {
        let n = front.first?.count ?? 0
        var normalization: [Double]
        if let h = LinearSystem.solve(extremes.map { front[$0] }, [Double](repeating: 1, count: n)),
           !h.contains(where: { $0.isNaN || $0.isInfinite || $0 <= 0 }) {
            normalization = h.map { 1 / $0 }
            if normalization.contains(where: { $0.isNaN || $0.isInfinite }) {
                normalization = columnMaxima(front, dimension: n)
            }
        } else {
            normalization = columnMaxima(front, dimension: n)
        }
        return normalization.map { $0 == 0 ? 1 : $0 }
    }

    /// pymoo's `compute_geometry`: `p = ln M / ln(1 / mean(G_j))` for the non-extreme point j
    /// nearest the diagonal; nan or ≤ 0.1 becomes 1, above 20 becomes 20.
    static func curvature(_ g: [[Double]], extremes: [Int]) -> Double {
        let n = g.first?.count ?? 0
        let ones = [Double](repeating: 1, count: n)
        var distances = g.map { squaredDistanceToLine($0, direction: ones) }
        for e in extremes { distances[e] = .infinity }
        var index = 0
        for k in distances.indices where distances[k] < distances[index] { index = k }
        let mean = g[index].reduce(0, +) / Double(n)
        var p = log(Double(n)) / log(1 / mean)
        if p.isNaN || p <= 0.1 { p = 1 } else if p > 20 { p = 20 }
        return p
    }

    /// `numpy.linalg.norm(x, p)`: the sum of |x| for p = 1, the Euclidean norm for p = 2,
    /// `(Σ |x|^p)^(1/p)` otherwise.
    static func pNorm(_ x: [Double], p: Double) -> Double {
        if p == 1 { return x.reduce(0) { $0 + abs($1) } }
        if p == 2 { return x.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        var s = 0.0
        for v in x { s += pow(abs(v), p) }
        return pow(s, 1 / p)
    }

    /// pymoo's `point_2_line_distance` with the line through the origin: the squared distance
    /// from `point` to its projection onto `direction`.
    static func squaredDistanceToLine(_ point: [Double], direction: [Double]) -> Double {
        var dotPB = 0.0, dotBB = 0.0
        for j in point.indices { dotPB += point[j] * direction[j]; dotBB += direction[j] * direction[j] }
        let t = dotPB / dotBB
        var d = 0.0
        for j in point.indices { let r = point[j] - t * direction[j]; d += r * r }
        return d
    }

    static func columnMaxima(_ rows: [[Double]], dimension n: Int) -> [Double] {
        (0..<n).map { j in rows.map { $0[j] }.max() ?? -.infinity }
    }

    /// numpy's `round(x, 12)`: scale by 1e12, round half to even, scale back.
    static func roundTo12Decimals(_ x: Double) -> Double {
        (x * 1e12).rounded(.toNearestOrEven) / 1e12
    }
}
