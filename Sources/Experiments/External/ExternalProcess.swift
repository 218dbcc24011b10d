import Foundation
import Synchronization

/// One external algorithm's child process: lines to its stdin, lines from its stdout with a
/// time limit, and the last lines of its stderr for error messages.
///
/// ```swift
/// let child = try ExternalProcess(command: ["python3", "search.py"], folder: "experiments")
/// try child.send(#"{"type":"start",…}"#)
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
            }
            if !pending.isEmpty { line(String(decoding: pending, as: UTF8.self)) }
            end()
            group.leave()
        }
    }

    /// Writes one line to the child's stdin; false when the child no longer reads it.
    @discardableResult
    func send(_ line: String) -> Bool {
        let bytes = Array((line + "\n").utf8)
        let fd = input.fileHandleForWriting.fileDescriptor
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            written += n
        }
        return true
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
