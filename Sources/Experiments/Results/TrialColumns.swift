import Foundation
import NASCore

/// A configuration's trials joined as they finish: each trial's log and curves are copied
/// into the configuration's columns at its slot the moment it is recorded, and the trial's
/// own arrays go, so a run holds its values once, laid out as runs.h5 stores them.
///
/// ```swift
/// let columns = TrialColumns(trials: 300, capacity: 1_000, objectives: 1, reported: 1, measuresHypervolume: false)
/// columns.add(result)                       // any trial, any thread, in any order
/// let aging = columns.configuration(setup)  // once every trial is in
/// ```
///
/// Holding every trial's arrays until the run ended, then joining them into runs.h5's
/// columns and matrices, made 300 aging-evolution trials × 1,000 fault in two copies of
/// their values (issue 18). `RunsFile.Configuration(_:trials:in:)` joins trials it is
/// given the same way, so every runs.h5 is laid out by this one type.
///
/// Each trial has a slot of `capacity` evaluations (an evaluation budget: every trial of
/// the run fits); one that does not fit is refused (`add` returns false) and its
/// configuration is then assembled from the trial records instead.
final class TrialColumns: @unchecked Sendable {
    let trials: Int
    let capacity: Int
    private let k: Int, r: Int
    private let measuresHypervolume: Bool
    private let lock = NSLock()

    // Slot t of a column holds trial t's values at t × capacity (× k or r values per
    // evaluation); written under `lock`, each element before it is read.
    private var rows: [Int32]
    private var objectives: [Double]
    private var reported: [Double]
    private var exact: [UInt8]
    private var bestSignal: [Double]
    /// One matrix per reported metric.
    private var incumbents: [[Double]]
    private var hypervolume: [Double]
    private var normalizedHypervolume: [Double]
    /// Made at the first trial that has a cost other than +0.0 (`ZeroColumn`); until then
    /// every cost is +0.0, and the slots before it are zero-filled then.
    private var costs: (cost: [Double], cumulative: [Double])?

    private var lengths: [Int?]
    private var seeds: [UInt64]
    private var stalled: [Bool]
    private var unanswered: [Int]
    private var offTable: [Int]
    private var fronts: [[Int32]]
    /// Each slot's trial index (its slot, in a run).
    private var indices: [Int]
    /// A trial that did not fit its slot came: the configuration is assembled from records.
    private(set) var overflowed = false

    init(trials: Int, capacity: Int, objectives k: Int, reported r: Int, measuresHypervolume: Bool) {
        self.trials = trials
        self.capacity = capacity
        self.k = k
        self.r = r
        self.measuresHypervolume = measuresHypervolume
        let n = trials * capacity
        rows = Self.uninitialized(n)
        objectives = Self.uninitialized(n * k)
        reported = Self.uninitialized(n * r)
        exact = Self.uninitialized(n)
        bestSignal = Self.uninitialized(n)
        incumbents = (0..<r).map { _ in Self.uninitialized(n) }
        hypervolume = measuresHypervolume ? Self.uninitialized(n) : []
        normalizedHypervolume = measuresHypervolume ? Self.uninitialized(n) : []
        lengths = Array(repeating: nil, count: trials)
        seeds = Array(repeating: 0, count: trials)
        stalled = Array(repeating: false, count: trials)
        unanswered = Array(repeating: 0, count: trials)
        offTable = Array(repeating: 0, count: trials)
        fronts = Array(repeating: [], count: trials)
        indices = Array(0..<trials)
    }

    /// An array of `count` elements whose pages nothing has touched yet: each element is
    /// written (a trial's copy, the padding) before anything reads it, so the memory is
    /// faulted in by the worker that fills it.
    private static func uninitialized<T: BitwiseCopyable>(_ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// Copies `t` into slot `slot` (its trial index unless given). False, keeping nothing,
    /// when it has more evaluations than a slot holds, no slot, or other widths.
    @discardableResult
    func add(_ t: TrialResult, at slot: Int? = nil) -> Bool {
        let n = t.evaluations, i = slot ?? t.trial
        lock.lock(); defer { lock.unlock() }
        guard (0..<trials).contains(i), n <= capacity, t.objectives.count == n * k, t.reported.count == n * r,
              t.cost.count == n, t.cumulativeCost.count == n, t.exact.count == n, t.bestSignal.count == n,
              t.incumbentReported.count == n * r,
              !measuresHypervolume || (t.hypervolume.count == n && t.normalizedHypervolume.count == n) else {
            overflowed = true
            return false
        }
        let start = i * capacity
        rows.replaceSubrange(start..<(start + n), with: t.rows)
        objectives.replaceSubrange((start * k)..<((start + n) * k), with: t.objectives)
        reported.replaceSubrange((start * r)..<((start + n) * r), with: t.reported)
        exact.replaceSubrange(start..<(start + n), with: t.exact)
        bestSignal.replaceSubrange(start..<(start + n), with: t.bestSignal)
        for j in 0..<r {
            incumbents[j].withUnsafeMutableBufferPointer { matrix in
                for e in 0..<n { matrix[start + e] = t.incumbentReported[e * r + j] }
            }
        }
        if measuresHypervolume {
            hypervolume.replaceSubrange(start..<(start + n), with: t.hypervolume)
            normalizedHypervolume.replaceSubrange(start..<(start + n), with: t.normalizedHypervolume)
        }
        if costs == nil, !(ZeroColumn.isZero(t.cost) && ZeroColumn.isZero(t.cumulativeCost)) {
            costs = ([Double](repeating: 0, count: trials * capacity), [Double](repeating: 0, count: trials * capacity))
        }
        if costs != nil {
            costs!.cost.replaceSubrange(start..<(start + n), with: t.cost)
            costs!.cumulative.replaceSubrange(start..<(start + n), with: t.cumulativeCost)
        }
        lengths[i] = n
        indices[i] = t.trial
        seeds[i] = t.seed
        stalled[i] = t.stalled
        unanswered[i] = t.unanswered
        offTable[i] = t.exact.count { $0 == 0 }
        fronts[i] = measuresHypervolume ? t.frontRows : []
        return true
    }

    /// Whether every trial is in.
    var isComplete: Bool {
        lock.lock(); defer { lock.unlock() }
        return !overflowed && lengths.allSatisfy { $0 != nil }
    }

    /// The configuration: the logs end to end in slot order, the curves NaN-padded to the
    /// longest trial, the counts summed. Call once, when `isComplete`; the columns are handed
    /// over, not copied.
    func configuration(_ setup: RunsFile.Setup) -> RunsFile.Configuration {
        lock.lock(); defer { lock.unlock() }
        precondition(!overflowed && lengths.allSatisfy { $0 != nil }, "a configuration of trials not all in")
        let lengths = self.lengths.map { $0! }
        let total = lengths.reduce(0, +), width = lengths.max() ?? 0
        let cost: [Double], cumulativeCost: [Double]
        if var paid = costs {
            costs = nil
            cost = compacted(&paid.cost, lengths, per: 1)
            cumulativeCost = compacted(&paid.cumulative, lengths, per: 1)
        } else {
            // One column of zeros serves both cost columns when every cost is +0.0.
            cost = [Double](repeating: 0, count: total)
            cumulativeCost = cost
        }
        let log = RunsFile.Log(
            trial: Self.counter(lengths) { [indices] t, _ in Int32(indices[t]) }, step: Self.counter(lengths) { _, e in Int32(e + 1) },
            row: compacted(&rows, lengths, per: 1), objectives: compacted(&objectives, lengths, per: k),
            reported: compacted(&reported, lengths, per: r), cost: cost, cumulativeCost: cumulativeCost,
            exact: compacted(&exact, lengths, per: 1).map { $0 != 0 })
        let curves = RunsFile.Curves(
            bestSignal: matrix(&bestSignal, lengths, width: width),
            incumbentReported: incumbents.indices.map { matrix(&incumbents[$0], lengths, width: width) },
            hypervolume: measuresHypervolume ? matrix(&hypervolume, lengths, width: width) : nil,
            normalizedHypervolume: measuresHypervolume ? matrix(&normalizedHypervolume, lengths, width: width) : nil)
        return RunsFile.Configuration(
            setup: setup, trialSeeds: seeds, offTableAnswers: offTable.reduce(0, +),
            stalledTrials: stalled.count { $0 }, unansweredQueries: unanswered.reduce(0, +),
            log: log, curves: curves,
            fronts: measuresHypervolume
                ? RunsFile.Fronts(trial: fronts.indices.flatMap { t in Array(repeating: Int32(indices[t]), count: fronts[t].count) },
                                  row: fronts.flatMap { $0 }) : nil)
    }

    /// `value(t, e)` for each evaluation e of each trial t, end to end.
    private static func counter(_ lengths: [Int], _ value: (Int, Int) -> Int32) -> [Int32] {
        var column: [Int32] = []
        column.reserveCapacity(lengths.reduce(0, +))
        for (t, n) in lengths.enumerated() { for e in 0..<n { column.append(value(t, e)) } }
        return column
    }

    /// `column`'s slots moved end to end (`per` values per evaluation), taken out of
    /// `column`: the array itself when every slot is full.
    private func compacted<T>(_ column: inout [T], _ lengths: [Int], per m: Int) -> [T] {
        var out: [T] = []
        swap(&out, &column)
        var offset = 0
        out.withUnsafeMutableBufferPointer { buffer in
            for (t, n) in lengths.enumerated() {
                let start = t * capacity * m
                if start != offset, n > 0 {
                    memmove(buffer.baseAddress! + offset, buffer.baseAddress! + start, n * m * MemoryLayout<T>.stride)
                }
                offset += n * m
            }
        }
        out.removeLast(out.count - offset)
        return out
    }

    /// A curve's slots as a [trials × width] matrix, each row NaN-padded past its trial's
    /// end, taken out of `column`.
    private func matrix(_ column: inout [Double], _ lengths: [Int], width: Int) -> CurveMatrix {
        var out: [Double] = []
        swap(&out, &column)
        out.withUnsafeMutableBufferPointer { buffer in
            for (t, n) in lengths.enumerated() {
                let start = t * capacity, target = t * width
                if start != target, n > 0 { memmove(buffer.baseAddress! + target, buffer.baseAddress! + start, n * 8) }
                (buffer.baseAddress! + target + n).update(repeating: .nan, count: width - n)
            }
        }
        out.removeLast(out.count - trials * width)
        return CurveMatrix(values: out, rows: trials, width: width)
    }
}
