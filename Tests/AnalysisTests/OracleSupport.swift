import Foundation
import NASCore
import Testing

/// One case of `shared/oracles/stats.json` (scipy 1.17.1), decoded loosely: numbers may be
/// written as the strings "inf"/"-inf", and `null` means "not defined".
struct StatsOracleCase: @unchecked Sendable, CustomTestStringConvertible {
    let id: String
    let test: String
    let method: String?
    let inputs: [String: Any]
    let result: [String: Any]

    var testDescription: String { id }

    func sample(_ key: String) -> [Double] {
        (inputs[key] as? [Any] ?? []).map(StatsOracle.number)
    }

    var groups: [[Double]] {
        (inputs["groups"] as? [[Any]] ?? []).map { $0.map(StatsOracle.number) }
    }

    func value(_ key: String) -> Double { StatsOracle.number(result[key] as Any) }
}

enum StatsOracle {
    static let path = SharedFolder.path("oracles/stats.json", near: #filePath)

    static let cases: [StatsOracleCase] = {
        guard let data = FileManager.default.contents(atPath: path),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = root["cases"] as? [[String: Any]]
        else { return [] }
        return list.map {
            StatsOracleCase(id: $0["id"] as? String ?? "?", test: $0["test"] as? String ?? "?",
                            method: $0["method"] as? String,
                            inputs: $0["inputs"] as? [String: Any] ?? [:],
                            result: $0["result"] as? [String: Any] ?? [:])
        }
    }()

    static func cases(of test: String) -> [StatsOracleCase] { cases.filter { $0.test == test } }

    static func number(_ any: Any) -> Double {
        switch any {
        case let n as NSNumber: return n.doubleValue
        case let s as String where s == "inf": return .infinity
        case let s as String where s == "-inf": return -.infinity
        default: return .nan
        }
    }
}

/// |actual − expected| ≤ max(relative·|expected|, absolute); infinities must match exactly.
func expectClose(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 1e-12,
                 _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
    if expected.isInfinite || actual.isInfinite {
        #expect(actual == expected, "\(label): got \(actual), expected \(expected)", sourceLocation: sourceLocation)
        return
    }
    let tolerance = max(relative * abs(expected), absolute)
    #expect(abs(actual - expected) <= tolerance,
            "\(label): got \(actual), expected \(expected) (difference \(abs(actual - expected)), tolerance \(tolerance))",
            sourceLocation: sourceLocation)
}
