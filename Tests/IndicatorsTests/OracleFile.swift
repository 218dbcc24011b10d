import Foundation
import NASCore

/// Reads an oracle JSON file from `shared/oracles/` (see its README for the encoding).
struct OracleFile {
    let cases: [[String: Any]]

    init(_ name: String) throws {
        let path = SharedFolder.path("oracles/\(name)", near: #filePath)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data)
        guard let root = object as? [String: Any], let cases = root["cases"] as? [[String: Any]] else {
            throw OracleError.malformed(name)
        }
        self.cases = cases
    }
}

enum OracleError: Error { case malformed(String) }

/// A JSON number or the strings "inf" / "-inf"; nil for null or anything else.
func oracleDouble(_ value: Any?) -> Double? {
    switch value {
    case let s as String where s == "inf": return .infinity
    case let s as String where s == "-inf": return -.infinity
    case let n as NSNumber: return n.doubleValue
    default: return nil
    }
}

func oracleVector(_ value: Any?) -> [Double?] {
    (value as? [Any])?.map(oracleDouble) ?? []
}

func oracleMatrix(_ value: Any?) -> [[Double]] {
    (value as? [[Any]])?.map { $0.map { oracleDouble($0) ?? .nan } } ?? []
}

func oracleInts(_ value: Any?) -> [Int] {
    (value as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } ?? []
}

/// The README's tolerance: relative 1e-9, absolute 1e-12 near 0, infinities exactly.
func close(_ actual: Double, _ expected: Double, relative: Double = 1e-9) -> Bool {
    if expected.isInfinite || actual.isInfinite { return actual == expected }
    if expected == 0 { return abs(actual) <= 1e-12 }
    return abs(actual - expected) <= relative * abs(expected)
}
