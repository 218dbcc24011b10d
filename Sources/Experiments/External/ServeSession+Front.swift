import Benchmarks
import NASCore

/// `front`: the table's true Pareto front, as `nasreplay front` computes it.
///
/// ```swift
/// session.handle(#"{"type":"front","objectives":["c10_valid_200ep:max","lat_ms_raspi4:min"]}"#)
/// // {"type":"front","objectives":[…],"hypervolume":…,"reference":[1,1],"excluded_rows":0,"front":[{"row":…,"arch":…,"values":[…]},…]}
/// ```
extension ServeSession {
    /// The reply to a `front`: the rows on the front (`TableParetoFront`, DESIGN.md's
    /// hypervolume conventions), best first objective first, each with its architecture and
    /// its objectives' values, and the front's hypervolume in the normalised space.
    /// - Complexity: O(rows log rows) the first time a set of objectives is asked
    ///   (non-dominated sorting), then O(front) from the process's cache.
    func front(_ message: JSONLine) -> JSONLine {
        guard case .array(let items)? = message["objectives"] else {
            return Self.errorReply("front: \"objectives\" must be a list like [\"c10_valid_200ep:max\",\"lat_ms_raspi4:min\"]")
        }
        guard items.count >= 2 else {
            return Self.errorReply("front: a Pareto front needs at least two objectives, got \(items.count)")
        }
        var objectives: [Objective] = []
        var columns: [[Float]] = []
        for (i, item) in items.enumerated() {
            guard case .string(let text) = item else { return Self.errorReply("front: objectives[\(i)] is not a string") }
            let objective: Objective
            do { objective = try Objective(parsing: text) } catch {
                return Self.errorReply("front: objectives[\(i)]: \(error.description)")
            }
            guard let column = try? table.metric(objective.metric).values else {
                return Self.errorReply("front: objectives[\(i)]: \(table.name) has no metric '\(objective.metric)'; send {\"type\":\"info\"} for its \(table.metrics.count) metric ids")
            }
            objectives.append(objective)
            columns.append(column)
        }
        let front: TableParetoFront
        do { front = try TableParetoFront.cached(table: table, objectives: objectives) } catch {
            return Self.errorReply("front: \(error)")
        }
        let points = front.rows.map { row in
            JSONLine.object([
                ("row", .int(row)),
                ("arch", .string(binding.architectureText(row: row))),
                ("values", .array(columns.map { .number(Double($0[row])) })),
            ])
        }
        return .object([
            ("type", .string("front")),
            ("objectives", .array(objectives.map { .string($0.description) })),
            ("hypervolume", .number(front.score.trueHypervolume)),
            ("reference", .array(front.normalizer.reference.map(JSONLine.number))),
            ("excluded_rows", .int(front.excludedRows)),
            ("front", .array(points)),
        ])
    }
}
