import Synchronization

/// Arrays of +0.0, one per length, shared by every trial that holds one: the costs of a
/// run counted in evaluations on a table without training times are +0.0 at every
/// evaluation, and each trial keeping its own two arrays of them (costs and their running
/// total) was a tenth of the fresh memory of 300 trials × 1,000 (issue 18).
///
/// ```swift
/// result.cost = ZeroColumn.shared(log.cost)   // the log's array is freed, for the next trial
/// ZeroColumn.isZero(result.cost)              // true
/// ```
enum ZeroColumn {
    /// Lengths kept: a run's trials are mostly one length (its budget), a few shorter.
    private static let capacity = 16
    private static let arrays = Mutex<[Int: [Double]]>([:])

    /// Whether every value is +0.0, bit for bit (−0.0 is not).
    static func isZero(_ values: [Double]) -> Bool {
        values.allSatisfy { $0.bitPattern == 0 }
    }

    /// An array equal to `values`: the shared one of its length when every value is +0.0,
    /// else `values` itself.
    static func shared(_ values: [Double]) -> [Double] {
        guard isZero(values) else { return values }
        return arrays.withLock { arrays in
            if let known = arrays[values.count] { return known }
            guard arrays.count < capacity else { return values }
            arrays[values.count] = values
            return values
        }
    }
}
