/// The algorithm types specs can name, built in and registered.
///
/// ```swift
/// let type = try AlgorithmRegistry.builtIn.type(named: "aging")   // AgingEvolutionType
/// let extended = AlgorithmRegistry.builtIn.adding(MyAlgorithmType.self)
/// ```
public struct AlgorithmRegistry: Sendable {
    public private(set) var types: [any AlgorithmType.Type]

    public init(types: [any AlgorithmType.Type]) {
        self.types = types
    }

    /// Every built-in type, in the order `nasreplay algorithms` and README list them.
    public static let builtIn = AlgorithmRegistry(types: [
        RandomSearchType.self,
        NASEAFAType.self,
        GeneticAlgorithmType.self,
        AgingEvolutionType.self,
        NSGA2Type.self,
        AGEMOEAType.self,
        NSGA3Type.self,
        UNSGA3Type.self,
        MOEADType.self,
        CTAEAType.self,
        LINASType.self,
        OFAOneShotType.self,
        MOTPEType.self,
        ExternalType.self,
    ])

    /// This registry with one more type. A name or alias already taken is a programming
    /// error.
    public func adding(_ type: any AlgorithmType.Type) -> AlgorithmRegistry {
        for name in [type.name] + type.aliases where lookup(name) != nil {
            preconditionFailure("algorithm type name '\(name)' is already registered")
        }
        var copy = self
        copy.types.append(type)
        return copy
    }

    func lookup(_ name: String) -> (any AlgorithmType.Type)? {
        types.first { $0.name == name } ?? types.first { $0.aliases.contains(name) }
    }

    /// The type a spec names, by its name or an alias.
    public func type(named name: String) -> (any AlgorithmType.Type)? { lookup(name) }

    /// The names in words, for an error message: "random-search (random, rs), …".
    public var namesDescription: String {
        types.map { t in t.aliases.isEmpty ? t.name : "\(t.name) (\(t.aliases.joined(separator: ", ")))" }.joined(separator: ", ")
    }
}
