import Foundation

extension AlgorithmKey {
    /// The key as a JSON object: name, type, default (a JSON value, or null with
    /// `default_rule` when it is derived), description; a table key lists its own keys.
    var jsonObject: [String: Any] {
        var object: [String: Any] = ["name": name, "type": typeDescription, "description": summary]
        switch defaultValue {
        case .value(let v): object["default"] = v.jsonValue
        case .derived(let rule): object["default"] = NSNull(); object["default_rule"] = rule
        }
        switch kind {
        case .int(let r): object["min"] = r.lowerBound; if r.upperBound != Int.max { object["max"] = r.upperBound }
        case .double(let r): object["min"] = r.lowerBound; object["max"] = r.upperBound
        case .string(let options?), .strings(let options?): object["options"] = options
        case .table(let keys): object["keys"] = keys.map(\.jsonObject)
        default: break
        }
        return object
    }
}

extension SpecValue {
    /// The value as JSONSerialization takes it.
    var jsonValue: Any {
        switch self {
        case .string(let s): s
        case .int(let i): i
        case .double(let d): d.isFinite ? d : NSNull()
        case .bool(let b): b
        case .array(let a): a.map(\.jsonValue)
        case .table(let t): Dictionary(t.entries.map { ($0.key, $0.value.jsonValue) }, uniquingKeysWith: { a, _ in a })
        }
    }
}

extension AlgorithmRegistry {
    /// One type as a JSON object: name, aliases, summary, reference, what it supports and
    /// every key (its own, then the common ones) with its default.
    public static func jsonObject(_ type: any AlgorithmType.Type) -> [String: Any] {
        let support = type.support
        var spaces: Any = "all"
        if case .only(let names, let reason) = support.spaces { spaces = ["only": names, "because": reason] }
        return [
            "type": type.name, "aliases": type.aliases, "summary": type.summary, "reference": type.reference,
            "supports": ["spaces": spaces, "objectives_min": support.objectives.lowerBound,
                         "objectives_max": support.objectives.upperBound == Int.max ? NSNull() : support.objectives.upperBound as Any,
                         "evaluation_budgets": support.evaluationBudgets, "simulated_time_budgets": support.simulatedTimeBudgets],
            "mutates_through_space": type.mutatesThroughSpace,
            "keys": type.allKeys.map(\.jsonObject),
        ]
    }

    /// Every type, as `nasreplay algorithms --json` prints it.
    public var json: String {
        Self.render(["algorithms": types.map(Self.jsonObject)])
    }

    static func render(_ object: Any) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func json(_ type: any AlgorithmType.Type) -> String { render(jsonObject(type)) }

    /// One type's keys as text, as `nasreplay algorithms show TYPE` prints them.
    public static func description(_ type: any AlgorithmType.Type) -> String {
        var lines = ["\(type.name)" + (type.aliases.isEmpty ? "" : " (also: \(type.aliases.joined(separator: ", ")))") + ": \(type.summary)",
                     "reference: \(type.reference)",
                     "supports: spaces \(type.support.spacesDescription); \(type.support.objectivesDescription) objectives; budgets in \(type.support.budgetsDescription)",
                     "", "keys (default in brackets):"]
        func add(_ keys: [AlgorithmKey], indent: String) {
            for key in keys {
                lines.append("\(indent)\(key.name)  \(key.typeDescription)  [\(key.defaultDescription)]")
                lines.append("\(indent)    \(key.summary)")
                if case .table(let inner) = key.kind { add(inner, indent: indent + "    ") }
            }
        }
        add(type.allKeys, indent: "  ")
        return lines.joined(separator: "\n")
    }
}
