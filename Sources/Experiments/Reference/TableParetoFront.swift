import Benchmarks
import Indicators
import NASCore
import Synchronization

/// A benchmark table's true Pareto front for a set of objectives, and the normalisation
/// every hypervolume of that benchmark is measured in.
///
/// ```swift
/// let front = try TableParetoFront.cached(table: table, objectives: objectives)
/// front.rows                                  // the front's table rows, best first objective first
/// front.score.ratio(of: front.normalizer.normalize(found))
/// ```
///
/// DESIGN.md, "Hypervolume conventions": objectives are minimised, min-max scaled over the
/// whole table, the reference is (1, …, 1), and normalised HV divides by the true front's
/// HV. Rows with NaN in any objective (e.g. the 341 NATS cells without a NASWT score) are
/// left out of both the bounds and the front.
public struct TableParetoFront: Sendable {
    public let objectives: [Objective]
    /// Rows on the front, sorted by the first objective (best first).
    public let rows: [Int]
    /// Raw objective values of every row (NaN rows included, as in the table).
    public let normalizer: ObjectiveNormalizer
    public let score: NormalizedHypervolume
    /// Rows that had NaN in some objective and were left out.
    public let excludedRows: Int

    public init(table: BenchmarkTable, objectives: [Objective]) throws {
        let columns = try objectives.map { o throws(BenchmarkError) in try table.metric(o.metric).values }
        let m = objectives.count
        // Row-major [usable rows × objectives], one array: no array per row of the table.
        var usable: [Int] = []
        var raw: [Double] = []
        raw.reserveCapacity(table.rows * m)
        var lower = [Double](repeating: .infinity, count: m), upper = [Double](repeating: -.infinity, count: m)
        for r in 0..<table.rows where columns.allSatisfy({ $0[r].isFinite }) {
            usable.append(r)
            for j in 0..<m {
                let v = Double(columns[j][r])
                raw.append(v)
                lower[j] = min(lower[j], v); upper[j] = max(upper[j], v)
            }
        }
        guard !raw.isEmpty else {
            throw BenchmarkError(subject: table.name, message: "no row has finite values for \(objectives.map(\.description).joined(separator: ", "))")
        }
        let normalizer = try ObjectiveNormalizer(directions: objectives.map(\.direction), lower: lower, upper: upper)
        let minimised = normalizer.normalize(flat: raw)
        var front = NonDominatedSorting.firstFront(flat: minimised, dimension: m) ?? []
        front.sort { minimised[$0 * m] < minimised[$1 * m] || (minimised[$0 * m] == minimised[$1 * m] && usable[$0] < usable[$1]) }
        self.objectives = objectives
        self.rows = front.map { usable[$0] }
        self.normalizer = normalizer
        self.score = try NormalizedHypervolume(trueFront: front.map { Array(minimised[($0 * m)..<($0 * m + m)]) }, reference: normalizer.reference)
        self.excludedRows = table.rows - usable.count
    }

    private static let cache = Mutex<[String: TableParetoFront]>([:])

    /// Computed once per (table, objectives) in a process.
    public static func cached(table: BenchmarkTable, objectives: [Objective]) throws -> TableParetoFront {
        let key = "\(table.name)|\(table.provenance["content_sha256"]?.stringValue ?? "")|\(objectives.map(\.description).joined(separator: ","))"
        if let hit = cache.withLock({ $0[key] }) { return hit }
        let front = try TableParetoFront(table: table, objectives: objectives)
        cache.withLock { $0[key] = front }
        return front
    }

    /// Reference-point and normalisation statement for reports.
    /// Numbers to 6 significant digits, for reading: the computation uses the exact values.
    public var conventionNote: String {
        func g(_ x: Double) -> String { String(format: "%.6g", x) }
        let bounds = objectives.indices.map { j in
            "\(objectives[j]) in [\(g(normalizer.lower[j])), \(g(normalizer.upper[j]))]"
        }.joined(separator: "; ")
        return "objectives minimised and min-max normalised over the table (\(bounds)); reference point (\(normalizer.reference.map(g).joined(separator: ", "))); normalised HV = HV / HV(true front) = HV / \(g(score.trueHypervolume))"
    }
}
