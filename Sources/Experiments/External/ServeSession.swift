import Benchmarks
import Foundation
import NASCore

/// `nasreplay serve`'s side of the conversation (docs/PROTOCOL.md, "Serving a table"), with
/// no I/O: its first line, and the reply to each line a client sends.
///
/// ```swift
/// let session = try ServeSession(table: catalog.load("nats-tss"))
/// send(session.serveMessage)
/// let step = session.handle(#"{"type":"query","archs":["1462"]}"#)   // one reply; step.ends after close
/// ```
///
/// It answers the protocol's own forms (gene vectors checked as `evaluate` checks them) with
/// no trial around them: nothing is charged or logged, and every metric of the table may be
/// asked for, since no search is being kept from its test metrics. Every request gets one
/// reply line; a bad one gets an `error` reply and the session goes on.
public struct ServeSession: Sendable {
    /// What a line leads to: the replies to write, and whether the conversation is over.
    public struct Step: Sendable, Equatable {
        public var replies: [String]
        public var ends: Bool
    }

    public static var protocolVersion: Int { 1 }
    /// The longest request line, in bytes (64 MiB, as for an external algorithm's lines:
    /// about a million gene vectors).
    public static var longestLine: Int { ExternalProcess.longestLine }
    /// The message types a client may send.
    static let requests = ["query", "front", "info", "close"]

    public let table: BenchmarkTable
    let binding: any SpaceBinding
    let served: ServedSpace
    /// Where the table was read from, for `info`; nil when it did not come from a file.
    let file: String?
    /// The off-table policy gene vectors that are not rows are answered by.
    let offTable: String

    /// - Parameters:
    ///   - file: the table's file, which `info` names.
    ///   - offTable: a sample table's answer for gene vectors that are not rows, as a spec's
    ///     `benchmark.off_table` names it (nil: `reject`).
    /// - Throws: `BenchmarkError` for a policy the table's space does not take.
    public init(table: BenchmarkTable, file: String? = nil, offTable: String? = nil) throws {
        let metrics = table.metrics.map(\.info.id)
        binding = try SpaceBindings.bind(table, offTable: offTable, models: .predictors, metrics: metrics)
        served = try ServedSpace(binding: binding, metrics: table.metrics.map(\.info), encodings: ["genes", "archs"])
        self.table = table
        self.file = file
        self.offTable = offTable ?? "reject"
    }

    /// The first line: what is served, and the requests it answers.
    public var serveMessage: String {
        JSONLine.object([
            ("type", .string("serve")),
            ("protocol", .int(Self.protocolVersion)),
            ("table", .string(table.name)),
            ("rows", .int(table.rows)),
            ("sample_table", .bool(binding.isSampleTable)),
            ("off_table", .string(offTable)),
            ("space", served.description),
            ("metrics", .array(table.metrics.map { .string($0.info.id) })),
            ("requests", .array(Self.requests.map(JSONLine.string))),
        ]).text
    }

    /// The reply to one line from the client.
    /// - Complexity: O(line length) to read it; a query is O(batch × metrics), a front is
    ///   computed once per set of objectives (`TableParetoFront.cached`).
    public func handle(_ line: String) -> Step {
        if line.allSatisfy(\.isWhitespace) { return Step(replies: [], ends: false) }
        let message: JSONLine
        do { message = try JSONLine(parsing: line) } catch {
            return refuse("line is not JSON: \(Self.excerpt(line))")
        }
        guard case .string(let type)? = message["type"] else {
            return refuse("a message is a JSON object with a string \"type\": \(Self.excerpt(line))")
        }
        let reply: JSONLine
        switch type {
        case "query": reply = query(message)
        case "front": reply = front(message)
        case "info": reply = info
        case "close": return Step(replies: [], ends: true)
        case "evaluate", "finish":
            return refuse("\"\(type)\" belongs to a trial under `nasreplay run`; nasreplay serve answers query, front, info and close")
        default:
            return refuse("unknown message type \"\(type)\" (nasreplay serve knows query, front, info and close)")
        }
        return Step(replies: [reply.text], ends: false)
    }

    /// The reply to a line longer than `longestLine`, which is not read.
    /// - Parameters:
    ///   - bytes: the line's length.
    ///   - start: its first bytes.
    public func lineTooLong(bytes: Int, start: String) -> String {
        Self.errorReply("a line of \(bytes) bytes is longer than the \(Self.longestLine)-byte limit and was not read; send smaller batches: \(Self.excerpt(start))").text
    }

    private func refuse(_ message: String) -> Step {
        Step(replies: [Self.errorReply(message).text], ends: false)
    }

    /// `{"type":"error","fatal":false,"message":…}`: the protocol's error, never fatal here.
    static func errorReply(_ message: String) -> JSONLine {
        .object([("type", .string("error")), ("fatal", .bool(false)), ("message", .string(message))])
    }

    /// The start of a line, for an error message.
    static func excerpt(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 80 ? String(trimmed.prefix(80)) + "…" : trimmed
    }
}
