import NASCore

/// One key an algorithm type takes in its `[[algorithm]]` table: its name, value type,
/// default and a one-line description. `nasreplay algorithms show TYPE` prints them, and
/// `AlgorithmKeyValues` checks a spec against them.
///
/// ```swift
/// AlgorithmKey("population", .int(2...1_000_000), default: .value(.int(100)), "individuals per generation")
/// ```
public struct AlgorithmKey: Sendable {
    public enum Kind: Sendable {
        case int(ClosedRange<Int>)
        case double(ClosedRange<Double>)
        case bool
        /// A string, one of `options` when given.
        case string(options: [String]?)
        /// A list of strings, each one of `options` when given. Never a sweep.
        case strings(options: [String]?)
        /// An inline table with keys of its own (LINAS's `inner`).
        case table([AlgorithmKey])
        /// An inline table of any keys, handed on as it is rather than checked: the
        /// `external` type's `params`, which only the client program reads. Never a sweep.
        case freeTable
    }

    /// What applies when a spec leaves the key out.
    public enum Default: Sendable {
        /// This value.
        case value(SpecValue)
        /// A value that depends on something else (the space, another key); the text says
        /// what, e.g. "= population", "per space: NATS 10, NB101 100".
        case derived(String)
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: Default
    public var summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: Default, _ summary: String) {
        self.name = name; self.kind = kind; self.defaultValue = defaultValue; self.summary = summary
    }

    /// Whether a list given for this key is one value rather than a sweep over values.
    var takesList: Bool {
        switch kind {
        case .strings, .table, .freeTable: true
        default: false
        }
    }

    /// The value type in words, as `algorithms show` prints it.
    public var typeDescription: String {
        switch kind {
        case .int(let r): "integer \(r.lowerBound)…\(r.upperBound == Int.max ? "∞" : String(r.upperBound))"
        case .double(let r): "number \(r.lowerBound)…\(r.upperBound)"
        case .bool: "true or false"
        case .string(let options?): "one of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
        case .string(nil): "string"
        case .strings(let options?): "list of " + options.map { "\"\($0)\"" }.joined(separator: ", ")
        case .strings(nil): "list of strings"
        case .table(let keys): "table {" + keys.map(\.name).joined(separator: ", ") + "}"
        case .freeTable: "table of any keys"
        }
    }

    /// The default in words: a TOML value, or the rule that derives it.
    public var defaultDescription: String {
        switch defaultValue {
        case .value(let v): v.description
        case .derived(let rule): rule
        }
    }
}

extension AlgorithmKey {
    /// Keys every algorithm takes, besides its own.
    static let common: [AlgorithmKey] = [
        AlgorithmKey("mutation", .string(options: nil),
                     default: .derived("the space's operator for this algorithm (NATS-TSS: nas-ea-fa bitwise for the GA, nats-bench otherwise; NB101: nasbench; sample tables: one-gene)"),
                     "the space's mutation operator variant; used by algorithms that mutate through the space"),
        AlgorithmKey("cache", .string(options: CachePolicy.allCases.map(\.rawValue)), default: .value(.string(CachePolicy.charge.rawValue)),
                     "charge: a repeated architecture is charged, counted and logged; free: answered from the trial's cache at no cost"),
    ]
}
