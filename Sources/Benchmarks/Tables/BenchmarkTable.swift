import NASCore

/// What one metric column means: its id (as specs name it), unit, direction and source.
public struct MetricInfo: Sendable, Hashable {
    public var id: String
    /// The dataset it was measured on (`cifar10`, `cifar100`, `ImageNet16-120`, …).
    public var dataset: String
    public var unit: String
    public var direction: Direction
    /// Upstream repository the numbers come from.
    public var source: String
    /// The column of the source table it was read from.
    public var sourceColumn: String
    public var summary: String

    public init(id: String, dataset: String, unit: String, direction: Direction, source: String,
                sourceColumn: String, summary: String) {
        self.id = id; self.dataset = dataset; self.unit = unit; self.direction = direction
        self.source = source; self.sourceColumn = sourceColumn; self.summary = summary
    }
}

public struct MetricColumn: Sendable {
    public var info: MetricInfo
    /// One value per row; NaN where the source has none. For a 2-D column, the per-row
    /// summary of `series` (mean over repeats, or the last epoch).
    public var values: [Float]
    /// The per-repeat or per-epoch values of a 2-D column; nil for a plain column.
    public var series: MetricSeries?
    /// A plain column's values as doubles, when the table stores them as float64 (the
    /// source's doubles, which `values` rounds); nil otherwise, and nil for a 2-D column,
    /// whose `series.exact` holds them.
    public var exact: [Double]?

    public init(info: MetricInfo, values: [Float]) { self.info = info; self.values = values; self.series = nil }

    /// A plain column kept in double precision: `values` is its float32 rounding.
    public init(info: MetricInfo, exact: [Double]) {
        self.info = info; self.values = exact.map { Float($0) }; self.series = nil; self.exact = exact
    }

    /// The value of `row` as precisely as the table stores it (a 2-D column: its summary).
    public func exactValue(row: Int) -> Double {
        if let exact { return exact[row] }
        if let series, let e = series.exact, series.axis == .epoch { return e[row * series.width + series.width - 1] }
        return Double(values[row])
    }

    /// A 2-D column; `values` becomes the series' per-row summary.
    public init(info: MetricInfo, series: MetricSeries, rows: Int) {
        self.info = info; self.series = series; self.values = series.rowSummaries(rows: rows)
    }
}

/// A 2-D column a load left out: what it is, not its values.
public struct UnloadedColumn: Sendable {
    public var info: MetricInfo
    public var axis: MetricSeries.Axis
    public var width: Int
    /// A `/costs` column.
    public var isCost: Bool
    /// Stored as float64 (else float32).
    public var isExact: Bool
    /// Reads one row's values from the file; nil where the file does not keep them plain.
    let rowReader: (@Sendable (Int) -> Result<[Double], BenchmarkError>)?

    /// As `MetricSeries.label`: `200 epochs`.
    public var label: String { "\(width) \(axis == .repeat ? "repeats" : "epochs")" }

    /// One row's `width` values, read from the table file (as stored, widened to double).
    public func values(row: Int) throws(BenchmarkError) -> [Double] {
        guard let rowReader else {
            throw BenchmarkError(subject: info.id, message: "this column's values are not stored plainly in the file (compressed or chunked), so they are read only by loading the table whole; raise NASREPLAY_WHOLE_LOAD_MB above the file's size")
        }
        return try rowReader(row).get()
    }

    /// The row's plain value, as `MetricSeries.rowSummaries` gives it: the mean over the
    /// repeats that have a value, or the last epoch's.
    public func summary(row: Int) throws(BenchmarkError) -> Double {
        let values = try values(row: row)
        switch axis {
        case .epoch: return values.last ?? .nan
        case .repeat: return Double(NB101Repeats.mean(values.map { Float($0) }[...]))
        }
    }
}

/// A benchmark table in memory: architecture identity per row, metric columns, and the
/// provenance of the numbers. Immutable once built or loaded, so any number of threads can
/// query it.
///
/// ```swift
/// let table = try BenchmarkStore.load("datasets/nats-tss.h5")
/// let valid = try table.metric("c10_valid_200ep").values[1462]
/// ```
public struct BenchmarkTable: Sendable {
    public var name: String
    public var searchSpace: String
    public var rows: Int
    /// Root attributes other than the format's own: source, source_sha256, licence, built_by.
    public var provenance: [String: TableAttribute]
    /// What identifies each row; the layout is per search space (see datasets/FORMAT.md).
    public var archs: ArchColumns
    public private(set) var metrics: [MetricColumn]
    /// Simulated training and evaluation seconds (`/costs`), where the source has them. Kept
    /// apart from `metrics` so a search never takes a cost for an objective by accident.
    public private(set) var costs: [MetricColumn]
    /// 2-D columns of the file that this load left out (`BenchmarkStore.load`'s `series`):
    /// described, not read. Empty when the table was loaded whole.
    public private(set) var unloaded: [UnloadedColumn]
    private var metricIndex: [String: Int]

    public init(name: String, searchSpace: String, rows: Int, provenance: [String: TableAttribute],
                archs: ArchColumns, metrics: [MetricColumn], costs: [MetricColumn] = [], unloaded: [UnloadedColumn] = []) {
        self.name = name; self.searchSpace = searchSpace; self.rows = rows
        self.provenance = provenance; self.archs = archs; self.metrics = metrics; self.costs = costs
        self.unloaded = unloaded
        self.metricIndex = Dictionary(metrics.enumerated().map { ($1.info.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The column with this id, or an error that lists what exists.
    public func metric(_ id: String) throws(BenchmarkError) -> MetricColumn {
        guard let i = metricIndex[id] else {
            if unloaded.contains(where: { $0.info.id == id }) {
                throw BenchmarkError(subject: name, message: "metric '\(id)' is in the table but this command did not load it (a table over \(BenchmarkStore.wholeLoadBytes >> 20) MB loads only the curves a command names); this is a bug, please report it")
            }
            throw BenchmarkError(subject: name, message: "unknown metric '\(id)'; `nasreplay datasets info \(name)` lists the \(metrics.count) metric ids")
        }
        return metrics[i]
    }

    public func hasMetric(_ id: String) -> Bool { metricIndex[id] != nil }

    /// A cost column (`/costs`) by id, or a metric column when no cost has that id: what an
    /// evaluator charges as simulated seconds.
    public func costOrMetric(_ id: String) throws(BenchmarkError) -> MetricColumn {
        if let cost = costs.first(where: { $0.info.id == id }) { return cost }
        return try metric(id)
    }

    /// The column the table declares as the simulated cost of a query (root attribute
    /// `cost_metric`: `train_time_s_108ep` on `nb101-sample`, the cifar10-valid training
    /// seconds on a NATS import); nil when the source has no training times.
    public var costMetric: String? { provenance["cost_metric"]?.stringValue }
}

public struct BenchmarkError: Error, CustomStringConvertible, Sendable {
    /// The file or benchmark the problem is in.
    public var subject: String
    public var message: String
    /// A table file could not be written (a full disk): the input was fine, the run failed.
    public var isFailedWrite = false
    public init(subject: String, message: String) { self.subject = subject; self.message = message }
    /// One line, whatever the message quotes (an object name read from a damaged table may
    /// hold a line break; found by fuzzing).
    public var description: String { OneLineText.escapingControls("\(subject): \(message)") }
}
