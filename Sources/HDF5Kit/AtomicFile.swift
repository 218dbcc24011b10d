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
        let temporary = TemporaryName.next(for: path)
        do {
            try writeBytes(bytes, to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(file: path, message: "cannot move the finished file into place: \(reason)")
        }
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

    /// Creates (or truncates: a stale temporary file of a killed process with the same id)
    /// `path`, never through a symbolic link, and writes `bytes` to it; any error, such as a
    /// full disk, names the file and the system's reason.
    private static func writeBytes(_ bytes: UnsafeRawBufferPointer, to path: String) throws(Failure) {
        func reason() -> String { String(cString: strerror(errno)) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure(file: path, message: "cannot create the file: \(reason())") }
        if let failure = writeAll(bytes, to: fd) {
            close(fd)
            throw Failure(file: path, message: "cannot write the file: \(failure)")
        }
        guard close(fd) == 0 else { throw Failure(file: path, message: "cannot write the file: \(reason())") }
    }
}
