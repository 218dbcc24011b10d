import Foundation
import NASCore

/// One JSON value as the external-algorithm protocol (docs/PROTOCOL.md) reads and writes
/// it, one message per line.
///
/// ```swift
/// let line = JSONLine.object([("type", .string("finish"))]).text   // {"type":"finish"}
/// let message = try JSONLine(parsing: line)
/// ```
///
/// Written by hand rather than by JSONSerialization so that key order is the order given
/// and numbers print in their shortest form on every platform: the transcript in
/// PROTOCOL.md is compared byte for byte by a test.
indirect enum JSONLine: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONLine])
    case object([(String, JSONLine)])

    static func == (a: JSONLine, b: JSONLine) -> Bool { a.text == b.text }

    /// A number, or null where JSON has none (NaN, ±∞).
    static func number(_ x: Double) -> JSONLine { x.isFinite ? .double(x) : .null }

    subscript(key: String) -> JSONLine? {
        if case .object(let fields) = self { return fields.first { $0.0 == key }?.1 }
        return nil
    }

    /// The value on one line, without spaces.
    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let u): out += String(u)
        case .double(let d): Self.appendNumber(d, to: &out)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (i, (key, value)) in fields.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        JSONText.appendQuoted(s, to: &out)
    }

    /// Appends `d` as `.number(d)` writes it. Integral values keep a ".0" out of the way:
    /// 3.0 prints as 3, as Python's json would read either; the shortest round-trip form
    /// otherwise; null where JSON has no number (NaN, ±∞).
    static func appendNumber(_ d: Double, to out: inout String) {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 { out += String(Int(d)) } else if d.isFinite { out += "\(d)" } else { out += "null" }
    }

    /// The value as an integer, when it is one exactly.
    var integer: Int? {
        switch self {
        case .int(let i): i
        case .uint(let u): u <= UInt64(Int.max) ? Int(u) : nil
        case .double(let d): d == d.rounded() && abs(d) < 9.0e15 ? Int(d) : nil
        default: nil
        }
    }
}
