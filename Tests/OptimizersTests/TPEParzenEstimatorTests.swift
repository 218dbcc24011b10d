import Foundation
import NASCore
import Testing
@testable import Optimizers

/// The Parzen estimators of Optuna 5.1.0's TPE on discrete domains. Every expected value is
/// `_ParzenEstimator.log_pdf` output printed by `scripts/motpe_optuna_oracle.py` with Optuna
/// 5.1.0 (prior weight 1, magic clip on, endpoints off).
@Suite struct TPEParzenEstimatorTests {
    /// `rng.randint(0, 5, size=30)` with `RandomState(7)`, from the script.
    static let obs30 = [4, 1, 3, 3, 4, 1, 0, 1, 2, 2, 0, 4, 0, 4, 0, 3, 2, 3, 4, 4, 0, 0, 0, 3, 0, 2, 0, 1, 4, 1]

    static func logDensities(_ estimator: ParzenEstimator, choices: Int) -> [Double] {
        (0..<choices).map { estimator.logDensity([$0]) }
    }

    static func expectClose(_ got: [Double], _ want: [Double], tolerance: Double = 1e-12) {
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) { #expect(abs(g - w) <= tolerance * max(1, abs(w)), "\(g) vs \(w)") }
    }

    @Test func categoricalWithoutObservationsIsUniform() {
        let e = ParzenEstimator.categorical(observations: [], choiceCounts: [5], weights: [])
        Self.expectClose(Self.logDensities(e, choices: 5), [Double](repeating: -1.6094379124341003, count: 5))
    }

    @Test func categoricalKernelsAddOneToTheObservedChoiceOverAPriorShare() {
        let e = ParzenEstimator.categorical(observations: [[0], [3], [3]], choiceCounts: [5], weights: [1, 1, 1])
        Self.expectClose(Self.logDensities(e, choices: 5),
                         [-1.408767216971949, -2.0149030205422647, -2.0149030205422647, -1.0340737675305383, -2.0149030205422647])
    }

    @Test func categoricalWithDefaultWeightsDownweightsTheOldest() {
        let e = ParzenEstimator.categorical(observations: Self.obs30.map { [$0] }, choiceCounts: [5],
                                            weights: TPEWeights.defaultWeights(30))
        Self.expectClose(Self.logDensities(e, choices: 5),
                         [-1.1876400093314383, -1.8165043183625171, -1.8688021463493707, -1.8165043183625171, -1.534491520969594])
    }

    @Test func integerWithoutObservationsIsTheDiscretisedPrior() {
        let e = ParzenEstimator.integer(observations: [], bounds: [0...4], weights: [])
        Self.expectClose(Self.logDensities(e, choices: 5),
                         [-1.6498593707377667, -1.590059090916968, -1.570125667851616, -1.590059090916968, -1.6498593707377667])
    }

    @Test func integerKernelsFollowOptunasWidths() {
        let one = ParzenEstimator.integer(observations: [[2]], bounds: [0...4], weights: [1])
        Self.expectClose(Self.logDensities(one, choices: 5),
                         [-1.7109058332315332, -1.5642561386444402, -1.513633637264256, -1.5642561386444402, -1.7109058332315332])
        let four = ParzenEstimator.integer(observations: [[0], [3], [3], [4]], bounds: [0...4], weights: [1, 1, 1, 1])
        Self.expectClose(Self.logDensities(four, choices: 5),
                         [-2.111246870247386, -1.9452182133836884, -1.622210954853418, -1.3035930579415547, -1.3207271789196247])
    }

    @Test func integerWidthsOfDistinctObservationsUnderDefaultWeights() {
        // `RandomState(8).permutation(41)[:30]` from the script.
        let distinct30 = [36, 40, 31, 39, 17, 22, 28, 0, 25, 34, 16, 11, 1, 30, 38, 37, 24, 32, 23, 33, 7, 4, 35, 29, 6, 14, 18, 2, 15, 9]
        let e = ParzenEstimator.integer(observations: distinct30.map { [$0] }, bounds: [0...40],
                                        weights: TPEWeights.defaultWeights(30))
        Self.expectClose([0, 7, 13, 20, 33, 40].map { e.logDensity([$0]) },
                         [-3.4432964353102995, -3.767913360045463, -4.125662994329272, -4.527187764984242, -3.3568337498587884, -4.113408265704059])
    }

    /// Repeated values: which kernel of a tie gets the wide width follows the sort order.
    /// numpy 2.4's `argsort` (a SIMD sort) orders ties by hardware, so the reference is
    /// Optuna with `argsort` forced stable, the order used here.
    @Test func integerTiesFollowAStableSort() {
        let thirty = ParzenEstimator.integer(observations: Self.obs30.map { [$0] }, bounds: [0...4],
                                             weights: TPEWeights.defaultWeights(30))
        Self.expectClose(Self.logDensities(thirty, choices: 5),
                         [-1.133052014745247, -1.812112052224332, -2.018194274107402, -1.9227256436221392, -1.4458781006830168])
    }

    @Test func integerOnAShiftedRangeUsesValuesNotIndices() {
        let e = ParzenEstimator.integer(observations: [[-3], [0], [8]], bounds: [-3...9], weights: [1, 1, 1])
        Self.expectClose(Self.logDensities(e, choices: 13), [
            -2.232846159830708, -2.232549824900028, -2.2858988709358217, -2.3767012855283114, -2.483336292436441,
            -2.5839447496037176, -2.6638180080091143, -2.7199261206977723, -2.7586983682200357, -2.789813028795968,
            -2.821405876564316, -2.858589881721549, -2.903998944990871,
        ])
    }

    /// Tie keys only reorder equal observations: increasing keys give the stable order, and
    /// reversed keys move the wide kernels to other trials, which changes g(x) under
    /// `default_weights`.
    @Test func tieKeysReorderOnlyEqualObservations() {
        let observations = Self.obs30.map { [$0] }
        let weights = TPEWeights.defaultWeights(30)
        let stable = ParzenEstimator.integer(observations: observations, bounds: [0...4], weights: weights)
        let increasing = ParzenEstimator.integer(observations: observations, bounds: [0...4], weights: weights,
                                                 tieKeys: (0..<30).map(Double.init))
        let reversed = ParzenEstimator.integer(observations: observations, bounds: [0...4], weights: weights,
                                               tieKeys: (0..<30).map { Double(30 - $0) })
        #expect(increasing == stable)
        #expect(reversed != stable)
        let sorted = ParzenEstimator.integer(observations: [[0], [2], [4]], bounds: [0...4], weights: [1, 1, 1])
        let keyed = ParzenEstimator.integer(observations: [[0], [2], [4]], bounds: [0...4], weights: [1, 1, 1], tieKeys: [0.9, 0.1, 0.5])
        #expect(keyed == sorted)
    }

    @Test func samplesFollowTheMixture() {
        // 60,000 draws of l(x) = categorical [0, 3, 3]: frequencies within 1% of exp(log_pdf).
        let e = ParzenEstimator.categorical(observations: [[0], [3], [3]], choiceCounts: [5], weights: [1, 1, 1])
        var rng = Xoshiro256StarStar(seed: 5)
        var counts = [Int](repeating: 0, count: 5)
        for x in e.sample(count: 60_000, using: &rng) { counts[x[0]] += 1 }
        for c in 0..<5 {
            #expect(abs(Double(counts[c]) / 60_000 - exp(e.logDensity([c]))) < 0.01)
        }
    }

    @Test func jointKernelsShareTheirIndexAcrossDimensions() {
        // Two observations (0, 0) and (1, 1): the joint density favours the diagonal.
        let e = ParzenEstimator.categorical(observations: [[0, 0], [1, 1]], choiceCounts: [2, 2], weights: [1, 1])
        #expect(e.logDensity([0, 0]) > e.logDensity([0, 1]))
        let total = [[0, 0], [0, 1], [1, 0], [1, 1]].map { exp(e.logDensity($0)) }.reduce(0, +)
        #expect(abs(total - 1) < 1e-12)
    }
}

