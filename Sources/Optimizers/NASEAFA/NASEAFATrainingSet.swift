import Predictors

/// NAS-EA-FA's `x_train`/`y_train`: every evaluated architecture's (augmented) sequences,
/// labelled with its fitness. It grows forever, duplicates included, as in the reference.
///
/// ```swift
/// var set = NASEAFATrainingSet(width: 24)
/// set.append([0b1011, 0b0111], target: 0.91)
/// set.minimumDistance(to: 0b1111)   // 1
/// ```
///
/// The minimum Hamming distance (`utils.get_min_distance`, ALGORITHMS.md §1.5) is taken over
/// the *distinct* sequences, which gives the same minimum as scanning every row and keeps
/// the diversity step cheap when augmentation repeats sequences.
struct NASEAFATrainingSet {
    let width: Int
    private(set) var sequences: [UInt64] = []
    private(set) var targets: [Double] = []
    private(set) var distinct: [UInt64] = []
    private var seen: Set<UInt64> = []

    init(width: Int) { self.width = width }

    var count: Int { sequences.count }

    /// Adds `sequences`, each labelled `target`.
    ///
    /// - Complexity: O(|sequences|)
    mutating func append(_ newSequences: [UInt64], target: Double) {
        for s in newSequences {
            sequences.append(s)
            targets.append(target)
            if seen.insert(s).inserted { distinct.append(s) }
        }
    }

    /// min over the training sequences of the Hamming distance to `sequence`; 100000 (the
    /// reference's start value) when the set is empty.
    ///
    /// - Complexity: O(distinct sequences)
    func minimumDistance(to sequence: UInt64) -> Int {
        var best = 100_000
        for s in distinct {
            let d = (s ^ sequence).nonzeroBitCount
            if d < best {
                best = d
                if d == 0 { break }
            }
        }
        return best
    }

    /// The feature matrix: one row per sequence, entry i = bit i.
    ///
    /// - Complexity: O(count · width)
    func matrix() -> Matrix {
        var values = [Double](repeating: 0, count: sequences.count * width)
        for (r, s) in sequences.enumerated() {
            var bits = s
            while bits != 0 {
                let i = bits.trailingZeroBitCount
                if i < width { values[r * width + i] = 1 }
                bits &= bits &- 1
            }
        }
        return Matrix(rows: sequences.count, columns: width, values: values)
    }
}
