import NASCore

extension PolynomialMutation {
    /// Polynomial mutation of **float** genes, with no rounding: pymoo's PM without a repair
    /// (C-TAEA's default operator, whose genes stay floats).
    ///
    /// ```swift
    /// let pm = PolynomialMutation(probability: 0.9, eta: 20)   // pymoo PM()'s defaults
    /// var genes: [Double] = [0.4, 2.6, 1.0]
    /// pm.mutateFloats(&genes, bounds: bounds, using: &rng)
    /// ```
    ///
    /// pymoo 0.6.2 `mut_pm` and `Mutation.do` under `pymoo06` semantics: the individual is
    /// mutated with probability `probability` (`U <= prob`), each gene with
    /// `geneProbability`, genes with `xl == xu` never; the result is clamped to the bounds.
    /// `semantics` and `repair` are ignored.
    ///
    /// - Returns: how many genes were drawn for mutation.
    /// - Complexity: O(n)
    @discardableResult
    public func mutateFloats(_ genes: inout [Double], bounds: GeneBounds, using rng: inout Xoshiro256StarStar) -> Int {
        guard rng.nextUnit() <= probability else { return 0 }
        let perGene = geneProbability(genes: bounds.count)
        let index = DistributionIndex(eta)
        var drawn = 0
        for k in 0..<bounds.count {
            let xl = Double(bounds.lower[k]), xu = Double(bounds.upper[k])
            guard rng.nextUnit() < perGene, xl != xu else { continue }
            drawn += 1
            let x = genes[k], span = xu - xl
            let r = rng.nextUnit()
            let dq: Double
            if r <= 0.5 {
                dq = index.root(2 * r + (1 - 2 * r) * index.power(1 - (x - xl) / span)) - 1
            } else {
                dq = 1 - index.root(2 * (1 - r) + 2 * (r - 0.5) * index.power(1 - (xu - x) / span))
            }
            genes[k] = min(max(x + dq * span, xl), xu)
        }
        return drawn
    }
}
