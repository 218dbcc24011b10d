extension Hypervolume {
    /// Three-objective hypervolume by sweeping in increasing f3 (Beume, Fonseca,
    /// López-Ibáñez, Paquete & Vahrenhold 2009, "On the complexity of computing the
    /// hypervolume indicator", IEEE TEC 13(5); also the "HV3D" base case of moocore).
    ///
    /// Between two consecutive f3 levels the dominated cross-section is the area of the 2-D
    /// staircase of the points seen so far; each insertion updates that area by the new
    /// point's exclusive 2-D contribution, so no slice is recomputed.
    ///
    /// - Complexity: O(n log n) comparisons; the staircase is a sorted array (see
    ///   `ParetoStaircase`), so element moves are O(n²) in the worst case with a `memmove`
    ///   constant.
    static func sweep3D(_ flat: [Double], count n: Int, reference r: [Double]) -> Double {
        var order = Array(0..<n)
        order.sort { flat[3 * $0 + 2] < flat[3 * $1 + 2] }
        var staircase = ParetoStaircase(referenceX: r[0], referenceY: r[1])
        var volume = 0.0
        var level = flat[3 * order[0] + 2]
        for i in order {
            let z = flat[3 * i + 2]
            if z > level {
                volume += staircase.area * (z - level)
                level = z
            }
            staircase.insert(x: flat[3 * i], y: flat[3 * i + 1])
        }
        volume += staircase.area * (r[2] - level)
        return volume
    }
}
