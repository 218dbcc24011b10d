import Foundation
import HDF5Kit
import NASCore

/// An exclusive lock on a file that the operating system releases when its holder dies,
/// however it dies (`flock(2)` on an open descriptor): `results/<name>/.assemble.lock`.
///
/// ```swift
/// switch try FileLock.attempt("results/x/.assemble.lock") {
/// case .acquired(let lock): defer { lock.release() }; …   // ours
/// case .busy(let owner): …                   // another process holds it: "node07 pid 4121"
/// case .unsupported(let reason): …           // this filesystem takes no locks
/// }
/// ```
///
/// This is what lets processes share a results folder, on one machine or over a shared
/// filesystem (NFS forwards `flock` to the server's byte-range locks): whoever holds a lock
/// is alive, and whatever it guards but left half done is provably orphaned once the lock
/// is free. The holder writes `<host> pid <pid>` into the file, so `status` can say who.
///
/// A holder may delete the file when done. Another process may have opened the old file
/// and be waiting on it, so after locking, the file at `path` must still be the one locked;
/// if not, the attempt starts over.
public final class FileLock: @unchecked Sendable {
    public let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Takes the lock if it is free; never waits.
    /// - Throws: `RunError` when the file cannot be opened or created (no such folder, no
    ///   permission).
    public static func attempt(_ path: String) throws -> LockAttempt<FileLock> {
        try acquire(path, wait: false)
    }

    /// Takes the lock, waiting for its holder to release it or die.
    public static func wait(_ path: String) throws -> LockAttempt<FileLock> {
        try acquire(path, wait: true)
    }

    private static func acquire(_ path: String, wait: Bool) throws -> LockAttempt<FileLock> {
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else {
                throw RunError("cannot open the lock file \(path): \(String(cString: strerror(errno))); the results folder must be writable")
            }
            var result: Int32
            repeat { result = flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) } while result != 0 && errno == EINTR
            if result != 0 {
                let code = errno
                let owner = code == EWOULDBLOCK ? ownerLine(fd) : ""
                close(fd)
                if code == EWOULDBLOCK { return .busy(owner: owner) }
                return .unsupported(reason: "flock on \(path): \(String(cString: strerror(code)))")
            }
            // The file we locked must still be the one at `path` (a holder deletes it when done).
            var locked = stat(), current = stat()
            guard fstat(fd, &locked) == 0, lstat(path, &current) == 0,
                  locked.st_dev == current.st_dev, locked.st_ino == current.st_ino else {
                close(fd)
                continue
            }
            let line = Array("\(TemporaryName.thisHost) pid \(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
            return .acquired(FileLock(path: path, descriptor: fd))
        }
    }

    /// Releases the lock; with `removingFile`, deletes the file first, while still holding it.
    public func release(removingFile: Bool = false) {
        guard descriptor >= 0 else { return }
        if removingFile { unlink(path) }
        close(descriptor)
        descriptor = -1
    }

    /// The first line a holder wrote (`node07 pid 4121`), or "" if none yet.
    private static func ownerLine(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        return OneLineText.escapingControls(String(text.split(separator: "\n").first ?? ""))
    }
}
