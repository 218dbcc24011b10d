import NASCore
import Testing
@testable import Indicators

/// DESIGN.md "Hypervolume conventions": maximised objectives flip, min-max by table bounds,
/// reference (1, …, 1), normalised HV = HV(found) / HV(true front).
@Suite struct ObjectiveNormalizerTests {
    @Test func flipsMaximisedObjectivesAndScalesByTableBounds() throws {
        let table: [[Double]] = [[40, 30], [95, 2], [70, 16]]
        let norm = try ObjectiveNormalizer(directions: [.max, .min], table: table)
        #expect(norm.lower == [40, 2] && norm.upper == [95, 30])
        #expect(norm.reference == [1, 1])
        #expect(norm.normalize([95, 2]) == [0, 0])
        #expect(norm.normalize([40, 30]) == [1, 1])
        #expect(close(norm.normalize([70, 16])[0], 25.0 / 55.0))
        #expect(norm.normalize([70, 16])[1] == 0.5)
    }

    @Test func constantObjectiveMapsToZero() throws {
        let norm = try ObjectiveNormalizer(directions: [.min, .max], lower: [3, 0], upper: [3, 10])
        #expect(norm.normalize([3, 10]) == [0, 0])
    }

    @Test func badBoundsAreOneLineErrors() {
        #expect(throws: IndicatorError.self) { try ObjectiveNormalizer(directions: [.min], lower: [1], upper: [0]) }
        #expect(throws: IndicatorError("objective bounds: 2 direction(s) but 1 lower and 1 upper bound(s)")) {
            try ObjectiveNormalizer(directions: [.min, .max], lower: [0], upper: [1])
        }
        #expect(throws: IndicatorError("objective bounds: table row 1 has 1 objective(s), expected 2")) {
            try ObjectiveNormalizer(directions: [.min, .max], table: [[0, 1], [2]])
        }
    }

    @Test func normalisedHypervolumeIsOneForTheTrueFront() throws {
        let front: [[Double]] = [[0, 0.5], [0.25, 0.25], [0.5, 0]]
        let score = try NormalizedHypervolume(trueFront: front, reference: [1, 1])
        #expect(close(score.trueHypervolume, 0.8125))
        #expect(close(score.ratio(of: front), 1))
        #expect(close(score.ratio(of: [[0.25, 0.25]]), 0.5625 / 0.8125))
        #expect(close(score.regret(of: [[0.25, 0.25]]), 1 - 0.5625 / 0.8125))
        let curve = score.curve([[0.9, 0.9], [0.25, 0.25], [0, 0.5], [0.5, 0]])
        #expect(curve.count == 4)
        #expect(close(curve[0], 0.01 / 0.8125) && close(curve[3], 1))
        #expect(throws: IndicatorError.self) { try NormalizedHypervolume(trueFront: [[1, 0]], reference: [1, 1]) }
    }
}
