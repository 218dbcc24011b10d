import Foundation
import NASCore
/// Left-aligned columns for terminal output.
func renderTable(_ header: [String], _ rows: [[String]]) -> String {
    let all = [header] + rows
    let widths = header.indices.map { c in all.map { $0[c].count }.max() ?? 0 }
    func line(_ r: [String]) -> String {
        r.enumerated().map { c, v in c == r.count - 1 ? v : v.padding(toLength: widths[c], withPad: " ", startingAt: 0) }
            .joined(separator: "  ")
    }
    return ([line(header)] + rows.map(line)).joined(separator: "\n")
}

/// JSON string literal.
func jsonString(_ s: String) -> String { JSONText.quoted(s) }

/// A number as JSON: NaN and infinities become null, which JSON lacks.
func jsonNumber(_ v: Float) -> String { v.isFinite ? "\(v)" : "null" }
func jsonNumber(_ v: Double) -> String { v.isFinite ? "\(v)" : "null" }

/// Prints a JSONSerialization object (dictionaries, arrays, strings, numbers, NSNull),
/// indented, keys sorted, so the output reads the same on every run.
func printJSON(_ object: Any) {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
        preconditionFailure("not a JSON object: \(type(of: object))")
    }
    print(String(decoding: data, as: UTF8.self))
}
