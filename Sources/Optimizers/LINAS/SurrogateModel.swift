import Predictors

/// The predictor a surrogate-assisted search fits per objective.
public enum SurrogateModel: Sendable, Equatable {
    /// DyNAS-T 1.6.0's `Predictor`: ridge α-grid vs RBF-SVR C-grid, 5-fold CV on MAPE,
    /// labels scaled (ALGORITHMS.md L.2).
    case dynast
    case ridge(alpha: Double)
    case svrRBF(c: Double, epsilon: Double)
    case stacked
    /// XGBoost-exact boosted trees (`XGBRegressor(eta=0.1)` defaults otherwise).
    case boostedTrees

    public init?(name: String) {
        switch name {
        case "dynast": self = .dynast
        case "ridge": self = .ridge(alpha: 1)
        case "svr", "svr-rbf": self = .svrRBF(c: 1, epsilon: 0.1)
        case "stacked": self = .stacked
        case "gbt", "xgboost": self = .boostedTrees
        default: return nil
        }
    }

    public static let names = ["dynast", "ridge", "svr-rbf", "stacked", "gbt"]

    public var name: String {
        switch self {
        case .dynast: "dynast"
        case .ridge: "ridge"
        case .svrRBF: "svr-rbf"
        case .stacked: "stacked"
        case .boostedTrees: "gbt"
        }
    }

    /// A fresh, unfitted model.
    public func make() -> any Regressor {
        switch self {
        case .dynast: DynastPredictor()
        case .ridge(let alpha): RidgeRegression(alpha: alpha)
        case .svrRBF(let c, let epsilon): EpsilonSVR(kernel: .rbf(gamma: .scale), c: c, epsilon: epsilon)
        case .stacked: StackedRegressor()
        case .boostedTrees: GradientBoostedTrees(parameters: .nasEAFA(xgboostMajorVersion: 3))
        }
    }
}
