import HDF5Kit

/// `runs.h5` of a predictor evaluation (`nasreplay predictors evaluate`) as typed values:
/// the protocol's settings and, per model, each score as a [trials × sizes] matrix. The one
/// type that writes the file and the one that reads it; the only place its layout is spelled.
///
/// ```swift
/// let file = try PredictorRunsFile.read("results/predictors-nats-tss/runs.h5")
/// file.provenance.sizes                      // [100, 200, …, 1000]
/// file.models[0].scores.kendallTau[0]        // trial 0, one τ per size
/// ```
///
/// ```text
/// /          attributes: name, benchmark, target, trials, seed (text), test_size, sizes,
///            label_scaling, spec_sha256, code_version; dataset trial_seeds
/// /<model>/  attributes: type, parameters; float64 [trials × sizes]: mape, rmse,
///            kendall_tau, spearman_rho, fit_seconds, predict_seconds
/// ```
///
/// MAPE is a fraction, as scikit-learn returns it.
public struct PredictorRunsFile: Sendable, Equatable {
    /// The protocol an evaluation ran.
    public struct Provenance: Sendable, Equatable {
        /// The spec's name.
        public var name: String
        public var benchmark: String
        /// The metric the models predict.
        public var target: String
        public var trials: Int
        public var seed: UInt64
        /// Rows held out for testing in each trial.
        public var testSize: Int
        /// The nested training-set sizes, in order.
        public var sizes: [Int]
        public var labelScaling: PredictorExperimentSpec.LabelScaling
        /// SHA-256 of the spec's text.
        public var specSHA256: String
        /// `NASReplayVersion.string` of the code that wrote the file.
        public var codeVersion: String

        public init(name: String, benchmark: String, target: String, trials: Int, seed: UInt64, testSize: Int, sizes: [Int],
                    labelScaling: PredictorExperimentSpec.LabelScaling, specSHA256: String, codeVersion: String) {
            self.name = name; self.benchmark = benchmark; self.target = target; self.trials = trials; self.seed = seed
            self.testSize = testSize; self.sizes = sizes; self.labelScaling = labelScaling
            self.specSHA256 = specSHA256; self.codeVersion = codeVersion
        }
    }

    /// One model's scores, each [trials][sizes].
    public struct Scores: Sendable, Equatable {
        public var mape: [[Double]]
        public var rmse: [[Double]]
        public var kendallTau: [[Double]]
        public var spearmanRho: [[Double]]
        public var fitSeconds: [[Double]]
        public var predictSeconds: [[Double]]

        public init(mape: [[Double]], rmse: [[Double]], kendallTau: [[Double]], spearmanRho: [[Double]],
                    fitSeconds: [[Double]], predictSeconds: [[Double]]) {
            self.mape = mape; self.rmse = rmse; self.kendallTau = kendallTau; self.spearmanRho = spearmanRho
            self.fitSeconds = fitSeconds; self.predictSeconds = predictSeconds
        }
    }

    public struct Model: Sendable, Equatable {
        /// The model's name as stored: `/` and spaces become `_`.
        public var label: String
        public var type: String
        /// Its parameters as one line, `defaults` when none were set.
        public var parameters: String
        public var scores: Scores

        public init(label: String, type: String, parameters: String, scores: Scores) {
            self.label = ResultsStore.safeName(label); self.type = type; self.parameters = parameters; self.scores = scores
        }
    }

    public var provenance: Provenance
    /// Each trial's seed, in trial order.
    public var trialSeeds: [UInt64]
    /// In the spec's order.
    public var models: [Model]

    public init(provenance: Provenance, trialSeeds: [UInt64], models: [Model]) {
        self.provenance = provenance; self.trialSeeds = trialSeeds; self.models = models
    }

    /// Reads a predictor evaluation's runs.h5.
    ///
    /// - Throws: `HDF5Error` for a missing or damaged file, `RunError` for one that is not
    ///   a predictor evaluation's.
    public static func read(_ path: String) throws -> PredictorRunsFile {
        try PredictorRunsFile(group: HDF5File.read(path), path: path)
    }

    /// Writes the file atomically (`HDF5File.write` renames a finished temporary file).
    public func write(to path: String) throws {
        try HDF5File.write(group(), to: path)
    }

    /// Whether an HDF5 tree is a predictor evaluation rather than a search run: the two share
    /// the file name, and only this one has a test size.
    static func holdsPredictorEvaluation(_ root: H5Group) -> Bool {
        root.attributes["test_size"] != nil && root.attributes["experiment"] == nil
    }

    /// The score columns in the order they are written.
    private static var columns: [(key: String, path: WritableKeyPath<Scores, [[Double]]>)] { [
        ("mape", \.mape), ("rmse", \.rmse), ("kendall_tau", \.kendallTau), ("spearman_rho", \.spearmanRho),
        ("fit_seconds", \.fitSeconds), ("predict_seconds", \.predictSeconds),
    ] }

    func group() -> H5Group {
        let p = provenance
        var root = H5Group()
        root.attributes = [
            "name": .string(p.name), "benchmark": .string(p.benchmark), "target": .string(p.target),
            // Text: integer attributes are signed, and a seed may not fit Int64.
            "trials": .int(Int64(p.trials)), "seed": .string(String(p.seed)), "test_size": .int(Int64(p.testSize)),
            "sizes": .ints(p.sizes.map(Int64.init)), "label_scaling": .string(p.labelScaling.rawValue),
            "spec_sha256": .string(p.specSHA256),
            "code_version": .string(p.codeVersion),
        ]
        root.set("trial_seeds", H5Dataset(.uint64(trialSeeds)))
        let width = p.sizes.count
        for model in models {
            var group = H5Group()
            group.attributes = ["type": .string(model.type), "parameters": .string(model.parameters)]
            for (key, path) in Self.columns {
                let rows = model.scores[keyPath: path]
                group.set(key, H5Dataset(.float64(rows.flatMap { $0 }), shape: [rows.count, width]))
            }
            root.set(model.label, .group(group))
        }
        return root
    }

    init(group root: H5Group, path: String) throws {
        func notOne(_ what: String) -> RunError {
            RunError("\(path): not a predictor evaluation (\(what)); rerun `nasreplay predictors evaluate`")
        }
        guard case .ints(let sizes)? = root.attributes["sizes"], !sizes.isEmpty else { throw notOne("no sizes attribute") }
        guard let name = root.attributes["name"]?.stringValue, let benchmark = root.attributes["benchmark"]?.stringValue,
              let target = root.attributes["target"]?.stringValue, let trials = root.attributes["trials"]?.intValue,
              let seed = root.attributes["seed"]?.stringValue.flatMap({ UInt64($0) }),
              let testSize = root.attributes["test_size"]?.intValue,
              let scaling = root.attributes["label_scaling"]?.stringValue.flatMap(PredictorExperimentSpec.LabelScaling.init(rawValue:)),
              let sha = root.attributes["spec_sha256"]?.stringValue, let version = root.attributes["code_version"]?.stringValue,
              case .uint64(let trialSeeds)? = root.dataset(at: "trial_seeds")?.data else { throw notOne("incomplete provenance") }
        let width = sizes.count
        var models: [Model] = []
        for (label, node) in root.children {
            guard case .group(let g) = node else { continue }
            guard let type = g.attributes["type"]?.stringValue, let parameters = g.attributes["parameters"]?.stringValue else {
                throw notOne("model \(label) has no type or parameters")
            }
            var scores = Scores(mape: [], rmse: [], kendallTau: [], spearmanRho: [], fitSeconds: [], predictSeconds: [])
            for (key, keyPath) in Self.columns {
                guard let ds = g.dataset(at: key), case .float64(let values) = ds.data, ds.shape.count == 2, ds.shape[1] == width,
                      values.count == ds.shape[0] * width else { throw notOne("\(label)/\(key) is not a [trials × sizes] matrix") }
                scores[keyPath: keyPath] = (0..<ds.shape[0]).map { Array(values[($0 * width)..<($0 * width + width)]) }
            }
            var model = Model(label: label, type: type, parameters: parameters, scores: scores)
            model.label = label   // as stored
            models.append(model)
        }
        self.init(provenance: Provenance(name: name, benchmark: benchmark, target: target, trials: Int(trials), seed: seed,
                                         testSize: Int(testSize), sizes: sizes.map { Int($0) }, labelScaling: scaling,
                                         specSHA256: sha, codeVersion: version),
                  trialSeeds: trialSeeds, models: models)
    }
}
