import NASCore

extension SimulatedBinaryCrossover {
    /// The two children of one mating on **float** genes, with no rounding: pymoo's SBX
    /// without a repair (C-TAEA's default operator, whose genes stay floats).
    ///
    /// ```swift
    /// let sbx = SimulatedBinaryCrossover(probability: 1.0, eta: 30)
    /// let (a, b) = sbx.crossFloats([0.2, 3.0], [1.7, 3.0], bounds: bounds, using: &rng)
    /// ```
    ///
    /// pymoo 0.6.2 `cross_sbx` as in `cross(_:_:bounds:using:)`, with its float details:
    /// genes closer than 1e-14 and genes with `xl == xu` are not crossed, children are
    /// clamped to `[xl, xu]` (`repair_clamp`). `repair` is ignored.
    ///
    /// - Complexity: O(n)
    public func crossFloats(_ p1: [Double], _ p2: [Double], bounds: GeneBounds,
                            using rng: inout Xoshiro256StarStar) -> ([Double], [Double]) {
        guard rng.nextUnit() < probability else { return (p1, p2) }
        let pbin = rng.nextUnit() > exchangeProbability ? 0 : binomialProbability
        let index = DistributionIndex(eta)
        var c1 = p1, c2 = p2
        for k in 0..<bounds.count {
            let a = p1[k], b = p2[k]
            let xl = Double(bounds.lower[k]), xu = Double(bounds.upper[k])
            // Skipping the per-gene draw where pymoo's outcome is fixed keeps the distribution.
            guard abs(a - b) > 1e-14, xl != xu, rng.nextUnit() < variableProbability else { continue }
            let y1 = min(a, b), y2 = max(a, b), d = y2 - y1
            let u = rng.nextUnit()
            let lowSide = 0.5 * ((y1 + y2) - spread(1 + 2 * (y1 - xl) / d, u, index) * d)
            let highSide = 0.5 * ((y1 + y2) + spread(1 + 2 * (xu - y2) / d, u, index) * d)
            var v1 = lowSide, v2 = highSide
            if rng.nextUnit() < pbin { swap(&v1, &v2) }
            c1[k] = min(max(v1, xl), xu)
            c2[k] = min(max(v2, xl), xu)
        }
        return (c1, c2)
    }

    /// pymoo's `SBX(n_offsprings=1)`: one child per mating, either of the two with
    /// probability ½ (`Q[0, rand] = Q[1, rand]` with `rand < 0.5`).
    ///
    /// - Complexity: O(n)
    public func singleFloatChild(_ p1: [Double], _ p2: [Double], bounds: GeneBounds,
                                 using rng: inout Xoshiro256StarStar) -> [Double] {
        let (a, b) = crossFloats(p1, p2, bounds: bounds, using: &rng)
        return rng.nextUnit() < 0.5 ? b : a
    }
}
