/// A named regressor configuration from the one predictor catalogue: a model kind and its
/// hyper-parameters under scikit-learn / xgboost names. Every consumer builds its models
/// here: `nasreplay predictors fit-predict`, the predictor-evaluation specs, the off-table
/// surrogates (`off_table = "surrogate:<model>"`), LINAS's `predictor` and NAS-EA-FA's
/// `surrogate`.
///
/// ```swift
/// var model = try PredictorModel(type: "svr-rbf")
/// model.parameters.c = 10
/// var regressor = try model.makeRegressor(seed: 7)
/// try regressor.fit(x, y)
/// ```
///
/// A parameter left nil takes the model's own default, the library's (scikit-learn's
/// `Ridge(alpha=1)`, `SVR(C=1, epsilon=0.1, gamma='scale')`, xgboost's
/// `n_estimators=100, max_depth=6, learning_rate=0.3`, `LinearSVR(C=1, epsilon=0, tol=1e-4,
/// max_iter=1000, loss='epsilon_insensitive')`), and for the networks the ones
/// documented on `MLPRegressor` and `GraphConvolutionalNetwork.Configuration`.
///
/// What each spec-visible model type means, with no parameter set:
/// - `ridge`: `RidgeRegression`, α = 1.
/// - `linear`: `LinearRegression` (ordinary least squares, minimum-norm solution).
/// - `svr-rbf`: `EpsilonSVR`, RBF kernel, C = 1, ε = 0.1, γ = 'scale'.
/// - `svr-linear`: `EpsilonSVR`, linear kernel, C = 1, ε = 0.1.
/// - `linear-svr`: `LinearSVR` (liblinear), C = 1, ε = 0, tol 1e-4, 1,000 iterations.
/// - `stacked`: `StackedRegressor`, ridge α = 1 and RBF-SVR C = 1, ε = 0.1, 5 folds.
/// - `gbt`: `GradientBoostedTrees`, xgboost's defaults (100 trees, depth 6, eta 0.3, base
///   score from the labels as xgboost ≥ 2).
/// - `mlp`: `MLPRegressor` with its defaults (64, 64; α = 1; 100 epochs).
/// - `gcn`: `GCNRegressor` on packed graphs of 8 nodes, `GraphConvolutionalNetwork`'s defaults.
/// - `dynast`: `DynastPredictor`, DyNAS-T 1.6.0's ridge-vs-SVR grid search.
///
/// The algorithms' own names are named entries of this catalogue (`PredictorModel+Entries`):
/// NAS-EA-FA's `xgboost` and LINAS's `gbt` are `nasEAFAXGBoost` (eta 0.1), NAS-EA-FA's `gcn`
/// is `dervisiGCN`.
public struct PredictorModel: Sendable, Equatable {
    /// The model kinds of the catalogue; the raw values are the spec names.
    public enum Kind: String, Sendable, CaseIterable {
        case ridge
        case linear
        case svrRBF = "svr-rbf"
        case svrLinear = "svr-linear"
        case linearSVR = "linear-svr"
        case stacked
        case gbt
        case mlp
        case gcn
        case dynast
    }

    /// The catalogue's type names, in the order tables list them.
    public static let types = Kind.allCases.map(\.rawValue)

    /// What a model reads: a plain feature vector, or a packed cell graph.
    public enum Input: Sendable, Equatable {
        case vector
        case graph
    }

    /// The label in tables and figures (the type's name unless given).
    public var name: String
    public var kind: Kind
    public var parameters: Parameters

    /// The type's spec name, e.g. `svr-rbf`.
    public var type: String { kind.rawValue }

    /// A model of a known kind; parameters are checked by `makeRegressor`.
    public init(_ kind: Kind, name: String? = nil, parameters: Parameters = Parameters()) {
        self.name = name ?? kind.rawValue
        self.kind = kind
        self.parameters = parameters
    }

    /// A model from its spec name.
    /// - Throws: `PredictorError.invalidParameter` for a name not in `types`.
    public init(name: String? = nil, type: String, parameters: Parameters = Parameters()) throws(PredictorError) {
        guard let kind = Kind(rawValue: type) else {
            throw PredictorError.invalidParameter("unknown model '\(type)'; known models: \(Self.types.joined(separator: ", "))")
        }
        self.init(kind, name: name, parameters: parameters)
    }

    public var input: Input { kind == .gcn ? .graph : .vector }

    /// The k of the k-fold cross-validation a model runs inside its fit (dynast's grid
    /// search, stacked's out-of-fold predictions); nil for models without one. A training
    /// set needs at least this many rows.
    public var crossValidationFolds: Int? {
        switch kind {
        case .dynast: parameters.folds ?? DynastPredictor.Configuration().folds
        case .stacked: parameters.folds ?? StackedRegressor().folds
        default: nil
        }
    }

    /// The node count of the packed rows a graph model reads (`CellGraph.packedRow`); nil
    /// for vector models.
    public var packedGraphNodes: Int? {
        input == .graph ? parameters.maxNodes ?? GCNRegressor().maxNodes : nil
    }
}
