import Foundation
import NASCore
@testable import Predictors

/// One dataset of shared/oracles/regressors.json (scikit-learn 1.9.1, xgboost 3.2.0).
struct OracleDataset: Sendable {
    struct Model: Sendable {
        let call: String
        let predictions: [Double]
        let mape: Double
        let kendallTau: Double
        let coefficients: [Double]?
        let intercept: Double?
        let supportCount: Int?
        let rank: Int?
        let firstTreePredictions: [Double]?
    }

    let id: String
    let featureKind: String
    let centredRank: Int
    let xTrain: Matrix
    let yTrain: [Double]
    let xTest: Matrix
    let yTest: [Double]
    let models: [String: Model]

    static let all: [OracleDataset] = load()

    static func named(_ id: String) -> OracleDataset {
        guard let found = all.first(where: { $0.id == id }) else { fatalError("no oracle dataset \(id)") }
        return found
    }

    static var ids: [String] { all.map(\.id) }

    private static func load() -> [OracleDataset] {
        let path = SharedFolder.path("oracles/regressors.json", near: #filePath)
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let datasets = root["datasets"] as? [[String: Any]] else {
            fatalError("cannot read \(path)")
        }
        return datasets.map { ds in
            var models = [String: Model]()
            for (name, value) in ds["models"] as? [String: Any] ?? [:] {
                guard let m = value as? [String: Any] else { continue }
                models[name] = Model(call: m["call"] as? String ?? "",
                                     predictions: doubles(m["pred"]),
                                     mape: double(m["mape"]),
                                     kendallTau: double(m["kendall_tau"]),
                                     coefficients: m["coef"].map(doubles),
                                     intercept: m["intercept"].map(double),
                                     supportCount: (m["n_support"] as? NSNumber)?.intValue,
                                     rank: (m["rank"] as? NSNumber)?.intValue,
                                     firstTreePredictions: m["pred_first_tree"].map(doubles))
            }
            return OracleDataset(id: ds["id"] as? String ?? "",
                                 featureKind: ds["feature_kind"] as? String ?? "",
                                 centredRank: (ds["rank_centered_X_train"] as? NSNumber)?.intValue ?? -1,
                                 xTrain: matrix(ds["X_train"]), yTrain: doubles(ds["y_train"]),
                                 xTest: matrix(ds["X_test"]), yTest: doubles(ds["y_test"]),
                                 models: models)
        }
    }

    private static func double(_ value: Any?) -> Double {
        if let n = value as? NSNumber { return n.doubleValue }
        if let s = value as? String { return s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan }
        return .nan
    }

    private static func doubles(_ value: Any?) -> [Double] {
        (value as? [Any] ?? []).map(double)
    }

    private static func matrix(_ value: Any?) -> Matrix {
        let rows = (value as? [Any] ?? []).map(doubles)
        guard let m = try? Matrix(rows: rows) else { fatalError("ragged oracle matrix") }
        return m
    }
}

/// max |a − b| / max(|b|, floor).
func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-12) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) / max(abs($1), floor) }.max() ?? 0
}

func maxAbsoluteError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
