import Foundation
import NASCore
import Testing

/// Reads `shared/oracles/moea.json` (pymoo 0.6.2; MOEA.md describes every field).
///
/// Numbers may be JSON numbers or the strings "inf", "-inf", "nan"; `null` means "not
/// assigned". Reference directions are taken from `dirs_hex`, their exact binary64 values.
enum MOEAOracle {
    nonisolated(unsafe) static let root: [String: Any] = {
        let path = SharedFolder.path("oracles/moea.json", near: #filePath)
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return [:] }
        return object
    }()

    static func section(_ name: String) -> [[String: Any]] {
        root[name] as? [[String: Any]] ?? []
    }

    /// The exact directions of a `ref_dirs` case, parsed from its hex floats.
    static func directions(_ id: String) -> [[Double]] {
        guard let c = section("ref_dirs").first(where: { $0["id"] as? String == id }),
              let rows = c["dirs_hex"] as? [[String]] else { return [] }
        return rows.map { $0.map { Double($0) ?? .nan } }
    }

    static func number(_ value: Any?) -> Double? {
        switch value {
        case let s as String where s == "inf": return .infinity
        case let s as String where s == "-inf": return -.infinity
        case let s as String where s == "nan": return .nan
        case let n as NSNumber: return n.doubleValue
        default: return nil
        }
    }

    static func vector(_ value: Any?) -> [Double] {
        (value as? [Any])?.map { number($0) ?? .nan } ?? []
    }

    static func optionalVector(_ value: Any?) -> [Double?] {
        (value as? [Any])?.map { number($0) } ?? []
    }

    static func matrix(_ value: Any?) -> [[Double]] {
        (value as? [Any])?.map { vector($0) } ?? []
    }

    static func ints(_ value: Any?) -> [Int] {
        (value as? [Any])?.compactMap { ($0 as? NSNumber)?.intValue } ?? []
    }

    static func optionalInts(_ value: Any?) -> [Int?] {
        (value as? [Any])?.map { ($0 as? NSNumber)?.intValue } ?? []
    }
}

/// Compares numbers with a relative and an absolute tolerance, remembering the worst
/// relative error seen (reported by the tests so drift is visible before it fails).
final class ToleranceCheck {
    var relative: Double
    var absolute: Double
    private(set) var worstRelativeError = 0.0

    init(relative: Double, absolute: Double) {
        self.relative = relative
        self.absolute = absolute
    }

    /// inf and nan must match exactly; otherwise |a − e| ≤ max(abs, rel·|e|).
    func close(_ actual: Double, _ expected: Double) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        if expected.isInfinite || actual.isInfinite { return expected == actual }
        let error = abs(actual - expected)
        if expected != 0 { worstRelativeError = max(worstRelativeError, error / abs(expected)) }
        return error <= max(absolute, relative * abs(expected))
    }

    func close(_ actual: [Double], _ expected: [Double]) -> Bool {
        guard actual.count == expected.count else { return false }
        var ok = true
        for (a, e) in zip(actual, expected) where !close(a, e) { ok = false }
        return ok
    }
}
