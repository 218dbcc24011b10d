import Foundation
import HDF5Kit
import NASCore

/// The claim a process holds while it computes one trial: a lock on the trial's 64-byte slot
/// of `trials/<label>/.claims`, which the operating system releases when the process dies,
/// however it dies (Linux open-file-description locks, `F_OFD_SETLK`).
///
/// ```swift
/// switch try TrialClaim.attempt(file: "results/x/trials/nsga2/.claims", trial: 4) {
/// case .acquired(let claim): defer { claim.release() }; …   // this process computes trial 4
/// case .busy(let owner): …                                 // "node07 pid 4121" computes it
/// case .unsupported(let reason): …                         // no locks on this filesystem
/// }
/// ```
///
/// One file per algorithm, one byte range per trial: taking and releasing a claim is an
/// open, a lock and a close, with no file created or deleted per trial (a claim file per
/// trial cost about a quarter of a 1 ms NSGA-II trial in a whole run). Each attempt opens its
/// own description, so two claims on one trial conflict even inside one process. NFS
/// forwards these locks to the server, as it does `flock`. The holder writes
/// `<host> pid <pid>` into its slot, so `status` can say who; a free slot's text is stale and
/// never read.
public final class TrialClaim: @unchecked Sendable {
    /// Bytes per trial in the claims file: the lock range and the owner line.
    static let slotSize = 64

    public let file: String
    public let trial: Int
    /// Whether any process held this claim before (its slot holds an owner line): if none
    /// ever did, nobody can have finished the trial since this process last looked, since
    /// every writer of a trial holds its claim (what lets a run skip looking again).
    public let wasHeldBefore: Bool
    private var descriptor: Int32

    private init(file: String, trial: Int, descriptor: Int32, wasHeldBefore: Bool) {
        self.file = file
        self.trial = trial
        self.descriptor = descriptor
        self.wasHeldBefore = wasHeldBefore
    }

    deinit { if descriptor >= 0 { close(descriptor) } }

    /// Takes the claim if it is free; never waits.
    /// - Throws: `RunError` when the claims file cannot be opened or created.
    public static func attempt(file: String, trial: Int) throws -> LockAttempt<TrialClaim> {
        try acquire(file: file, trial: trial, wait: false)
    }

    /// Takes the claim, waiting for its holder to release it or die.
    public static func wait(file: String, trial: Int) throws -> LockAttempt<TrialClaim> {
        try acquire(file: file, trial: trial, wait: true)
    }

    /// The owner line of a held claim, or nil when the claim is free (or locks are unsupported).
    /// Opens the claims file only if it exists, so asking never creates one.
    public static func holder(file: String, trial: Int) -> String? {
        guard FileManager.default.fileExists(atPath: file), case .busy(let owner)? = try? attempt(file: file, trial: trial) else {
            return nil
        }
        return owner
    }

    private static func acquire(file: String, trial: Int, wait: Bool) throws -> LockAttempt<TrialClaim> {
        let fd = open(file, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard fd >= 0 else {
            throw RunError("cannot open the claims file \(file): \(String(cString: strerror(errno))); the results folder must be writable")
        }
        #if os(Linux)
        var range = flock()
        range.l_type = Int16(F_WRLCK)
        range.l_whence = Int16(SEEK_SET)
        range.l_start = off_t(trial * slotSize)
        range.l_len = off_t(slotSize)
        var result: Int32
        // F_OFD_SETLK / F_OFD_SETLKW (<bits/fcntl-linux.h>; Glibc's Swift module omits them).
        repeat { result = fcntl(fd, wait ? 38 : 37, &range) } while result != 0 && errno == EINTR
        #else
        let result: Int32 = -1
        errno = EOPNOTSUPP
        #endif
        guard result == 0 else {
            let code = errno
            defer { close(fd) }
            if code == EAGAIN || code == EACCES { return .busy(owner: ownerLine(fd, trial: trial)) }
            return .unsupported(reason: "byte-range lock on \(file): \(String(cString: strerror(code)))")
        }
        var previous = [UInt8](repeating: 0, count: slotSize)
        let read = previous.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(trial * slotSize)) }
        // Unreadable counts as held: the caller then looks again, as it always did.
        let wasHeld = read != 0 && (read < 0 || previous.prefix(read).contains { $0 != 0 })
        var line = Array("\(TemporaryName.thisHost) pid \(getpid())".utf8.prefix(slotSize - 1))
        line += [UInt8](repeating: UInt8(ascii: "\n"), count: slotSize - line.count)
        _ = line.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(trial * slotSize)) }
        return .acquired(TrialClaim(file: file, trial: trial, descriptor: fd, wasHeldBefore: wasHeld))
    }

    /// Releases the claim (closing the description releases its lock).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    /// The owner line in the trial's slot (`node07 pid 4121`), or "" if none.
    private static func ownerLine(_ fd: Int32, trial: Int) -> String {
        var buffer = [UInt8](repeating: 0, count: slotSize)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(trial * slotSize)) }
        guard count > 0 else { return "" }
        let text = String(decoding: buffer.prefix(count), as: UTF8.self)
        return OneLineText.escapingControls(String(text.split(separator: "\n").first ?? ""))
    }
}
