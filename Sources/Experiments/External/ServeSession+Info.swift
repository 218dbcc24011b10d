import Benchmarks

/// `info`: what `nasreplay datasets info` prints about the table, as one JSON line.
///
/// ```swift
/// session.handle(#"{"type":"info"}"#)
/// // {"type":"info","table":"nats-tss","search_space":"nats-topology","rows":15625,…,"metrics":[{"id":"c10_test_200ep",…},…]}
/// ```
extension ServeSession {
    /// The table's name, file, space, size, provenance (root attributes, sorted by key), its
    /// metrics and its cost columns, each with its dataset, values per row, unit, direction,
    /// source and description.
    /// - Complexity: O(metrics + provenance)
    var info: JSONLine {
        let provenance = table.provenance.keys.sorted().map { key in (key, Self.json(table.provenance[key] ?? .string(""))) }
        return .object([
            ("type", .string("info")),
            ("table", .string(table.name)),
            ("file", file.map(JSONLine.string) ?? .null),
            ("search_space", .string(table.searchSpace)),
            ("rows", .int(table.rows)),
            ("sample_table", .bool(binding.isSampleTable)),
            ("off_table", .string(offTable)),
            ("provenance", .object(provenance)),
            ("metrics", .array(table.metrics.map(Self.json))),
            ("costs", .array(table.costs.map(Self.json))),
        ])
    }

    /// One column as `datasets info` lists it; `values` is how many numbers a row holds (1,
    /// or a series of repeats or epochs, whose per-row summary `query` answers).
    private static func json(_ column: MetricColumn) -> JSONLine {
        var fields: [(String, JSONLine)] = [
            ("id", .string(column.info.id)),
            ("dataset", .string(column.info.dataset)),
            ("values", .int(column.series?.width ?? 1)),
        ]
        if let series = column.series { fields.append(("series", .string(series.axis == .repeat ? "repeats" : "epochs"))) }
        fields += [
            ("unit", .string(column.info.unit)),
            ("direction", .string(column.info.direction.rawValue)),
            ("source", .string(column.info.source)),
            ("description", .string(column.info.summary)),
        ]
        return .object(fields)
    }

    private static func json(_ attribute: TableAttribute) -> JSONLine {
        switch attribute {
        case .int(let v): .int(Int(v))
        case .double(let v): .number(v)
        case .string(let v): .string(v)
        case .ints(let v): .array(v.map { .int(Int($0)) })
        case .doubles(let v): .array(v.map(JSONLine.number))
        }
    }
}
