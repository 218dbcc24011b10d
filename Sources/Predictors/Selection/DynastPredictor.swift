import Dispatch
import Foundation

/// The DyNAS-T 1.6.0 objective predictor: ridge and RBF-SVR grid searches scored by
/// 5-fold MAPE, keeping the better searcher (ALGORITHMS.md L.2).
///
/// ```swift
/// var predictor = DynastPredictor()
/// try predictor.fit(rows: encodings, targets: top1)
/// let predicted = try predictor.predict(rows: candidates)
/// predictor.choice        // .ridge(alpha: 0.3) or .svr(c: 17)
/// ```
///
/// Follows `dynast/predictors/dynamic_predictor.py::Predictor.train` and scikit-learn's
/// `GridSearchCV`:
/// 1. fit every feature column (1.6.0's `Predictor.train` has no variance filter, so
///    `gamma='auto'` is 1/(all columns)); the named variant `dropsConstantColumns` first
///    keeps only the columns with nonzero variance (numpy `var` over rows), as an older
///    DyNAS-T commit (6f9bb4c) did, and gamma counts only those;
/// 2. divide labels by 10^(⌊log₁₀ max|y|⌋ − 1) (1 if all labels are 0); predictions are
///    multiplied back;
/// 3. `Ridge` over α = 0.1, 0.2, …, 10.0 and `SVR(kernel='rbf', gamma='auto',
///    epsilon=0, max_iter=1e6)` over C = 1, 2, …, 100, each scored by the mean over
///    unshuffled `KFold(5)` folds of −MAPE; the first best candidate of a grid wins;
/// 4. the searcher with the higher best score is kept, ridge on a tie (`np.argmax`), and
///    refitted on all data with its best parameter.
///
/// It is built to be fast without changing the answer: one eigen-decomposition per fold
/// serves the whole α grid (`RidgePath`), one kernel matrix over all samples serves every
/// fold and every C (a fold's matrix is a gather), each solve (ε = 0) runs on n sample
/// pairs instead of libsvm's 2n variables (`PairedSMOState`, the same path), folds × C
/// run in parallel, and a solve whose path never reached a smaller C's box serves that C
/// too (`SVRSolution.largestBoxComparison`). Each SVR score is still libsvm's own path's, so
/// the scores match scikit-learn's bit for bit. The named inexact variant
/// `warmStartsAcrossC` starts each fold's solve from the last C's solution instead
/// (faster, not scikit-learn's scores).
/// - Complexity: O(n²·d + F·(min(n,d)³ + A·n·d)) for ridge plus the C × F SMO solves.
public struct DynastPredictor: Regressor {
    /// The grids and CV layout; the defaults are DyNAS-T 1.6.0's.
    public struct Configuration: Sendable, Equatable {
        public var alphas: [Double]
        public var costs: [Double]
        public var folds: Int
        /// libsvm `max_iter` of each SVR fit (DyNAS-T passes 1e6); `nil` = unlimited.
        public var svrMaxIterations: Int?
        public var svrTolerance: Double
        /// Run folds and grid points concurrently; the result does not depend on it.
        public var parallel: Bool
        /// Variant: drop zero-variance columns before fitting (gamma = 1/(columns kept)).
        /// Off: DyNAS-T 1.6.0, which fits all columns. It only matters when a training set
        /// has constant columns (small samples, one-hot encodings).
        public var dropsConstantColumns: Bool
        /// Inexact variant: each fold's SVR solves run from the smallest C up, each starting
        /// from the last one's dual variables instead of from zero (a solve that never
        /// reached its box stands for every larger C). Off: scikit-learn's
        /// independent fits, libsvm's path bit for bit. On, every solve still stops within
        /// the tolerance, at another point than a cold start's, so scores, and now and then
        /// the C chosen, differ; the refit on all data is the same cold fit either way.
        public var warmStartsAcrossC: Bool

        public init(alphas: [Double] = Configuration.dynastAlphas, costs: [Double] = Configuration.dynastCosts,
                    folds: Int = 5, svrMaxIterations: Int? = 1_000_000, svrTolerance: Double = 1e-3,
                    parallel: Bool = true, dropsConstantColumns: Bool = false, warmStartsAcrossC: Bool = false) {
            self.alphas = alphas
            self.costs = costs
            self.folds = folds
            self.svrMaxIterations = svrMaxIterations
            self.svrTolerance = svrTolerance
            self.parallel = parallel
            self.dropsConstantColumns = dropsConstantColumns
            self.warmStartsAcrossC = warmStartsAcrossC
        }

        /// `np.arange(0.1, 10.1, 0.1)`: numpy fills start + i·step, so 0.30000000000000004 etc.
        public static let dynastAlphas: [Double] = (0..<100).map { 0.1 + Double($0) * 0.1 }
        /// `np.arange(1.0, 101.0, 1.0)`.
        public static let dynastCosts: [Double] = (1...100).map(Double.init)
    }

    /// The model kept after both searches.
    public enum Choice: Sendable, Equatable {
        case ridge(alpha: Double)
        case svr(c: Double)
    }

    /// One searcher's cross-validation table, as `GridSearchCV.cv_results_`.
    public struct SearchResult: Sendable, Equatable {
        /// Mean over folds of −MAPE, per grid point (`mean_test_score`).
        public let meanScores: [Double]
        /// First index of the maximum (`best_index_`).
        public let bestIndex: Int
        public var bestScore: Double { meanScores[bestIndex] }
    }

    public var configuration: Configuration
    public private(set) var ridgeSearch: SearchResult?
    public private(set) var svrSearch: SearchResult?
    public private(set) var choice: Choice?
    /// Columns of the input kept for fitting: all of them, or those with nonzero variance
    /// in the training set under `dropsConstantColumns`.
    public private(set) var featureIndices: [Int] = []
    /// The SVR's `gamma='auto'`: 1/(columns fitted).
    public private(set) var svrGamma: Double?
    public private(set) var normalizationFactor: Double = 1
    private var ridge: RidgeRegression?
    private var svr: EpsilonSVR?
    private var fittedWidth: Int?

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    public mutating func fit(_ x: Matrix, _ y: [Double]) throws {
        try validateTrainingData(x, y)
        guard !configuration.alphas.isEmpty, !configuration.costs.isEmpty else {
            throw PredictorError.invalidParameter("DyNAS-T predictor needs non-empty alpha and C grids")
        }
        let folds = try KFold(splits: configuration.folds).split(sampleCount: x.rows)
        let kept = configuration.dropsConstantColumns ? Self.nonConstantColumns(x) : Array(0..<x.columns)
        guard !kept.isEmpty else {
            throw PredictorError.invalidParameter("every feature is constant over the training set (variant drop-constant-columns)")
        }
        let factor = Self.normalizationFactor(y)
        let features = x.selectingColumns(kept)
        let labels = y.map { $0 / factor }

        let ridgeScores = ridgeFoldScores(features, labels, folds)
        let svrGamma = 1.0 / Double(features.columns)   // gamma='auto'
        let svrScores = svrFoldScores(features, labels, folds, gamma: svrGamma)
        let ridgeResult = Self.summarize(ridgeScores, candidates: configuration.alphas.count, folds: folds.count)
        let svrResult = Self.summarize(svrScores, candidates: configuration.costs.count, folds: folds.count)

        if Self.prefersSVR(ridge: ridgeResult, svr: svrResult) {
            var model = EpsilonSVR(kernel: .rbf(gamma: .value(svrGamma)), c: configuration.costs[svrResult.bestIndex],
                                   epsilon: 0, tolerance: configuration.svrTolerance,
                                   maxIterations: configuration.svrMaxIterations)
            try model.fit(features, labels)
            svr = model
            ridge = nil
            choice = .svr(c: model.c)
        } else {
            var model = RidgeRegression(alpha: configuration.alphas[ridgeResult.bestIndex])
            try model.fit(features, labels)
            ridge = model
            svr = nil
            choice = .ridge(alpha: model.alpha)
        }
        ridgeSearch = ridgeResult
        svrSearch = svrResult
        featureIndices = kept
        normalizationFactor = factor
        self.svrGamma = svrGamma
        fittedWidth = x.columns
    }

    public func predict(_ x: Matrix) throws -> [Double] {
        try validatePredictionWidth(x, fittedWidth: fittedWidth, model: "DynastPredictor")
        let features = x.selectingColumns(featureIndices)
        let normalized: [Double]
        if let svr { normalized = try svr.predict(features) }
        else if let ridge { normalized = try ridge.predict(features) }
        else { throw PredictorError.notFitted(model: "DynastPredictor") }
        return normalized.map { $0 * normalizationFactor }
    }

    // MARK: steps

    /// `np.nonzero(np.var(X, 0))`: numpy sums down the rows in order for an axis-0 reduction.
    static func nonConstantColumns(_ x: Matrix) -> [Int] {
        let n = x.rows, d = x.columns
        var means = [Double](repeating: 0, count: d)
        for r in 0..<n { for c in 0..<d { means[c] += x.values[r * d + c] } }
        for c in 0..<d { means[c] /= Double(n) }
        var variance = [Double](repeating: 0, count: d)
        for r in 0..<n {
            for c in 0..<d {
                let deviation = x.values[r * d + c] - means[c]
                variance[c] += deviation * deviation
            }
        }
        return (0..<d).filter { variance[$0] / Double(n) != 0 }
    }

    /// `np.argmax([ridge.best_score_, svr.best_score_])`: the first maximum wins, so a tie
    /// keeps ridge.
    static func prefersSVR(ridge: SearchResult, svr: SearchResult) -> Bool {
        svr.bestScore > ridge.bestScore
    }

    /// DyNAS-T 1.6.0's label scaling (ALGORITHMS.md L.2): labels are divided by
    /// 10^(⌊log₁₀ max|y|⌋ − 1), or by 1 when every label is 0 (MACs ~3e8 → ÷1e7).
    public static func normalizationFactor(_ y: [Double]) -> Double {
        let maxLabel = y.map(abs).max() ?? 0
        guard maxLabel > 0 else { return 1 }
        return pow(10.0, (log10(maxLabel)).rounded(.down) - 1.0)
    }

    /// `GridSearchCV`: mean over folds, then the first index of the best mean. NaN means
    /// (a fold that failed) rank last, as scikit-learn ranks them.
    static func summarize(_ scores: [Double], candidates: Int, folds: Int) -> SearchResult {
        var means = [Double](repeating: 0, count: candidates)
        for c in 0..<candidates {
            var s = 0.0
            for f in 0..<folds { s += scores[f * candidates + c] }
            means[c] = s / Double(folds)
        }
        var best = 0
        for c in 1..<max(1, candidates) where !means[c].isNaN && (means[best].isNaN || means[c] > means[best]) {
            best = c
        }
        return SearchResult(meanScores: means, bestIndex: best)
    }

    /// Fold-major table of −MAPE: `scores[fold * alphas.count + a]`.
    private func ridgeFoldScores(_ x: Matrix, _ y: [Double], _ folds: [KFold.Fold]) -> [Double] {
        let alphas = configuration.alphas
        let table = ScoreTable(count: folds.count * alphas.count)
        forEach(folds.count) { f in
            let fold = folds[f]
            let path = RidgePath(train: x.selectingRows(fold.train), targets: fold.train.map { y[$0] },
                                 validation: x.selectingRows(fold.test))
            let truth = fold.test.map { y[$0] }
            for (a, alpha) in alphas.enumerated() {
                let mape = RegressionMetrics.meanAbsolutePercentageError(actual: truth,
                                                                         predicted: path.predictions(alpha: alpha))
                table.set(f * alphas.count + a, -mape)
            }
        }
        return table.values
    }

    /// Fold-major table of −MAPE: `scores[fold * costs.count + c]`.
    private func svrFoldScores(_ x: Matrix, _ y: [Double], _ folds: [KFold.Fold], gamma: Double) -> [Double] {
        let costs = configuration.costs
        let kernel = Kernel.rbf(gamma: gamma)
        let training = KernelMatrix(x, kernel: kernel)
        let foldKernels = folds.map { training.restricted(to: $0.train) }
        // Prediction-form kernel values, once per (training row, validation row) pair.
        let n = x.rows
        let predictionKernel = PredictionKernelTable(x, kernel: kernel)
        let table = ScoreTable(count: folds.count * costs.count)
        let tolerance = configuration.svrTolerance, maxIterations = configuration.svrMaxIterations
        let foldTargets = folds.map { fold in fold.train.map { y[$0] } }
        let foldTruth = folds.map { fold in fold.test.map { y[$0] } }
        @Sendable func score(_ solution: SVRSolution, fold f: Int) -> Double {
            let fold = folds[f]
            let predictions = fold.test.map { v -> Double in
                var sum = 0.0
                for (k, i) in fold.train.enumerated() where solution.coefficients[k] != 0 {
                    sum += solution.coefficients[k] * predictionKernel.values[v * n + i]
                }
                return sum - solution.rho
            }
            return -RegressionMetrics.meanAbsolutePercentageError(actual: foldTruth[f], predicted: predictions)
        }
        @Sendable func solve(fold f: Int, c: Double, from start: [Double]? = nil) -> SVRSolution {
            SMOSolver.solveEpsilonSVR(kernel: foldKernels[f], targets: foldTargets[f], c: c, epsilon: 0,
                                      tolerance: tolerance, shrinking: true, maxIterations: maxIterations, start: start)
        }
        if configuration.warmStartsAcrossC {
            // The inexact variant: one chain of solves per fold, C ascending.
            let ascending = costs.indices.sorted { costs[$0] < costs[$1] }
            forEach(folds.count) { f in
                var previous: (solution: SVRSolution, c: Double, score: Double)?
                for c in ascending {
                    // A solve that never reached its box already meets the stopping rule at
                    // any larger C (no variable sits on the box), so its score stands for it.
                    if let last = previous, last.solution.largestBoxComparison < last.c {
                        table.set(f * costs.count + c, last.score)
                        continue
                    }
                    let solution = solve(fold: f, c: costs[c], from: previous?.solution.dualVariables)
                    let value = score(solution, fold: f)
                    table.set(f * costs.count + c, value)
                    previous = (solution, costs[c], value)
                }
            }
            return table.values
        }
        // A solve with a larger C whose path stayed below this C is this C's solve, bit for
        // bit (`SVRSolution.largestBoxComparison`), so its score is reused. Tasks go from
        // the largest C down, so the big solves finish first; whichever thread records a
        // solve first, every score is the one an independent solve would give.
        let solved = (0..<folds.count).map { _ in SolvedCosts() }
        let order = costs.indices.sorted { costs[$0] > costs[$1] }
        forEach(folds.count * costs.count) { task in
            let f = task % folds.count, c = order[task / folds.count]
            if let score = solved[f].reusableScore(for: costs[c]) {
                table.set(f * costs.count + c, score)
                return
            }
            let solution = solve(fold: f, c: costs[c])
            let value = score(solution, fold: f)
            solved[f].record(c: costs[c], below: solution.largestBoxComparison, score: value)
            table.set(f * costs.count + c, value)
        }
        return table.values
    }

    private func forEach(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        if configuration.parallel {
            DispatchQueue.concurrentPerform(iterations: count, execute: body)
        } else {
            for i in 0..<count { body(i) }
        }
    }
}

/// exp(−γ Σ(a−b)²) for every ordered pair of rows, libsvm's prediction form.
private struct PredictionKernelTable: Sendable {
    let values: [Double]

    init(_ x: Matrix, kernel: Kernel) {
        let n = x.rows
        var table = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                let value = kernel.predictionValue(x.row(i), x.row(j))
                table[i * n + j] = value
                table[j * n + i] = value
            }
        }
        values = table
    }
}

/// Disjoint-slot result storage for `concurrentPerform`: each task writes only its own
/// index, so no lock is needed, and the reads happen after the barrier the call implies.
private final class ScoreTable: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<Double>

    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: .nan)
    }

    deinit { storage.deallocate() }

    func set(_ index: Int, _ value: Double) { storage[index] = value }

    var values: [Double] { Array(storage) }
}

/// One fold's finished SVR solves: C, the bound their path stayed below, and the score.
private final class SolvedCosts: @unchecked Sendable {
    private struct Entry { let c: Double; let below: Double; let score: Double }
    private let lock = NSLock()
    private var entries: [Entry] = []

    /// The score of a finished solve with C′ ≥ c whose path stayed below c, if any.
    func reusableScore(for c: Double) -> Double? {
        lock.lock(); defer { lock.unlock() }
        return entries.first { $0.c >= c && $0.below < c }?.score
    }

    func record(c: Double, below: Double, score: Double) {
        lock.lock(); defer { lock.unlock() }
        entries.append(Entry(c: c, below: below, score: score))
    }
}
