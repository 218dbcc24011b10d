import ArgumentParser
import Benchmarks
import Experiments
import Foundation
import Predictors

struct PredictorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predictors",
        abstract: "Fit performance predictors on your own data, or evaluate them on a benchmark.",
        subcommands: [FitPredict.self, Evaluate.self])

    struct FitPredict: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fit-predict",
            abstract: "Fit a model on TRAIN.csv and print one prediction per row of TEST.csv.",
            discussion: """
            Both files are numeric CSV with the target in the last column; an optional first row \
            of column names is skipped. TEST.csv may have the target column (ignored) or omit it.
            Models: \(PredictorModel.types.joined(separator: ", ")). Options left out take the \
            model's default (scikit-learn / xgboost defaults for the names they share).
            gcn reads each row as a packed cell graph: --max-nodes² adjacency values (row-major, \
            1 for an edge i→j, node 0 the input, the last present node the output), then \
            --max-nodes × F one-hot node features; padding nodes have all-zero features.
            `nasreplay predictors evaluate` builds such rows from NATS cells.
            """)

        @Option(help: "Model: \(PredictorModel.types.joined(separator: ", ")).") var model: String
        @Option(help: "Training CSV (features…, target).") var train: String
        @Option(help: "Test CSV (features…[, target]).") var test: String
        @Option(parsing: .unconditional, help: "ridge/stacked: L2 strength; mlp: L2 penalty; gbt: L1 (reg_alpha).") var alpha: Double?
        @Option(name: .customLong("C"), parsing: .unconditional, help: "SVR, linear-svr and stacked: regularisation C.") var c: Double?
        @Option(parsing: .unconditional, help: "SVR, linear-svr and stacked: epsilon-tube width.") var epsilon: Double?
        @Option(parsing: .unconditional, help: "svr-rbf: kernel gamma (default 'scale'); gbt: min split loss.") var gamma: Double?
        @Option(name: .customLong("n-estimators"), parsing: .unconditional, help: "gbt: boosting rounds.") var nEstimators: Int?
        @Option(name: .customLong("max-depth"), parsing: .unconditional, help: "gbt: tree depth.") var maxDepth: Int?
        @Option(name: .customLong("learning-rate"), parsing: .unconditional, help: "gbt: eta; mlp/gcn: Adam step size.") var learningRate: Double?
        @Option(name: .customLong("base-score"), parsing: .unconditional, help: "gbt: xgboost's base_score (default: the label mean, as xgboost ≥ 2; 0.5 replays xgboost 1.x).") var baseScore: Double?
        @Option(name: .customLong("min-child-weight"), parsing: .unconditional, help: "gbt: xgboost's min_child_weight (default 1).") var minChildWeight: Double?
        @Option(name: .customLong("reg-lambda"), parsing: .unconditional, help: "gbt: xgboost's reg_lambda, L2 on leaf weights (default 1).") var regLambda: Double?
        @Option(parsing: .unconditional, help: "gbt: xgboost's subsample; only 1, its default (a fraction samples rows with xgboost's own generator).") var subsample: Double?
        @Option(parsing: .unconditional, help: "mlp: hidden layer sizes; gcn: convolution widths; comma-separated, e.g. 64,64.") var hidden: String?
        @Option(parsing: .unconditional, help: "gcn: hidden widths of the dense head, comma-separated (default 64).") var head: String?
        @Option(parsing: .unconditional, help: "mlp/gcn: training epochs.") var epochs: Int?
        @Option(name: .customLong("batch-size"), parsing: .unconditional, help: "mlp/gcn: mini-batch size.") var batchSize: Int?
        @Option(parsing: .unconditional, help: "stacked/dynast: cross-validation folds.") var folds: Int?
        @Option(name: .customLong("max-nodes"), parsing: .unconditional, help: "gcn: nodes per packed graph row (default 8).") var maxNodes: Int?
        @Option(help: "gcn: sage-mean or kipf-welling.") var layer: String?
        @Option(help: "gcn: mean or max.") var readout: String?
        @Option(parsing: .unconditional, help: "linear-svr: stopping tolerance (default 1e-4).") var tol: Double?
        @Option(name: .customLong("max-iter"), parsing: .unconditional, help: "linear-svr: outer iterations (default 1000).") var maxIter: Int?
        @Option(help: "linear-svr: epsilon_insensitive (default) or squared_epsilon_insensitive.") var loss: String?
        @Option(help: "mlp/gcn/linear-svr: random seed (default 0).") var seed: UInt64?
        @Flag(name: .customLong("drop-constant-columns"), help: "dynast: drop zero-variance columns first (a variant; DyNAS-T 1.6.0 fits all).") var dropConstantColumns = false
        @Flag(name: .customLong("warm-start-c"), help: "dynast: solve each fold's C grid from the smallest C up, each SVR warm-started from the last (an inexact variant; DyNAS-T 1.6.0 fits each C from scratch).") var warmStartC = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let choice = try PredictorModel(type: model, parameters: parameters())
            var regressor = try choice.makeRegressor(seed: 0)
            let training = try RegressionCSV.read(train)
            let testing = try RegressionCSV.readFeatures(test, featureCount: training.x.columns)
            let clock = ContinuousClock()
            let start = clock.now
            try regressor.fit(training.x, training.y)
            let fitSeconds = (clock.now - start).seconds
            let predictions = try regressor.predict(testing)
            if json {
                let values = predictions.map { jsonNumber($0) }.joined(separator: ", ")
                print("{\"model\": \(jsonString(model)), \"train_rows\": \(training.x.rows), \"features\": \(training.x.columns), \"fit_seconds\": \(fitSeconds), \"predictions\": [\(values)]}")
            } else {
                for p in predictions { print(p) }
            }
        }

        func parameters() throws -> PredictorModel.Parameters {
            var p = PredictorModel.Parameters()
            p.alpha = alpha; p.c = c; p.epsilon = epsilon; p.gamma = gamma
            p.nEstimators = nEstimators; p.maxDepth = maxDepth; p.learningRate = learningRate; p.baseScore = baseScore
            p.minChildWeight = minChildWeight; p.regLambda = regLambda; p.subsample = subsample
            p.epochs = epochs; p.batchSize = batchSize; p.folds = folds; p.maxNodes = maxNodes; p.seed = seed
            p.tol = tol; p.maxIter = maxIter
            if dropConstantColumns { p.dropConstantColumns = true }
            if warmStartC { p.warmStartC = true }
            if let loss {
                guard let kind = LinearSVR.Loss(rawValue: loss) else {
                    throw InputError("--loss: '\(loss)' is not one of \(LinearSVR.Loss.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                p.loss = kind
            }
            if let hidden { p.hidden = try Self.sizes(hidden, option: "--hidden") }
            if let head { p.head = try Self.sizes(head, option: "--head") }
            if let layer {
                guard let kind = GraphConvolution(rawValue: layer) else {
                    throw InputError("--layer: '\(layer)' is not one of \(GraphConvolution.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                p.layer = kind
            }
            if let readout {
                guard let kind = GraphReadout(rawValue: readout) else {
                    throw InputError("--readout: '\(readout)' is not one of \(GraphReadout.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                p.readout = kind
            }
            return p
        }

        /// Comma-separated positive layer sizes such as `64,64`.
        static func sizes(_ text: String, option: String) throws -> [Int] {
            let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
                throw InputError("\(option): expected positive comma-separated sizes such as 64,64, got '\(text)'")
            }
            return sizes.compactMap { $0 }
        }
    }

    struct Evaluate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "evaluate",
            abstract: "The LINAS predictor protocol: MAPE, RMSE, Kendall τ, Spearman ρ per model × training size × trial.",
            discussion: """
            Each trial draws a fixed test set and nested training subsets from the benchmark \
            (arXiv 2202.12934 §4.1). Writes results/<name>/runs.h5 and summary.md.
            Any table works: NATS-TSS cells are read as one-hot vectors (gcn: cell graphs); \
            sample tables (OFA, HELP, HAT, your own) as the one-hot genes of their space.
            Rows whose target is not finite are left out.
            """)

        @OptionGroup var locations: Locations
        @Argument(help: "The predictor spec (TOML), e.g. experiments/predictors-nats-tss.toml.") var spec: String
        @Option(parsing: .unconditional, help: "Worker threads (default: all cores).") var threads: Int?
        @Option(help: "Folder for results.") var results = "results"
        @Option(parsing: .unconditional, help: "Run the first N trials instead of the spec's count (quick checks; trial i is the same with any N).") var trials: Int?
        @Flag(help: "No progress output.") var quiet = false

        func run() throws {
            try checkResultsFolder(results)
            var parsed = try PredictorExperimentSpec.load(spec)
            if let trials {
                try checkTrialOverride(trials, maximum: PredictorExperimentSpec.maximumTrials,
                                       runsFile: ResultsStore(root: results, experiment: parsed.name).runsFile)
                parsed.trials = trials
            }
            if let threads, threads < 1 { throw InputError("--threads must be positive, got \(threads)") }
            // A spec that does not fit its table (too few finite targets, a graph model on a
            // sample table) is bad input: PredictorExperiment says so with exit code 2.
            let experiment = try PredictorExperiment(spec: parsed, catalog: DatasetCatalog(folder: locations.datasetsFolder))
            let start = ContinuousClock.now
            let done = ProgressCount()
            let quiet = quiet, total = parsed.trials
            let result = try experiment.run(threads: threads) { _ in
                let n = done.increment()
                if !quiet { FileHandle.standardError.write(Data("\rtrials \(n)/\(total)".utf8)) }
            }
            if !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            let store = ResultsStore(root: results, experiment: parsed.name)
            try result.write(to: store)
            print(result.summary())
            print("mean fit time per model (over trials and sizes):")
            print(renderTable(["model", "fit ms"], result.meanFitSeconds().map { [$0.model, String(format: "%.2f", $0.seconds * 1000)] }))
            let seconds = String(format: "%.2f", (ContinuousClock.now - start).seconds)
            print("ran \(parsed.trials) trials × \(parsed.sizes.count) sizes × \(parsed.models.count) models in \(seconds) s; wrote \(store.runsFile) and \(store.summaryFile)")
        }
    }
}

/// Counts finished trials for the progress line.
private final class ProgressCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.withLock { count += 1; return count } }
}
