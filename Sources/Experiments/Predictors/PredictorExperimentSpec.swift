import Foundation
import NASCore
import Predictors

/// A predictor-evaluation spec: which benchmark and target, which models, how many
/// trials and which training-set sizes (the LINAS paper's protocol, `PredictorExperiment`).
///
/// ```toml
/// name = "predictors-nats-tss"     # results go to results/<name>/
/// trials = 100
/// seed = 20220225
/// test_size = 500                   # fixed test rows per trial
/// sizes = [100, 200, 300]           # nested training subsets
/// models = ["ridge", "svr-rbf"]     # models with default parameters
/// label_scaling = "none"            # or "dynast": every model fits y ÷ DyNAS-T's factor
/// splits_from = "predictors-nats-tss"  # draw each trial's rows as that spec does (default: name)
///
/// [benchmark]
/// name = "nats-tss"                 # any table: nats-tss, ofa-mbv3-dynast, hat-…, your own
/// target = "c10_valid_200ep"
///
/// [[model]]                         # a model with parameters (scikit-learn names)
/// name = "mlp-128"
/// type = "mlp"
/// hidden = [128, 128]
///
/// [[model]]
/// name = "xgb-eta-0.1"              # LINAS's "gbt", NAS-EA-FA's "xgboost"
/// type = "gbt"
/// learning_rate = 0.1               # also n_estimators, max_depth, alpha, gamma, base_score,
///                                   # min_child_weight, reg_lambda, subsample (1 only)
///
/// [[model]]
/// name = "linear-svr-sq"
/// type = "linear-svr"
/// loss = "squared_epsilon_insensitive"   # also C, epsilon, tol, max_iter, seed
/// ```
///
/// Model types and their defaults are the predictor catalogue's (`PredictorModel` in
/// Predictors); a `gcn` also takes `head` (the dense head's widths).
/// Unknown keys, wrong types and impossible values are `SpecError`s that give the line.
public struct PredictorExperimentSpec: Sendable, Equatable {
    public var name: String
    public var trials: Int
    public var seed: UInt64
    public var testSize: Int
    public var sizes: [Int]
    public var benchmark: String
    public var target: String
    public var models: [PredictorModel]
    public var labelScaling: LabelScaling
    /// The spec name whose streams draw each trial's rows (and so the models' seeds): the
    /// spec's own name, or `splits_from`, so that a companion spec with other models is
    /// scored on exactly the rows of the spec it accompanies.
    public var splitStream: String
    public var file: String
    /// SHA-256 of the spec text, stored with the results.
    public var textHash: String

    public static let defaultSizes = Array(stride(from: 100, through: 1000, by: 100))

    /// What every model is fitted on. Library defaults are not scale-free (an SVR's C bounds
    /// its dual variables, so with C = 1 a linear SVR cannot reach targets in the
    /// thousands), so a comparison across models can fit them all on scaled labels.
    public enum LabelScaling: String, Sendable, CaseIterable {
        /// The raw target, as scikit-learn would get it (the default).
        case none
        /// y ÷ `DynastPredictor.normalizationFactor` of the training subset, predictions
        /// × the factor, as DyNAS-T's `Predictor` does; the `dynast` model scales by itself,
        /// so this changes nothing for it.
        case dynast
    }

    /// The largest `test_size` and training size a spec may name (the table's finite rows
    /// are checked when the experiment loads it).
    public static let maximumRows = 10_000_000
    /// The most trials a predictor spec (or `predictors evaluate --trials`) may ask for.
    public static let maximumTrials = 100_000

    public static func load(_ path: String) throws(SpecError) -> PredictorExperimentSpec {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SpecError(file: path, line: nil, message: "cannot read the spec file")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(SpecError) -> PredictorExperimentSpec {
        let root = try SpecReader.parse(text, file: file)
        var fields = SpecFields(root, file: file, section: "spec")
        let name = try fields.string("name", required: true) ?? ""
        do { try PlainName.check(name, what: "name") } catch {
            throw SpecError(file: file, line: fields.line(of: "name"), message: "\(error) (it names the results folder)")
        }
        _ = try fields.string("description")   // for people; not used
        let splitStream = try fields.string("splits_from") ?? name
        do { try PlainName.check(splitStream, what: "splits_from") } catch {
            throw SpecError(file: file, line: fields.line(of: "splits_from"), message: "\(error) (it names the spec whose trial rows this one reuses)")
        }
        let trials = try fields.int("trials", range: 1...maximumTrials) ?? 100
        let seed = try fields.int("seed", required: true, range: 0...Int.max) ?? 0
        let testSize = try fields.int("test_size", range: 1...maximumRows) ?? 500
        let scaling = try fields.string("label_scaling", options: LabelScaling.allCases.map(\.rawValue)).flatMap(LabelScaling.init) ?? .none
        var sizes = PredictorExperimentSpec.defaultSizes
        if let numbers = try fields.numbers("sizes") {
            guard !numbers.isEmpty, numbers.allSatisfy({ $0 >= 2 && $0 <= Double(maximumRows) && $0 == $0.rounded() }) else {
                throw SpecError(file: file, line: fields.line(of: "sizes"), message: "sizes: expected whole numbers in 2…\(maximumRows), got \(numbers)")
            }
            sizes = numbers.map { Int($0) }
            guard sizes == sizes.sorted(), Set(sizes).count == sizes.count else {
                throw SpecError(file: file, line: fields.line(of: "sizes"), message: "sizes: must increase strictly (the subsets are nested)")
            }
        }
        var models: [PredictorModel] = []
        for type in try fields.strings("models") ?? [] {
            do { models.append(try PredictorModel(type: type)) } catch {
                throw SpecError(file: file, line: fields.line(of: "models"), message: "models: \(error)")
            }
        }
        for table in try fields.tables("model") ?? [] {
            models.append(try parseModel(table, file: file))
        }
        guard !models.isEmpty else {
            throw SpecError(file: file, line: nil, message: "no models: give `models = [...]` or [[model]] tables")
        }
        var seen = Set<String>()
        for model in models where !seen.insert(model.name).inserted {
            throw SpecError(file: file, line: nil, message: "model name '\(model.name)' appears twice; give each [[model]] its own name")
        }
        // Checked here, before any fit, so a run never fails half-way on its smallest subset.
        for model in models {
            if let folds = model.crossValidationFolds, let smallest = sizes.first, smallest < folds {
                throw SpecError(file: file, line: fields.line(of: "sizes"),
                                message: "sizes: the smallest training set has \(smallest) rows, fewer than model '\(model.name)''s \(folds) cross-validation folds; use sizes ≥ \(folds) or fewer folds")
            }
        }
        guard let benchmarkTable = try fields.table("benchmark", required: true) else {
            throw SpecError(file: file, line: nil, message: "missing [benchmark]")
        }
        var benchmarkFields = SpecFields(benchmarkTable, file: file, section: "[benchmark]")
        // Any table of the catalogue; whether it exists is checked when the experiment loads it.
        let benchmark = try benchmarkFields.string("name", required: true) ?? ""
        let target = try benchmarkFields.string("target", required: true) ?? ""
        try benchmarkFields.finish()
        try fields.finish()
        return PredictorExperimentSpec(name: name, trials: trials, seed: UInt64(seed), testSize: testSize, sizes: sizes,
                                       benchmark: benchmark, target: target, models: models, labelScaling: scaling,
                                       splitStream: splitStream, file: file,
                                       textHash: SHA256.hex(Array(text.utf8)))
    }

    private static func parseModel(_ table: SpecTable, file: String) throws(SpecError) -> PredictorModel {
        var fields = SpecFields(table, file: file, section: "[[model]]")
        let type = try fields.string("type", required: true, options: PredictorModel.types) ?? ""
        let name = try fields.string("name")
        var p = PredictorModel.Parameters()
        p.alpha = try fields.double("alpha")
        p.c = try fields.double("C")
        p.epsilon = try fields.double("epsilon")
        p.gamma = try fields.double("gamma")
        p.nEstimators = try fields.int("n_estimators")
        p.maxDepth = try fields.int("max_depth")
        p.learningRate = try fields.double("learning_rate")
        p.baseScore = try fields.double("base_score")
        p.minChildWeight = try fields.double("min_child_weight")
        p.regLambda = try fields.double("reg_lambda")
        p.subsample = try fields.double("subsample")
        p.hidden = try layerSizes("hidden", &fields, file: file)
        p.head = try layerSizes("head", &fields, file: file)
        p.epochs = try fields.int("epochs")
        p.batchSize = try fields.int("batch_size")
        p.folds = try fields.int("folds")
        p.maxNodes = try fields.int("max_nodes")
        if let layer = try fields.string("layer", options: GraphConvolution.allCases.map(\.rawValue)) {
            p.layer = GraphConvolution(rawValue: layer)
        }
        if let readout = try fields.string("readout", options: GraphReadout.allCases.map(\.rawValue)) {
            p.readout = GraphReadout(rawValue: readout)
        }
        if let seed = try fields.int("seed", range: 0...Int.max) { p.seed = UInt64(seed) }
        p.tol = try fields.double("tol")
        p.maxIter = try fields.int("max_iter")
        p.dropConstantColumns = try fields.bool("drop_constant_columns")
        p.warmStartC = try fields.bool("warm_start_c")
        if let loss = try fields.string("loss", options: LinearSVR.Loss.allCases.map(\.rawValue)) {
            p.loss = LinearSVR.Loss(rawValue: loss)
        }
        try fields.finish()
        do {
            let model = try PredictorModel(name: name, type: type, parameters: p)
            _ = try model.makeRegressor()   // rejects parameters the model does not take
            return model
        } catch {
            throw SpecError(file: file, line: table.line, message: "[[model]] \(name ?? type): \(error)")
        }
    }

    /// Layer widths such as `hidden = [64, 64]`: whole numbers, so a value like 1e30 is a
    /// spec error rather than a trap in the conversion to `Int`.
    private static func layerSizes(_ key: String, _ fields: inout SpecFields, file: String) throws(SpecError) -> [Int]? {
        guard let numbers = try fields.numbers(key) else { return nil }
        let sizes = numbers.compactMap { Int(exactly: $0) }
        guard sizes.count == numbers.count else {
            throw SpecError(file: file, line: fields.line(of: key), message: "\(key): expected whole numbers, got \(numbers)")
        }
        return sizes
    }
}
