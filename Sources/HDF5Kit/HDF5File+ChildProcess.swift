import CHDF5
import Foundation
import Synchronization

extension HDF5File {
    /// Whether reads that require a checksum (benchmark tables) parse the file in a child
    /// process. Off unless `parseChecksummedFilesInChildProcess()` was called; the CLI and
    /// the fuzz driver switch it on at start-up.
    static let parsesInChildProcess = Atomic<Bool>(false)

    /// From now on, `read(_:requireChecksum: true)` lets libhdf5 parse the file in a forked
    /// child, which sends back a copy rewritten by NASReplay's writer.
    ///
    /// Why: the checksum stops damage, not forgery. On a file crafted to pass it, libhdf5
    /// 1.10 can crash (a heap over-read in `H5F__accum_read` under `H5Gget_info`) or fail
    /// and leave its own state corrupt so that the next read crashes (found by fuzzing,
    /// scripts/fuzz/README.md, target `table-resealed`). In the child, a crash becomes a
    /// one-line error and the damage dies with the process; the parent parses only a file
    /// its own writer made from the values the child read, under the same limits.
    ///
    /// Call it before starting threads: `fork` copies only the calling thread, so a lock
    /// another thread holds at that moment would stay held in the child. The child runs
    /// libhdf5 and the writer only, under `HDF5Library`'s lock, which the parent holds
    /// while it forks.
    public static func parseChecksummedFilesInChildProcess() {
        parsesInChildProcess.store(true, ordering: .relaxed)
    }

    static func readInChildProcess(_ path: String, limits: ReadLimits, shapeCheck: ShapeCheck?, skip: ShapeTest?) throws(HDF5Error) -> H5Group {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw HDF5Error(file: path, message: "cannot create a pipe to the reading process: \(String(cString: strerror(errno)))") }
        // Not inherited by programs started meanwhile (an external algorithm's client):
        // one holding the write end would keep the read below from ever seeing its end.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let pid = HDF5Library.withLock { () -> pid_t in
            let pid = fork()
            if pid == 0 { childRead(path, limits: limits, shapeCheck: shapeCheck, skip: skip, to: fds[1], closing: fds[0]) }
            return pid
        }
        close(fds[1])
        guard pid > 0 else {
            close(fds[0])
            throw HDF5Error(file: path, message: "cannot start the reading process: \(String(cString: strerror(errno)))")
        }
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fds[0], $0.baseAddress, $0.count) }
            if n > 0 { reply.append(contentsOf: chunk[0..<n]); continue }
            if n < 0, errno == EINTR { continue }
            break
        }
        close(fds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let signal = status & 0x7f
        if signal != 0 {
            throw HDF5Error(file: path, message: "libhdf5 crashed parsing it (signal \(signal), in a separate process): its metadata is damaged in a way its checksum does not show, so it was forged or written by another program; rebuild or re-import it")
        }
        guard let kind = reply.first else {
            throw HDF5Error(file: path, message: "the reading process ended without an answer (exit status \((status >> 8) & 0xff))")
        }
        let body = Array(reply.dropFirst())
        guard kind == 1 else {
            let parts = body.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            throw HDF5Error(file: path, message: parts.first ?? "unreadable", stack: Array(parts.dropFirst()))
        }
        return try HDF5Library.withLock { () throws(HDF5Error) -> H5Group in
            try readLocked(path, image: body, limits: limits, shapeCheck: shapeCheck, skip: skip)
        }
    }

    /// In the child: read the file, rewrite what was read as a file image, send it (kind 1)
    /// or the error (kind 0, NUL-separated message and stack), and exit. Never returns.
    private static func childRead(_ path: String, limits: ReadLimits, shapeCheck: ShapeCheck?, skip: ShapeTest?,
                                  to output: Int32, closing input: Int32) -> Never {
        close(input)
        // Die quietly on a crash (no backtrace report, no glibc "invalid pointer" line, no
        // core file): the parent reports it, in one line.
        for number in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] { signal(number, SIG_DFL) }
        let null = open("/dev/null", O_WRONLY)
        if null >= 0 { dup2(null, STDERR_FILENO); close(null) }
        var noCore = rlimit(rlim_cur: 0, rlim_max: 0)
        setrlimit(Int32(RLIMIT_CORE.rawValue), &noCore)
        var reply: [UInt8]
        do {
            let root = try readLocked(path, image: nil, limits: limits, shapeCheck: shapeCheck, skip: skip)
            // Uncompressed: the image only crosses a pipe, and deflating it here to inflate
            // it in the parent was most of a table load's time.
            var plain = WriteOptions()
            plain.compressAbove = Int.max
            reply = try imageLocked(root, name: path + ".copy", options: plain) { [1] + Array($0) }
        } catch {
            reply = [0] + Array(([error.message] + error.stack).joined(separator: "\u{0}").utf8)
        }
        _exit(AtomicFile.writeAll(reply, to: output) == nil ? 0 : 1)
    }
}
