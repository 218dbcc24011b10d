import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Experiments

/// A configuration joined trial by trial as its trials finish (`TrialColumns`) is the one
/// `RunsFile.Configuration(_:trials:in:)` makes of the same trials: the same runs.h5, byte
/// for byte, whatever order the trials came in.
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

    /// The runs.h5 bytes of `configuration`.
    static func bytes(_ configuration: RunsFile.Configuration) throws -> [UInt8] {
        let path = ExperimentFixtures.temporaryFolder() + "/runs.h5"
        try RunsFile(provenance: provenance, configurations: [configuration]).write(to: path)
        return try Array(Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func joined(_ trials: [TrialResult], capacity: Int = 5) -> TrialColumns {
        let columns = TrialColumns(trials: trials.count, capacity: capacity, objectives: 2, reported: 2, measuresHypervolume: true)
        for t in trials.reversed() { #expect(columns.add(t)) }
        return columns
    }

    @Test("joined trial by trial, the configuration of the trials joined at the end",
          arguments: [[5, 5, 5, 5], [5, 3, 5, 0], [2, 4, 3, 1]])
    func sameAsJoiningAtTheEnd(lengths: [Int]) throws {
        // Costs all +0.0, or paid from trial 2 on: added last first, so paid trials come
        // before and after trials of zeros.
        for paidFrom in [nil, 2] as [Int?] {
            let trials = lengths.enumerated().map { t, n in Self.trial(t, evaluations: n, paid: paidFrom.map { t >= $0 } ?? false) }
            let columns = Self.joined(trials)
            #expect(columns.isComplete)
            let inPlace = columns.configuration(Self.setup)
            let atTheEnd = RunsFile.Configuration(Self.setup, trials: trials, in: Self.provenance)
            #expect(try Self.bytes(inPlace) == Self.bytes(atTheEnd), "lengths \(lengths), paid from \(paidFrom.map(String.init) ?? "never")")
            #expect(inPlace.log.cost.map(\.bitPattern) == atTheEnd.log.cost.map(\.bitPattern))
            #expect(inPlace.curves.bestSignal.width == (lengths.max() ?? 0))
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
