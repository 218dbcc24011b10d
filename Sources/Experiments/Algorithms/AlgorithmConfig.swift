import NASCore
import Optimizers

/// One algorithm configuration of a spec, checked against its type's declared keys and
/// ready to run.
///
/// ```swift
/// let config = try AlgorithmConfig(spec.algorithms[0], registry: .builtIn)
/// config.optimizer.run(space: space, trial: trial, rng: &rng)
/// ```
public struct AlgorithmConfig: Sendable {
    /// A key as the run uses it: the spec's value, or the default that applies.
    public struct ResolvedKey: Sendable {
        public var name: String
        public var value: String
        public var isDefault: Bool
    }

    public var label: String
    public var type: any AlgorithmType.Type
    public var optimizer: any Optimizer
    /// The space's mutation variant the spec names; nil: the algorithm's default on the space.
    public var mutation: String?
    public var cache: CachePolicy
    public var spec: AlgorithmSpec
    /// Every declared key with the value that applies, in declaration order.
    public var resolvedKeys: [ResolvedKey]

    public init(_ spec: AlgorithmSpec, registry: AlgorithmRegistry = .builtIn) throws(SpecError) {
        guard let type = registry.type(named: spec.type) else {
            throw SpecError(file: spec.file, line: spec.typeLine,
                            message: "algorithm '\(spec.label)': unknown type '\(spec.type)' (known: \(registry.namesDescription); `nasreplay algorithms` lists them)")
        }
        var keys = AlgorithmKeyValues(label: spec.label, file: spec.file,
                                      table: SpecTable(path: "algorithm '\(spec.label)'", line: spec.line, entries: spec.parameters),
                                      declared: type.allKeys, section: "algorithm '\(spec.label)'")
        mutation = try keys.string("mutation")
        cache = try keys.string("cache").flatMap(CachePolicy.init(rawValue:)) ?? .charge
        optimizer = try type.makeOptimizer(&keys)
        try keys.finish()
        self.type = type
        self.label = spec.label
        self.spec = spec
        resolvedKeys = Self.resolve(type.allKeys, given: spec.parameters)
    }

    /// The canonical type name (what results files record).
    public var typeName: String { type.name }

    private static func resolve(_ keys: [AlgorithmKey], given: [SpecTable.Entry], prefix: String = "") -> [ResolvedKey] {
        keys.flatMap { key -> [ResolvedKey] in
            let entry = given.first { $0.key == key.name }
            if case .table(let inner) = key.kind {
                var nested: [SpecTable.Entry] = []
                if case .table(let t)? = entry?.value { nested = t.entries }
                return resolve(inner, given: nested, prefix: prefix + key.name + ".")
            }
            if let entry { return [ResolvedKey(name: prefix + key.name, value: entry.value.description, isDefault: false)] }
            return [ResolvedKey(name: prefix + key.name, value: key.defaultDescription, isDefault: true)]
        }
    }
}
