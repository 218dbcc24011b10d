import NASCore
import SearchSpaces

/// How a user's own CSV becomes a sample table: which columns are genes, which are metrics.
///
/// ```swift
/// let mapping = GenericCSVMapping(
///     name: "my-ofa", searchSpace: "tabular",
///     genes: [.init(column: "ks", separator: "-"), .init(column: "depth")],
///     metrics: [.init(column: "acc", direction: .max, unit: "%"),
///               .init(column: "lat", id: "lat_ms_phone", direction: .min, unit: "ms")],
///     source: "my lab, 2025", licence: "CC-BY-4.0")
/// let table = try GenericCSVImporter.build(csv: "my.csv.gz", mapping: mapping)
/// ```
public struct GenericCSVMapping: Sendable {
    /// A gene column: one value per cell, or a list with `separator` (`3-5-7`), each list
    /// position one gene. `options` fixes the option order (DyNAS-T's, say); without it the
    /// options are the column's distinct values, ascending.
    public struct Gene: Sendable {
        public var column: String
        public var name: String
        public var separator: Character?
        public var options: [Double]?

        public init(column: String, name: String? = nil, separator: Character? = nil, options: [Double]? = nil) {
            self.column = column; self.name = name ?? column; self.separator = separator; self.options = options
        }
    }

    /// A metric column with its id (default: the column name), direction and unit.
    public struct Metric: Sendable {
        public var column: String
        public var id: String
        public var direction: Direction
        public var unit: String
        public var dataset: String
        public var summary: String

        public init(column: String, id: String? = nil, direction: Direction, unit: String, dataset: String = "custom", summary: String = "") {
            self.column = column; self.id = id ?? column; self.direction = direction; self.unit = unit
            self.dataset = dataset; self.summary = summary
        }
    }

    /// The spaces a CSV table may name: `tabular` (its own gene layout) or a space with a
    /// gene layout of its own, which the table's genes must then match.
    public static let searchSpaces = ["tabular"] + OFAMobileNetV3Binding.spaceNames

    public var name: String
    /// The space name stored with the table; a `TabularGeneSpace` over the table's layout
    /// unless it is the name of a space whose layout the genes match.
    public var searchSpace: String
    public var genes: [Gene]
    public var metrics: [Metric]
    public var source: String
    public var licence: String

    public init(name: String, searchSpace: String = "tabular", genes: [Gene], metrics: [Metric], source: String, licence: String) {
        self.name = name; self.searchSpace = searchSpace; self.genes = genes; self.metrics = metrics
        self.source = source; self.licence = licence
    }
}
