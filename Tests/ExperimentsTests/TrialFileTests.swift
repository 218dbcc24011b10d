import Foundation
import Testing
@testable import Experiments

/// A trial file is read back as the trial that was written, and one from another version
/// of the spec is refused rather than mixed in.
@Suite struct TrialFileTests {
    static let result = TrialResult(
        algorithm: "ga", trial: 4, seed: .max - 1, rows: [3, -1], objectives: [0.5, 2, 0.75, 3], reported: [0.4, 0.6],
        cost: [1, 2], cumulativeCost: [1, 3], exact: [1, 0], bestSignal: [0.5, 0.75], incumbentReported: [0.4, 0.6],
        hypervolume: [0.1, 0.2], normalizedHypervolume: [0.3, 0.6], frontRows: [3], stalled: true, unanswered: 2)

    @Test func aTrialIsReadBackAsWritten() throws {
        let path = ExperimentFixtures.temporaryFolder() + "/trial-000004.h5"
        try TrialFile.write(Self.result, trialHash: "abc", objectiveCount: 2, reportedCount: 1, to: path)
        #expect(try TrialFile.read(path, trialHash: "abc") == Self.result)
    }

    @Test func aTrialOfAnotherSpecIsRefused() throws {
        let path = ExperimentFixtures.temporaryFolder() + "/trial-000004.h5"
        try TrialFile.write(Self.result, trialHash: "abc", objectiveCount: 2, reportedCount: 1, to: path)
        #expect(throws: TrialFile.OtherSpec.self) { try TrialFile.read(path, trialHash: "def") }
    }
}
