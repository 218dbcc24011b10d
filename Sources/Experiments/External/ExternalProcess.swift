import Foundation
import Synchronization

/// One external algorithm's child process: lines to its stdin, lines from its stdout with a
/// time limit, and the last lines of its stderr for error messages.
///
/// ```swift
/// let child = try ExternalProcess(command: ["python3", "search.py"], folder: "experiments")
/// child.send(#"{"type":"start",…}"#, timeout: 600)
/// switch child.nextLine(timeout: 600) { case .line(let text): …; case .closed: …; case .timedOut: … }
/// child.stop()
/// ```
///
/// The command runs through `/usr/bin/env`, so a bare name is looked up on PATH, and in
/// `folder` (the spec file's folder), so a relative path resolves against it.
final class ExternalProcess: @unchecked Sendable {
    enum Read: Equatable {
        case line(String)
        /// The child closed its stdout (it exited, or crashed).
        case closed
        case timedOut
    }

    struct LaunchError: Error, CustomStringConvertible { var description: String }

    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    /// Lines read from stdout and not yet taken; `closed` once stdout ends.
    private let lines = Mutex<(queue: [String], closed: Bool)>(([], false))
    private let arrived = DispatchSemaphore(value: 0)
    private let stderrTail = Mutex<[String]>([])
    private let readersDone = DispatchGroup()
    static let stderrLines = 8
    /// The longest line kept whole, in bytes (64 MiB: a batch of a million gene vectors).
    static let longestLine = 64 << 20

    init(command: [String], folder: String) throws(LaunchError) {
        // A child that dies makes our next write to its stdin raise SIGPIPE, which would end
        // the whole run; ignored, the write fails with EPIPE and only its trial fails.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.currentDirectoryURL = URL(fileURLWithPath: folder, isDirectory: true)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw LaunchError(description: "cannot start \(command.joined(separator: " ")): \(error.localizedDescription)")
        }
        startReader(output.fileHandleForReading.fileDescriptor) { [self] line in
            lines.withLock { $0.queue.append(line) }
            arrived.signal()
        } end: { [self] in
            lines.withLock { $0.closed = true }
            arrived.signal()
        }
        startReader(errors.fileHandleForReading.fileDescriptor) { [self] line in
            stderrTail.withLock { tail in
                tail.append(line)
                if tail.count > Self.stderrLines { tail.removeFirst(tail.count - Self.stderrLines) }
            }
        } end: {}
    }

    /// Reads `fd` to its end on a thread of its own, line by line.
    private func startReader(_ fd: Int32, line: @escaping @Sendable (String) -> Void, end: @escaping @Sendable () -> Void) {
        readersDone.enter()
        let group = readersDone
        Thread.detachNewThread {
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                pending += buffer[0..<n]
                while let newline = pending.firstIndex(of: 0x0A) {
                    line(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
                // Output that never ends its line cannot grow without bound: past the
                // limit it is handed on as a line (on stdout: not a protocol message).
                if pending.count > Self.longestLine {
                    line(String(decoding: pending, as: UTF8.self))
                    pending.removeAll()
                }
            }
            if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
            end()
            group.leave()
        }
    }

    enum Sent: Equatable {
        case sent
        /// The child closed its stdin (it exited).
        case closed
        /// The pipe stayed full for `timeout` seconds: the child stopped reading its stdin.
        case timedOut
    }

    /// Writes one line to the child's stdin, waiting at most `timeout` seconds for room in
    /// the pipe: a client that stops reading its replies must not hang the harness.
    @discardableResult
    func send(_ line: String, timeout: Double) -> Sent {
        let bytes = Array((line + "\n").utf8)
        let fd = input.fileHandleForWriting.fileDescriptor
        let flags = fcntl(fd, F_GETFL)
        if flags & O_NONBLOCK == 0 { _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
        let deadline = Date().addingTimeInterval(timeout)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n > 0 { written += n; continue }
            if n < 0 && errno == EINTR { continue }
            guard n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else { return .closed }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return .timedOut }
            var ready = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            _ = poll(&ready, 1, Int32(min(left * 1000, 1000).rounded(.up)))
        }
        return .sent
    }

    /// The next line the child writes, waiting at most `timeout` seconds.
    func nextLine(timeout: Double) -> Read {
        let deadline = DispatchTime.now() + timeout
        while true {
            let taken: Read? = lines.withLock { state in
                if !state.queue.isEmpty { return .line(state.queue.removeFirst()) }
                return state.closed ? .closed : nil
            }
            if let taken { return taken }
            if arrived.wait(timeout: deadline) == .timedOut { return .timedOut }
        }
    }

    /// Closes the child's stdin and waits up to `timeout` seconds for it to exit; kills it
    /// after that. Returns its exit status, or nil when it had to be killed.
    func finish(timeout: Double) -> Int32? {
        try? input.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(); return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Ends the child now (SIGKILL: a hung client may ignore SIGTERM).
    func kill() {
        if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        try? input.fileHandleForWriting.close()
    }

    /// How the child ended, once it has: "exited with status 3", "was killed by signal 9".
    var endDescription: String {
        guard !process.isRunning else { return "is still running" }
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? "was killed by signal \(status)" : "exited with status \(status)"
    }

    /// The last lines of its stderr, joined into one line for an error message; waits a
    /// moment for the reader to drain what the child wrote before it ended.
    var stderrSummary: String {
        _ = readersDone.wait(timeout: .now() + 1)
        let tail = stderrTail.withLock { $0 }.filter { !$0.allSatisfy(\.isWhitespace) }
        return tail.isEmpty ? "(stderr empty)" : "stderr: " + tail.joined(separator: " ⏎ ")
    }
}
