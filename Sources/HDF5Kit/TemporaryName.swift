import Foundation
import Synchronization

/// The name a file is written under before it is renamed into place:
/// `<file>.tmp-<host>-<pid>-<n>`.
///
/// ```swift
/// let temporary = TemporaryName.next(for: "results/x/runs.h5")   // runs.h5.tmp-node07-4121-0
/// TemporaryName.writer(of: "runs.h5.tmp-node07-4121-0", base: "runs.h5")
/// // Writer(host: "node07", pid: 4121)
/// ```
///
/// The host is in the name because results folders are shared between machines (a Slurm
/// array on a shared filesystem): a process id means nothing on another host, so only a
/// writer on this host can be found dead by its pid. The host is reduced to `[A-Za-z0-9._]`
/// (anything else becomes `_`), so `-` separates the fields. Names from before the host was
/// added (`<file>.tmp-<pid>` and `<file>.tmp-<pid>-<n>`) are read as written on this host.
public enum TemporaryName {
    /// Who wrote a temporary file.
    public struct Writer: Sendable, Equatable {
        public var host: String
        public var pid: Int32
        public init(host: String, pid: Int32) { self.host = host; self.pid = pid }
    }

    /// This machine's host name as it appears in temporary names.
    public static let thisHost: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        let name = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
        let safe = String(name.unicodeScalars.map { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "." || $0 == "_") ? Character($0) : "_" })
        return safe.isEmpty ? "localhost" : String(safe.prefix(64))
    }()

    /// Temporary names need only be unique: host, process id and a per-process count.
    private static let counter = Atomic<UInt64>(0)

    /// A fresh temporary name next to `path`, unique among this host's processes.
    public static func next(for path: String) -> String {
        "\(path).tmp-\(thisHost)-\(getpid())-\(counter.wrappingAdd(1, ordering: .relaxed).oldValue)"
    }

    /// The writer of `file` (a name, no folder) when it is a temporary of `base`; nil for
    /// any other name.
    public static func writer(of file: String, base: String) -> Writer? {
        let prefix = base + ".tmp-"
        guard file.hasPrefix(prefix) else { return nil }
        let fields = file.dropFirst(prefix.count).split(separator: "-", omittingEmptySubsequences: false)
        let isNumber = { (s: Substring) in !s.isEmpty && s.count <= 19 && s.allSatisfy { $0.isASCII && $0.isNumber } }
        switch fields.count {
        case 1, 2:   // before the host was recorded
            guard fields.allSatisfy(isNumber), let pid = Int32(fields[0]), pid > 0 else { return nil }
            return Writer(host: thisHost, pid: pid)
        case 3:
            guard !fields[0].isEmpty, isNumber(fields[1]), isNumber(fields[2]), let pid = Int32(fields[1]), pid > 0 else { return nil }
            return Writer(host: String(fields[0]), pid: pid)
        default:
            return nil
        }
    }

    /// Whether the writer is provably gone: a process of this host that no longer exists.
    /// A writer on another host is never provably gone by its pid.
    public static func isGone(_ writer: Writer) -> Bool {
        guard writer.host == thisHost, writer.pid != getpid() else { return false }
        return kill(writer.pid, 0) != 0 && errno == ESRCH
    }
}
