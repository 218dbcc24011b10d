import Foundation
import NASCore
import Testing
@testable import Experiments

/// A configuration joined trial by trial as its trials finish (`TrialColumns`, and
/// `RunsFile.Configuration(_:trials:in:)`, which joins through it) holds the trials' logs
/// end to end and their curves NaN-padded, as plain loops join them, whatever order the
/// trials came in and whatever room their slots had.
@Suite struct TrialColumnsTests {
    /// A two-objective provenance (hypervolume curves and fronts) with two reported metrics.
    static let provenance = RunsFile.Provenance(
        experiment: "columns", trialHash: "abc", seed: 1, trials: 4, budget: .evaluations(5), checkpoints: [5],
        benchmark: "nats-tss", isSampleTable: false,
        objectives: [try! Objective(parsing: "c10_valid_200ep:max"), try! Objective(parsing: "lat_ms_raspi4:min")],
        reported: [.init(id: "c10_test_200ep", direction: .max), .init(id: "lat_ms_raspi4", direction: .min)],
        hypervolumeConvention: "test")
    static let setup = RunsFile.Setup(label: "nsga2", type: "nsga2", parameters: "", mutation: nil, cache: "charge")

    /// Trial `t` of `n` evaluations whose values say where they came from; costs +0.0
    /// unless `paid`.
    static func trial(_ t: Int, evaluations n: Int, paid: Bool = false) -> TrialResult {
        let e = (0..<n).map(Double.init)
        let cost = paid ? e.map { $0 + 1 } : [Double](repeating: 0, count: n)
        var total = 0.0
        return TrialResult(
            algorithm: "nsga2", trial: t, seed: UInt64(100 + t), rows: (0..<n).map { Int32(t * 10 + $0) },
            objectives: e.flatMap { [Double(t) + $0 / 10, -$0] }, reported: e.flatMap { [$0 * 2, Double(t)] },
            cost: cost, cumulativeCost: cost.map { total += $0; return total }, exact: (0..<n).map { UInt8($0 % 2) },
            bestSignal: e.map { Double(t) + $0 / 10 }, incumbentReported: e.flatMap { [$0 * 2, Double(t)] },
            hypervolume: e.map { $0 / 100 }, normalizedHypervolume: e.map { $0 / 50 }, frontRows: [Int32(t), Int32(t + 1)],
            stalled: t == 2, unanswered: t)
    }

    static func joined(_ trials: [TrialResult], capacity: Int = 5) -> TrialColumns {
        let columns = TrialColumns(trials: trials.count, capacity: capacity, objectives: 2, reported: 2, measuresHypervolume: true)
        for t in trials.reversed() { #expect(columns.add(t)) }
        return columns
    }

    /// The bits of `values`: NaN padding compares equal to NaN padding.
    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    /// Checks `c` against the trials joined with plain loops.
    static func expectJoined(_ c: RunsFile.Configuration, _ trials: [TrialResult], _ what: String) {
        let width = trials.map(\.evaluations).max() ?? 0
        func padded(_ rows: [[Double]]) -> [UInt64] { bits(rows.flatMap { $0 + Array(repeating: .nan, count: width - $0.count) }) }
        #expect(c.log.trial == trials.flatMap { t in Array(repeating: Int32(t.trial), count: t.evaluations) }, "\(what)")
        #expect(c.log.step == trials.flatMap { t in (0..<t.evaluations).map { Int32($0 + 1) } }, "\(what)")
        #expect(c.log.row == trials.flatMap(\.rows), "\(what)")
        #expect(bits(c.log.objectives) == bits(trials.flatMap(\.objectives)), "\(what)")
        #expect(bits(c.log.reported) == bits(trials.flatMap(\.reported)), "\(what)")
        #expect(bits(c.log.cost) == bits(trials.flatMap(\.cost)), "\(what)")
        #expect(bits(c.log.cumulativeCost) == bits(trials.flatMap(\.cumulativeCost)), "\(what)")
        #expect(c.log.exact == trials.flatMap { $0.exact.map { $0 != 0 } }, "\(what)")
        #expect(c.curves.bestSignal.count == trials.count && c.curves.bestSignal.width == width, "\(what)")
        #expect(bits(c.curves.bestSignal.values) == padded(trials.map(\.bestSignal)), "\(what)")
        for j in 0..<2 {
            let rows = trials.map { t in stride(from: j, to: t.incumbentReported.count, by: 2).map { t.incumbentReported[$0] } }
            #expect(bits(c.curves.incumbentReported[j].values) == padded(rows), "\(what)")
        }
        #expect(c.curves.hypervolume.map { bits($0.values) } == padded(trials.map(\.hypervolume)), "\(what)")
        #expect(c.curves.normalizedHypervolume.map { bits($0.values) } == padded(trials.map(\.normalizedHypervolume)), "\(what)")
        #expect(c.trialSeeds == trials.map(\.seed) && c.stalledTrials == trials.count { $0.stalled }, "\(what)")
        #expect(c.offTableAnswers == trials.reduce(0) { $0 + $1.exact.count { $0 == 0 } }, "\(what)")
        #expect(c.unansweredQueries == trials.reduce(0) { $0 + $1.unanswered }, "\(what)")
        #expect(c.fronts?.row == trials.flatMap(\.frontRows), "\(what)")
        #expect(c.fronts?.trial == trials.flatMap { t in Array(repeating: Int32(t.trial), count: t.frontRows.count) }, "\(what)")
    }

    @Test("joined trial by trial or all at once, the trials' logs end to end and their curves padded",
          arguments: [[5, 5, 5, 5], [5, 3, 5, 0], [2, 4, 3, 1]])
    func joinedAsPlainLoopsJoin(lengths: [Int]) throws {
        // Costs all +0.0, or paid from trial 2 on: added last first, so paid trials come
        // before and after trials of zeros.
        for paidFrom in [nil, 2] as [Int?] {
            let trials = lengths.enumerated().map { t, n in Self.trial(t, evaluations: n, paid: paidFrom.map { t >= $0 } ?? false) }
            let columns = Self.joined(trials)
            #expect(columns.isComplete)
            let what = "lengths \(lengths), paid from \(paidFrom.map(String.init) ?? "never")"
            Self.expectJoined(columns.configuration(Self.setup), trials, what + ", slots of 5, in reverse")
            Self.expectJoined(RunsFile.Configuration(Self.setup, trials: trials, in: Self.provenance), trials, what + ", all at once")
        }
    }

    @Test func aTrialLongerThanItsSlotIsRefusedAndTheColumnsAreIncomplete() {
        let columns = TrialColumns(trials: 2, capacity: 5, objectives: 2, reported: 2, measuresHypervolume: true)
        #expect(columns.add(Self.trial(0, evaluations: 5)))
        #expect(!columns.add(Self.trial(1, evaluations: 6)), "past the budget: ofa-oneshot's winners")
        #expect(columns.overflowed && !columns.isComplete)
        let other = TrialColumns(trials: 2, capacity: 5, objectives: 2, reported: 2, measuresHypervolume: true)
        #expect(!other.add(Self.trial(2, evaluations: 5)), "no slot 2")
        #expect(!other.isComplete)
    }
}
