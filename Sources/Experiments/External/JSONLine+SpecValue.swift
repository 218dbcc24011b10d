/// A spec's `params` table as the client reads it in its `start` message.
///
/// ```swift
/// JSONLine(.table(params)).text     // {"batch":10,"note":"first try"}
/// ```
extension JSONLine {
    /// A spec value as the client reads it: tables keep their key order.
    init(_ value: SpecValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .int(let i): self = .int(i)
        case .double(let d): self = .number(d)
        case .bool(let b): self = .bool(b)
        case .array(let a): self = .array(a.map(JSONLine.init))
        case .table(let t): self = .object(t.entries.map { ($0.key, JSONLine($0.value)) })
        }
    }
}
