import Foundation

/// Whole files written so that a file that exists is complete: the bytes go to a temporary
/// name in the same folder (`TemporaryName`) and are renamed into place.
///
/// ```swift
/// try AtomicFile.write(bytes, to: "results/x/trials/ga/trial-000004.rec")
/// ```
///
/// A failure or a kill leaves at most the temporary, which the writer's cleanup removes
/// (`ResultsStore.removeStaleTemporaries`); the target keeps its old content or stays absent.
public enum AtomicFile {
    /// Why a file could not be written: the file and the system's reason.
    public struct Failure: Error, CustomStringConvertible {
        public var file: String
        public var message: String
        public var description: String { "\(file): \(message)" }
    }

    /// Writes `bytes` to `path` atomically, never through a symbolic link.
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        var failure: Failure?
        bytes.withUnsafeBytes { raw in
            do throws(Failure) { try write(raw, to: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// `write` of bytes wherever they live.
    public static func write(_ bytes: UnsafeRawBufferPointer, to path: String) throws(Failure) {
        try write(to: path, as: { $0 }) { fd, temporary throws(Failure) in
            if let reason = writeAll(bytes, to: fd) { throw Failure(file: temporary, message: "cannot write the file: \(reason)") }
        }
    }

    /// Writes `path` atomically through `fill`, which gets the temporary file open for
    /// reading and writing (never through a symbolic link) and its name, and may map it or
    /// resize it. The file is then closed and renamed into place; any failure, `fill`'s or
    /// the system's (as `error` makes it), leaves no temporary behind.
    public static func write<E: Error>(to path: String, as error: (Failure) -> E,
                                       filling fill: (_ fd: Int32, _ temporary: String) throws(E) -> Void) throws(E) {
        func reason() -> String { String(cString: strerror(errno)) }
        let temporary = TemporaryName.next(for: path)
        let fd = open(temporary, O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw error(Failure(file: temporary, message: "cannot create the file: \(reason())")) }
        var isOpen = true, renamed = false
        defer {
            if isOpen { close(fd) }
            if !renamed { unlink(temporary) }
        }
        try fill(fd, temporary)
        isOpen = false
        guard close(fd) == 0 else { throw error(Failure(file: temporary, message: "cannot write the file: \(reason())")) }
        guard rename(temporary, path) == 0 else {
            throw error(Failure(file: path, message: "cannot move the finished file into place: \(reason())"))
        }
        renamed = true
    }

    /// Writes all of `bytes` to the open descriptor `fd`; nil, or the system's reason.
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> String? {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }

    /// `writeAll` of bytes wherever they live.
    public static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> String? {
        var written = 0
        while written < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + written, buffer.count - written)
            if n < 0 {
                if errno == EINTR { continue }
                return String(cString: strerror(errno))
            }
            written += n
        }
        return nil
    }
}
