import ArgumentParser
import Benchmarks
import Experiments
import Foundation

/// `nasreplay serve TABLE`: one table's queries, fronts and info over JSON lines on stdin
/// and stdout, for notebooks (the Python client's `Benchmark`) and other programs.
///
/// ```
/// printf '%s\n' '{"type":"query","archs":["1462"],"metrics":["c10_test_200ep"]}' | nasreplay serve nats-tss
/// ```
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer queries about one table over JSON lines on stdin and stdout (docs/PROTOCOL.md).",
        discussion: """
        The first line written says what is served (type "serve"); then each request line \
        gets one reply line, until `{"type":"close"}` or the end of stdin:
          {"type":"query","archs":["1462"]}                 every metric of an architecture
          {"type":"query","genes":[[0,1,2,3,4,0]],"metrics":["c10_test_200ep"]}
          {"type":"front","objectives":["c10_valid_200ep:max","lat_ms_raspi4:min"]}
          {"type":"info"}
        A bad request gets {"type":"error",...} and the session goes on. From Python: \
        `nasreplay.Benchmark("nats-tss")` (clients/python).
        """)

    @OptionGroup var locations: Locations
    @Argument(help: "Benchmark name, as `nasreplay query` takes it.") var benchmark: String
    @Option(name: .customLong("off-table"),
            help: "Sample tables: the answer for gene vectors that are not rows, as a spec's off_table (nearest, surrogate:knn, …; default reject).")
    var offTable: String?

    func run() throws {
        let catalog = DatasetCatalog(folder: locations.datasetsFolder)
        let table = try catalog.load(benchmark)
        let session: ServeSession
        do { session = try ServeSession(table: table, file: catalog.path(of: benchmark), offTable: offTable) } catch let error as BenchmarkError {
            // The binding names the spec's field; here the policy came from the flag.
            guard let offTable else { throw error }
            throw InputError("--off-table \(offTable): \(error.message)")
        }
        // A client that goes away makes a write fail with EPIPE instead of killing us.
        signal(SIGPIPE, SIG_IGN)
        guard Self.write(session.serveMessage) else { return }
        var lines = BoundedLines(longest: ServeSession.longestLine)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            for piece in lines.feed(buffer[0..<n]) where !Self.answer(piece, session) { return }
        }
        for piece in lines.finish() where !Self.answer(piece, session) { return }
    }

    /// Writes the replies to one piece of input; false when the conversation is over (the
    /// client sent close, or stopped reading).
    private static func answer(_ piece: BoundedLines.Piece, _ session: ServeSession) -> Bool {
        switch piece {
        case .line(let text):
            let step = session.handle(text)
            for reply in step.replies where !write(reply) { return false }
            return !step.ends
        case .tooLong(let bytes, let start):
            return write(session.lineTooLong(bytes: bytes, start: start))
        }
    }

    /// One line on stdout, written whole and at once (no buffering: the client waits for it).
    private static func write(_ line: String) -> Bool {
        let bytes = Array((line + "\n").utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return false }
            written += n
        }
        return true
    }
}
