import Foundation
import Testing
@testable import Experiments

/// docs/PROTOCOL.md's example transcript is what the harness says: its spec is run with a
/// client that sends the transcript's client lines and records every line it receives.
@Suite(.enabled(if: ExternalFixtures.hasPython, ExternalFixtures.noPython))
struct ExternalProtocolTranscriptTests {
    /// The fenced blocks of PROTOCOL.md's "Example transcript" section: its spec and its lines.
    static func example() throws -> (spec: String, lines: [String]) {
        let doc = try String(contentsOfFile: ExternalFixtures.repository + "/docs/PROTOCOL.md", encoding: .utf8)
        let section = try #require(doc.components(separatedBy: "## Example transcript").dropFirst().first, "PROTOCOL.md lost its transcript")
        func block(_ info: String) throws -> String {
            let start = try #require(section.range(of: "```\(info)\n"), "no ```\(info) block")
            let end = try #require(section.range(of: "\n```", range: start.upperBound..<section.endIndex))
            return String(section[start.upperBound..<end.lowerBound])
        }
        return (try block("toml"), try block("transcript").components(separatedBy: "\n"))
    }

    /// Sends each `client>` line; reads one reply after each but `finish`.
    static let replayClient = """
        import json, sys
        received = [sys.stdin.readline().rstrip("\\n")]
        params = json.loads(received[0])["params"]
        with open(params["transcript"]) as f:
            sent = [line[len("client> "):].rstrip("\\n") for line in f if line.startswith("client> ")]
        for line in sent:
            sys.stdout.write(line + "\\n")
            sys.stdout.flush()
            if json.loads(line)["type"] != "finish":
                received.append(sys.stdin.readline().rstrip("\\n"))
        with open(params["received"], "w") as f:
            f.write("\\n".join(received) + "\\n")
        """

    @Test("the harness answers PROTOCOL.md's transcript message for message")
    func transcriptReplays() throws {
        let (spec, lines) = try Self.example()
        #expect(lines.allSatisfy { $0.hasPrefix("harness> ") || $0.hasPrefix("client> ") })
        let folder = try ExternalFixtures.folder(spec: spec, files: [
            "replay.py": Self.replayClient,
            "client-lines.txt": lines.joined(separator: "\n") + "\n",
        ])
        let runner = try ExternalFixtures.runner(folder)
        _ = try runner.run()
        let received = try String(contentsOfFile: folder + "/received.jsonl", encoding: .utf8).components(separatedBy: "\n").dropLast()
        let expected = lines.filter { $0.hasPrefix("harness> ") }.map { String($0.dropFirst("harness> ".count)) }
        #expect(received.count == expected.count)
        for (got, want) in zip(received, expected) { #expect(got == want) }
        // And the trial it logged is the transcript's: three evaluations.
        #expect(try #require(try runner.store.readRuns().configuration("my-search")).log.trial.count == 3)
    }

    @Test("every harness line of the transcript parses, and prints back byte for byte")
    func transcriptLinesRoundTrip() throws {
        for line in try Self.example().lines {
            let text = String(line.drop { $0 != " " }.dropFirst())
            #expect(try JSONLine(parsing: text).text == text)
        }
    }

    @Test("numbers keep their kind: small integers, integers of 19 digits and more, fractions, exponents")
    func numbersKeepTheirKind() throws {
        let parsed = try JSONLine(parsing: "[0,-7,123456789012345678,1234567890123456789,12345678901234567890,-0,2.5,1e3,-1.5E-2,007]")
        guard case .array(let items) = parsed else { Issue.record("not an array: \(parsed)"); return }
        // `==` compares the written text, where 1000 and 1000.0 look alike: compare the cases.
        let kinds = items.map { item -> String in
            switch item {
            case .int(let i): "int \(i)"
            case .uint(let u): "uint \(u)"
            case .double(let d): "double \(d)"
            default: "other \(item.text)"
            }
        }
        #expect(kinds == [
            "int 0", "int -7", "int 123456789012345678", "int 1234567890123456789", "uint 12345678901234567890",
            "int 0", "double 2.5", "double 1000.0", "double -0.015", "int 7",
        ])
    }

    @Test("a hostile line never crashes the parser", arguments: [
        "", "{", "[1,2", "{\"type\":}", "nul", "1e999", "\"\\u12\"", String(repeating: "[", count: 10_000), "{\"a\":1}x", "\u{1}",
    ])
    func hostileLines(line: String) {
        #expect(throws: JSONLine.ParseError.self) { try JSONLine(parsing: line) }
    }
}
