import Benchmarks
import Foundation
import NASCore
import Testing
@testable import Experiments

/// `nasreplay serve`'s session on the real NATS-TSS and ofa-mbv3-dynast tables: its answers
/// are the table store's values and `nasreplay front`'s front, and a bad line gets an error
/// reply without ending the session.
@Suite struct ServeSessionTests {
    static let nats: BenchmarkTable = {
        do { return try ExperimentFixtures.catalog.load("nats-tss") } catch { fatalError("\(error)") }
    }()

    func session(_ table: String = "nats-tss", offTable: String? = nil) throws -> ServeSession {
        try ServeSession(table: ExperimentFixtures.catalog.load(table), file: "datasets/\(table).h5", offTable: offTable)
    }

    /// The one reply to `line`, parsed.
    func reply(_ line: String, on session: ServeSession) throws -> JSONLine {
        let step = session.handle(line)
        #expect(!step.ends && step.replies.count == 1, "one reply to \(line), got \(step.replies)")
        return try JSONLine(parsing: try #require(step.replies.first))
    }

    func results(_ reply: JSONLine) throws -> [JSONLine] {
        guard case .array(let items)? = reply["results"] else { throw RepliedError(reply: reply.text) }
        return items
    }

    struct RepliedError: Error { var reply: String }

    @Test("the first line names the table, its space as start describes it, and every metric id")
    func serveMessage() throws {
        let message = try JSONLine(parsing: try session().serveMessage)
        #expect(message["type"] == .string("serve") && message["protocol"] == .int(1))
        #expect(message["table"] == .string("nats-tss") && message["rows"] == .int(15625))
        #expect(message["sample_table"] == .bool(false) && message["off_table"] == .string("reject"))
        #expect(message["space"]?["name"] == .string("nats-topology") && message["space"]?["genes"] == .int(6))
        #expect(message["space"]?["encodings"] == .array([.string("genes"), .string("archs")]))
        #expect(message["space"]?["architecture_example"] == .string("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"))
        #expect(message["metrics"] == .array(Self.nats.metrics.map { .string($0.info.id) }))
        #expect(message["requests"] == .array(["query", "front", "info", "close"].map(JSONLine.string)))
    }

    @Test("the server answers PROTOCOL.md's example session line for line")
    func protocolExampleSession() throws {
        let doc = try String(contentsOfFile: ExternalFixtures.repository + "/docs/PROTOCOL.md", encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Serving a table (nasreplay serve)").dropFirst().first, "PROTOCOL.md lost its serve section")
        let start = try #require(section.range(of: "```transcript\n"), "no ```transcript block in the serve section")
        let end = try #require(section.range(of: "\n```", range: start.upperBound..<section.endIndex))
        let lines = section[start.upperBound..<end.lowerBound].components(separatedBy: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("server> ") || $0.hasPrefix("client> ") })
        let s = try session()
        var written = [s.serveMessage]
        var ended = false
        for line in lines where line.hasPrefix("client> ") {
            let step = s.handle(String(line.dropFirst("client> ".count)))
            written += step.replies
            ended = step.ends
        }
        let expected = lines.filter { $0.hasPrefix("server> ") }.map { String($0.dropFirst("server> ".count)) }
        #expect(written.count == expected.count)
        for (got, want) in zip(written, expected) { #expect(got == want) }
        #expect(ended, "the example ends with close")
    }

    @Test("a query by arch string, index or NASLib tuple answers every metric of the row as the table stores it")
    func queryByTextIsTheStoredRow() throws {
        let s = try session()
        let arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
        let items = try results(reply(#"{"type":"query","archs":["\#(arch)","1462","2-2-2-2-2-2"]}"#, on: s))
        #expect(items.count == 3)
        for item in items {
            #expect(item["arch"] == .string(arch) && item["row"] == .int(1462) && item["exact"] == .bool(true))
            guard case .object(let metrics)? = item["metrics"] else { Issue.record("no metrics: \(item.text)"); continue }
            #expect(metrics.map(\.0) == Self.nats.metrics.map(\.info.id))
            for column in Self.nats.metrics {
                #expect(item["metrics"]?[column.info.id] == .number(Double(column.values[1462])), "\(column.info.id)")
            }
        }
        // NATS-Bench's cell 1462, as the source CSV gives it (the CLI's query test pins the same).
        #expect(items[0]["metrics"]?["c10_test_200ep"] == .double(Double(Float(93.76))))
    }

    @Test("a query by genes answers as evaluate does in PROTOCOL.md's transcript, only the metrics asked, in their order")
    func queryByGenesMatchesEvaluate() throws {
        let s = try session()
        let items = try results(reply(#"{"type":"query","genes":[[0,1,2,3,4,0],[4,4,4,4,4,4]],"metrics":["lat_ms_raspi4","c10_valid_200ep"]}"#, on: s))
        #expect(items.map(\.text) == [
            #"{"arch":"|none~0|+|skip_connect~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|none~2|","row":10038,"exact":true,"metrics":{"lat_ms_raspi4":22.620100021362305,"c10_valid_200ep":88.68800354003906}}"#,
            #"{"arch":"|avg_pool_3x3~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|","row":7581,"exact":true,"metrics":{"lat_ms_raspi4":19.090200424194336,"c10_valid_200ep":37.347999572753906}}"#,
        ])
        // The rows are the cells the arch strings name.
        let binding = try NATSTopologyBinding(table: Self.nats, offTable: nil, models: .none, metrics: [])
        for item in items {
            guard case .string(let arch)? = item["arch"] else { continue }
            #expect(item["row"] == .int(try binding.row(parsing: arch)))
        }
    }

    @Test("a bad architecture gets an error in its own result; the rest of the batch is answered", arguments: [
        (#""genes":[[0,0,0,0,0,0],[0,0,0,0,0,9]]"#, "genes[1][5] = 9 is outside its bounds [0, 4]"),
        (#""genes":[[0,0,0,0,0,0],[0,0,0]]"#, "genes[1] has 3 genes; nats-topology has 6"),
        (#""genes":[[0,0,0,0,0,0],[0,0,0,0,0,0.5]]"#, "genes[1][5] is not an integer"),
        (#""genes":[[0,0,0,0,0,0],"0"]"#, "genes[1] is not a list of integers"),
        (#""archs":["0","|nor_conv_3x3~0|+|"]"#, "archs[1]: invalid NATS topology architecture '|nor_conv_3x3~0|+|': expected 3 nodes separated by '+', found 2 (format |op~0|+|op~0|op~1|+|op~0|op~1|op~2|)"),
        (#""archs":["0","15625"]"#, "archs[1]: nats-tss: index 15625 is outside 0…15624"),
        (#""archs":["0",[0,0,0,0,0,0]]"#, "archs[1] is not a string"),
    ])
    func badArchitectureInABatch(batch: String, message: String) throws {
        let items = try results(reply(#"{"type":"query",\#(batch),"metrics":["c10_valid_200ep"]}"#, on: try session()))
        #expect(items.count == 2)
        let valid = try Self.nats.metric("c10_valid_200ep").values
        guard case .int(let row)? = items[0]["row"] else { Issue.record("the good item was not answered: \(items[0].text)"); return }
        #expect(items[0]["metrics"]?["c10_valid_200ep"] == .number(Double(valid[row])))
        #expect(items[1] == .object([("error", .string(message))]))
    }

    @Test("the front is nasreplay front's: TableParetoFront's rows, their architectures and values, and its hypervolume")
    func frontIsTheTablesFront() throws {
        let objectives = [try Objective(parsing: "c10_valid_200ep:max"), try Objective(parsing: "lat_ms_raspi4:min")]
        let reply = try reply(#"{"type":"front","objectives":["c10_valid_200ep:max","lat_ms_raspi4:min"]}"#, on: try session())
        let expected = try TableParetoFront(table: Self.nats, objectives: objectives)
        let binding = try NATSTopologyBinding(table: Self.nats, offTable: nil, models: .none, metrics: [])
        let columns = try objectives.map { try Self.nats.metric($0.metric).values }
        #expect(reply["type"] == .string("front"))
        #expect(reply["objectives"] == .array([.string("c10_valid_200ep:max"), .string("lat_ms_raspi4:min")]))
        #expect(reply["hypervolume"] == .number(expected.score.trueHypervolume))
        #expect(reply["reference"] == .array([.int(1), .int(1)]) && reply["excluded_rows"] == .int(0))
        #expect(reply["front"] == .array(expected.rows.map { r in
            .object([("row", .int(r)), ("arch", .string(binding.architectureText(row: r))),
                     ("values", .array(columns.map { .number(Double($0[r])) }))])
        }))
        #expect(expected.rows.count == 45)
    }

    @Test("info lists what datasets info prints: size, space, provenance, each metric's unit and direction")
    func infoDescribesTheTable() throws {
        let info = try reply(#"{"type":"info"}"#, on: try session())
        #expect(info["type"] == .string("info") && info["table"] == .string("nats-tss"))
        #expect(info["file"] == .string("datasets/nats-tss.h5") && info["search_space"] == .string("nats-topology"))
        #expect(info["rows"] == .int(15625) && info["costs"] == .array([]))
        #expect(info["provenance"]?["content_sha256"] == Self.nats.provenance["content_sha256"]?.stringValue.map(JSONLine.string))
        guard case .array(let metrics)? = info["metrics"] else { Issue.record("no metrics"); return }
        #expect(metrics.count == Self.nats.metrics.count)
        for (item, column) in zip(metrics, Self.nats.metrics) {
            #expect(item["id"] == .string(column.info.id) && item["unit"] == .string(column.info.unit))
            #expect(item["direction"] == .string(column.info.direction.rawValue) && item["dataset"] == .string(column.info.dataset))
            #expect(item["values"] == .int(1))
        }
    }

    @Test("a bad line gets an error reply naming the problem, and the session goes on", arguments: [
        ("not json", "line is not JSON: not json"),
        ("[1, 2]", #"a message is a JSON object with a string "type": [1, 2]"#),
        (#"{"type":"hello"}"#, #"unknown message type "hello" (nasreplay serve knows query, front, info and close)"#),
        (#"{"type":"evaluate","genes":[[0,0,0,0,0,0]]}"#, #""evaluate" belongs to a trial under `nasreplay run`; nasreplay serve answers query, front, info and close"#),
        (#"{"type":"query"}"#, #"query: give "genes" (a list of gene vectors) or "archs" (a list of architectures as text, as `nasreplay query` takes them)"#),
        (#"{"type":"query","genes":[[0,0,0,0,0,0]],"archs":["0"]}"#, #"query: give "genes" or "archs", not both (send two queries)"#),
        (#"{"type":"query","genes":[]}"#, #"query: "genes" is empty"#),
        (#"{"type":"query","genes":"0,0,0,0,0,0"}"#, #"query: "genes" must be a list of gene vectors, e.g. [[0,1,2,3,4,0]]"#),
        (#"{"type":"query","archs":"0"}"#, #"query: "archs" must be a list of strings, each an architecture as `nasreplay query` takes it"#),
        (#"{"type":"query","archs":["0"],"metrics":["c10_valid_200ep","accuracy"]}"#, #"query: metrics[1]: nats-tss has no metric 'accuracy'; send {"type":"info"} for its 44 metric ids"#),
        (#"{"type":"query","archs":["0"],"metrics":[]}"#, #"query: "metrics" must be a non-empty list of metric ids (leave it out for every metric)"#),
        (#"{"type":"front","objectives":["c10_valid_200ep:max"]}"#, "front: a Pareto front needs at least two objectives, got 1"),
        (#"{"type":"front","objectives":"c10_valid_200ep:max,lat_ms_raspi4:min"}"#, #"front: "objectives" must be a list like ["c10_valid_200ep:max","lat_ms_raspi4:min"]"#),
        (#"{"type":"front","objectives":["c10_valid_200ep:up","lat_ms_raspi4:min"]}"#, "front: objectives[0]: invalid objective 'c10_valid_200ep:up': direction 'up' must be max or min"),
        (#"{"type":"front","objectives":["c10_valid_200ep:max","lat_ms_tpu:min"]}"#, #"front: objectives[1]: nats-tss has no metric 'lat_ms_tpu'; send {"type":"info"} for its 44 metric ids"#),
    ])
    func badLineGetsAnErrorReply(line: String, message: String) throws {
        let s = try session()
        #expect(try reply(line, on: s) == .object([("type", .string("error")), ("fatal", .bool(false)), ("message", .string(message))]))
        #expect(try results(reply(#"{"type":"query","archs":["1462"]}"#, on: s)).first?["row"] == .int(1462))
    }

    @Test("close ends the session without a reply; a blank line gets none and does not")
    func closeAndBlankLines() throws {
        let s = try session()
        #expect(s.handle("   ") == ServeSession.Step(replies: [], ends: false))
        #expect(s.handle(#"{"type":"close"}"#) == ServeSession.Step(replies: [], ends: true))
    }

    @Test("a sample table answers its rows by number; gene vectors that are no row get an error under reject, the nearest row under nearest")
    func sampleTableOffTable() throws {
        let table = try ExperimentFixtures.catalog.load("ofa-mbv3-dynast")
        let accuracy = try table.metric("accuracy_top1").values
        let byRow = try results(reply(#"{"type":"query","archs":["17"]}"#, on: try session("ofa-mbv3-dynast")))
        #expect(byRow.first?["metrics"]?["accuracy_top1"] == .number(Double(accuracy[17])))
        // Row 17's genes are a row: exact under any policy.
        let genes = try OFAMobileNetV3Binding(table: table, offTable: nil, models: .none, metrics: []).sample.benchmark.rowGenes[17]
        let genesText = "[" + genes.map(String.init).joined(separator: ",") + "]"
        let lowest = "[" + Array(repeating: "0", count: genes.count).joined(separator: ",") + "]"
        let rejected = try results(reply(#"{"type":"query","genes":[\#(genesText),\#(lowest)]}"#, on: try session("ofa-mbv3-dynast")))
        #expect(rejected[0]["row"] == .int(17) && rejected[0]["exact"] == .bool(true))
        #expect(rejected[1]["error"] == .string(#"no answer under off_table = "reject": ofa-mbv3-dynast is a sample table: query its rows by number ("archs":["17"]), or start nasreplay serve with --off-table nearest or surrogate:knn"#))
        let nearest = try results(reply(#"{"type":"query","genes":[\#(lowest)]}"#, on: try session("ofa-mbv3-dynast", offTable: "nearest")))[0]
        #expect(nearest["exact"] == .bool(false) && nearest["off_table"] == .string("nearest"))
        guard case .int(let row)? = nearest["row"], case .int(let distance)? = nearest["distance"] else { Issue.record("\(nearest.text)"); return }
        #expect(distance > 0 && nearest["metrics"]?["accuracy_top1"] == .number(Double(accuracy[row])))
    }

    @Test("a line over the bound is refused with an error naming its length; the lines around it are read")
    func boundedLines() throws {
        var lines = BoundedLines(longest: 10)
        var pieces = lines.feed(ArraySlice(Array("short\nabcdefghijklmno".utf8)))
        pieces += lines.feed(ArraySlice(Array("pqrstuvwxyz\nok\nlast".utf8)))
        pieces += lines.finish()
        #expect(pieces == [.line("short"), .tooLong(bytes: 26, start: "abcdefghijklmno"), .line("ok"), .line("last")])
        // A line exactly at the bound is kept; one byte more is not.
        var edge = BoundedLines(longest: 3)
        #expect(edge.feed(ArraySlice(Array("abc\nabcd\n".utf8))) == [.line("abc"), .tooLong(bytes: 4, start: "abcd")])
        let refusal = try JSONLine(parsing: try session().lineTooLong(bytes: 70_000_000, start: #"{"type":"query","genes":[[0,0"#))
        #expect(refusal["message"] == .string(#"a line of 70000000 bytes is longer than the 67108864-byte limit and was not read; send smaller batches: {"type":"query","genes":[[0,0"#))
    }
}
