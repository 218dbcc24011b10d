extension TrialRecord {
    /// The arrays a record leaves out, each made again from the others on reading: the
    /// writer leaves one out only after checking that the remaking gives its exact bits.
    ///
    /// ```swift
    /// let omitted = TrialRecord.Omitted(of: result, objectiveCount: 2, reportedCount: 1)
    /// omitted.contains(.cumulativeCost)   // true for every trial `TrialEvaluator` charged
    /// ```
    struct Omitted: OptionSet, Equatable {
        let rawValue: UInt64
        /// `log/cumulative_cost`: the running total of `log/cost`, from 0.0, added in order
        /// (as `TrialEvaluator` charges).
        static let cumulativeCost = Omitted(rawValue: 1)
        /// `log/cost`: every cost +0.0 (a table without training times, a budget counted in
        /// evaluations).
        static let cost = Omitted(rawValue: 2)
        /// `curves/best_signal`: the running maximum of the first objective (a value replaces
        /// the best only when it is greater).
        static let bestSignalIsMaximum = Omitted(rawValue: 4)
        /// `curves/best_signal`: the running minimum of the first objective.
        static let bestSignalIsMinimum = Omitted(rawValue: 8)
        /// `curves/incumbent_reported`: the reported metrics of the evaluation that set the
        /// best signal (the first to reach it); only with one of the two above.
        static let incumbentReported = Omitted(rawValue: 16)
        /// `log/objectives`: each evaluation's table row's values (`TableColumns`), the
        /// table named by the record's table digest.
        static let objectivesFromTable = Omitted(rawValue: 32)
        /// `log/reported`: the same for the reported metrics.
        static let reportedFromTable = Omitted(rawValue: 64)
        static let fromTable: Omitted = [.objectivesFromTable, .reportedFromTable]
        static let known: Omitted = [.cumulativeCost, .cost, .bestSignalIsMaximum, .bestSignalIsMinimum, .incumbentReported, .fromTable]

        /// Whether the bits are ones a record can hold together.
        var isValid: Bool {
            Self.known.isSuperset(of: self) && !isSuperset(of: [.bestSignalIsMaximum, .bestSignalIsMinimum])
                && (!contains(.incumbentReported) || !isDisjoint(with: [.bestSignalIsMaximum, .bestSignalIsMinimum]))
                && (!contains(.cost) || contains(.cumulativeCost))
        }

        /// What `t` lets a record leave out: each array whose reconstruction equals it bit
        /// for bit (from `table` too, when given).
        init(of t: TrialResult, objectiveCount k: Int, reportedCount r: Int, table: TableColumns? = nil) {
            var omitted: Omitted = []
            if let table, table.objectives.count == k, table.reported.count == r, table.holds(t.rows) {
                if TableColumns.match(t.objectives, rows: t.rows, table.objectives) { omitted.insert(.objectivesFromTable) }
                if TableColumns.match(t.reported, rows: t.rows, table.reported) { omitted.insert(.reportedFromTable) }
            }
            if Self.isRunningTotal(t.cumulativeCost, of: t.cost) {
                omitted.insert(.cumulativeCost)
                if ZeroColumn.isZero(t.cost) { omitted.insert(.cost) }
            }
            let n = t.rows.count
            if k > 0, t.objectives.count == n * k, t.bestSignal.count == n {
                for (bit, maximum) in [(Omitted.bestSignalIsMaximum, true), (.bestSignalIsMinimum, false)] {
                    let matches = Self.matchesRunningBest(t, objectiveCount: k, reportedCount: r, maximum: maximum)
                    guard matches.best else { continue }
                    omitted.insert(bit)
                    if matches.incumbent { omitted.insert(.incumbentReported) }
                    break
                }
            }
            self = omitted
        }

        /// Whether `totals` is `runningTotal(costs)`, bit for bit, without making it (the
        /// writer checks every trial).
        static func isRunningTotal(_ totals: [Double], of costs: [Double]) -> Bool {
            guard totals.count == costs.count else { return false }
            var total = 0.0
            for (cost, stored) in zip(costs, totals) {
                total += cost
                if total.bitPattern != stored.bitPattern { return false }
            }
            return true
        }

        /// Whether `t.bestSignal` is `bestSignal(objectives:k:maximum:)` of its objectives, and
        /// whether `t.incumbentReported` is then `incumbent(reported:r:setBy:)`, bit for bit,
        /// without making either.
        static func matchesRunningBest(_ t: TrialResult, objectiveCount k: Int, reportedCount r: Int, maximum: Bool)
            -> (best: Bool, incumbent: Bool) {
            let n = t.bestSignal.count
            var incumbent = t.reported.count == n * r && t.incumbentReported.count == n * r
            var best = 0.0, setBy = 0
            for i in 0..<n {
                let v = t.objectives[i * k]
                if i == 0 || (maximum ? v > best : v < best) { best = v; setBy = i }
                guard best.bitPattern == t.bestSignal[i].bitPattern else { return (false, false) }
                for j in 0..<r where incumbent && t.reported[setBy * r + j].bitPattern != t.incumbentReported[i * r + j].bitPattern {
                    incumbent = false
                }
            }
            return (true, incumbent)
        }

        init(rawValue: UInt64) { self.rawValue = rawValue }

        /// The running total of `costs` from 0.0, in order.
        static func runningTotal(_ costs: [Double]) -> [Double] {
            var total = 0.0
            return costs.map { total += $0; return total }
        }

        /// The running best of the first of `k` objectives per row, and the row that set each.
        static func bestSignal(objectives: [Double], k: Int, maximum: Bool) -> (best: [Double], setBy: [Int]) {
            let n = objectives.count / k
            var best: [Double] = [], setBy: [Int] = []
            best.reserveCapacity(n); setBy.reserveCapacity(n)
            for i in 0..<n {
                let v = objectives[i * k]
                if i == 0 || (maximum ? v > best[i - 1] : v < best[i - 1]) {
                    best.append(v); setBy.append(i)
                } else {
                    best.append(best[i - 1]); setBy.append(setBy[i - 1])
                }
            }
            return (best, setBy)
        }

        /// The `r` reported metrics of row `setBy[i]`, for each i.
        static func incumbent(reported: [Double], r: Int, setBy: [Int]) -> [Double] {
            var values: [Double] = []
            values.reserveCapacity(setBy.count * r)
            for row in setBy { values.append(contentsOf: reported[(row * r)..<(row * r + r)]) }
            return values
        }
    }
}
