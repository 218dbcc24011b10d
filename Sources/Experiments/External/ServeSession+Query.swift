import Benchmarks
import NASCore

/// `query`: metrics of architectures given as gene vectors or as text.
///
/// ```swift
/// session.handle(#"{"type":"query","genes":[[0,1,2,3,4,0]],"metrics":["c10_test_200ep"]}"#)
/// // {"type":"results","results":[{"arch":"|none~0|+…","row":…,"exact":true,"metrics":{"c10_test_200ep":…}}]}
/// ```
extension ServeSession {
    /// The reply to a `query`: one result per architecture, in order, each with the asked
    /// metrics (every metric of the table when `metrics` is absent) or an `error`.
    ///
    /// A whole request is refused (an `error` reply) only when its form is wrong: no batch,
    /// both batches, an empty one, or a metric the table does not have. A bad architecture
    /// gets an error in its own result, and the rest are answered.
    /// - Complexity: O(batch × (genes + metrics)), plus parsing each text.
    func query(_ message: JSONLine) -> JSONLine {
        let columns: [Int]
        switch metricColumns(message["metrics"]) {
        case .success(let c): columns = c
        case .failure(let problem): return Self.errorReply(problem.message)
        }
        let results: [JSONLine]
        switch (message["genes"], message["archs"]) {
        case (nil, nil):
            return Self.errorReply("query: give \"genes\" (a list of gene vectors) or \"archs\" (a list of architectures as text, as `nasreplay query` takes them)")
        case (.some, .some):
            return Self.errorReply("query: give \"genes\" or \"archs\", not both (send two queries)")
        case (.array(let items)?, nil):
            guard !items.isEmpty else { return Self.errorReply("query: \"genes\" is empty") }
            results = items.enumerated().map { i, item in geneResult(item, field: "genes[\(i)]", columns: columns) }
        case (nil, .array(let items)?):
            guard !items.isEmpty else { return Self.errorReply("query: \"archs\" is empty") }
            results = items.enumerated().map { i, item in textResult(item, field: "archs[\(i)]", columns: columns) }
        case (.some, nil):
            return Self.errorReply("query: \"genes\" must be a list of gene vectors, e.g. [[0,1,2,3,4,0]]")
        case (nil, .some):
            return Self.errorReply("query: \"archs\" must be a list of strings, each an architecture as `nasreplay query` takes it")
        }
        return .object([("type", .string("results")), ("results", .array(results))])
    }

    struct RequestError: Error { var message: String }

    /// The indices of the asked metrics in the table's order of columns; every column when
    /// `metrics` is absent.
    private func metricColumns(_ value: JSONLine?) -> Result<[Int], RequestError> {
        guard let value else { return .success(Array(table.metrics.indices)) }
        guard case .array(let items) = value, !items.isEmpty else {
            return .failure(RequestError(message: "query: \"metrics\" must be a non-empty list of metric ids (leave it out for every metric)"))
        }
        let ids = table.metrics.map(\.info.id)
        var columns: [Int] = []
        for (i, item) in items.enumerated() {
            guard case .string(let id) = item else { return .failure(RequestError(message: "query: metrics[\(i)] is not a string")) }
            guard let column = ids.firstIndex(of: id) else {
                return .failure(RequestError(message: "query: metrics[\(i)]: \(table.name) has no metric '\(id)'; send {\"type\":\"info\"} for its \(ids.count) metric ids"))
            }
            columns.append(column)
        }
        return .success(columns)
    }

    /// One gene vector's result: decoded and answered as `evaluate` does, through the
    /// table's evaluator and off-table policy.
    private func geneResult(_ item: JSONLine, field: String, columns: [Int]) -> JSONLine {
        let genes: [Int]
        do { genes = try item.geneVector(bounds: served.bounds, space: served.name, field: field) } catch {
            return .object([("error", .string(error.message))])
        }
        let (arch, evaluation) = served.answer(genes)
        guard let evaluation else {
            let fix: String
            if binding is any SampleTableSpaceBinding {
                fix = "\(table.name) is a sample table: query its rows by number (\"archs\":[\"17\"]), or start nasreplay serve with --off-table nearest or surrogate:knn"
            } else if binding.isSampleTable {
                fix = "\(table.name) holds \(table.rows) architectures of its space, not this one"
            } else {
                fix = "the table has no row for it"
            }
            return .object([("arch", .string(arch)), ("error", .string("no answer under off_table = \"\(offTable)\": \(fix)"))])
        }
        var fields: [(String, JSONLine)] = [
            ("arch", .string(arch)),
            ("row", evaluation.row.map(JSONLine.int) ?? .null),
            ("exact", .bool(evaluation.isExact)),
        ]
        switch evaluation.answer {
        case .exact: break
        case .nearest(let distance):
            fields.append(("off_table", .string("nearest")))
            fields.append(("distance", .number(distance)))
        case .surrogate(let name):
            fields.append(("off_table", .string("surrogate:\(name)")))
        }
        fields.append(("metrics", .object(columns.map { (table.metrics[$0].info.id, .number(evaluation.reported[$0])) })))
        return .object(fields)
    }

    /// One architecture given as text: what `nasreplay query` takes for this table (an arch
    /// string, index or NASLib tuple on NATS; a hash on NB101; a row number on a sample table).
    private func textResult(_ item: JSONLine, field: String, columns: [Int]) -> JSONLine {
        guard case .string(let text) = item else {
            return .object([("error", .string("\(field) is not a string"))])
        }
        let row: Int
        do { row = try binding.row(parsing: text) } catch {
            return .object([("error", .string("\(field): \(error)"))])
        }
        return .object([
            ("arch", .string(binding.architectureText(row: row))),
            ("row", .int(row)),
            ("exact", .bool(true)),
            ("metrics", .object(columns.map { (table.metrics[$0].info.id, .number(Double(table.metrics[$0].values[row]))) })),
        ])
    }
}
