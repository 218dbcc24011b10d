/// The registered space bindings: which binding serves a table's `search_space`.
///
/// ```swift
/// let binding = try SpaceBindings.bind(catalog.load("ofa-mbv3-dynast"), offTable: "nearest")
/// ```
///
/// A new space is one `SpaceBinding` type and one line here.
public enum SpaceBindings {
    /// Bindings by the spaces they claim; a table of any other space is a sample table over
    /// its own gene layout (`TabularBinding`).
    public static let registered: [any SpaceBinding.Type] = [
        NATSTopologyBinding.self,
        NATSSizeBinding.self,
        NB101Binding.self,
        OFAMobileNetV3Binding.self,
    ]

    /// The binding type of a space name.
    public static func bindingType(forSpace name: String) -> any SpaceBinding.Type {
        registered.first { $0.spaceNames.contains(name) } ?? TabularBinding.self
    }

    /// Binds `table` to its space.
    /// - Parameters:
    ///   - offTable: the spec's `benchmark.off_table` (nil: the default, `reject`).
    ///   - models: what `surrogate:<model>` may name.
    ///   - metrics: what a surrogate must answer (objectives, reported, cost).
    public static func bind(_ table: BenchmarkTable, offTable: String? = nil, models: OffTableModels = .none,
                            metrics: [String] = []) throws(BenchmarkError) -> any SpaceBinding {
        try bindingType(forSpace: table.searchSpace).init(table: table, offTable: offTable, models: models, metrics: metrics)
    }
}
