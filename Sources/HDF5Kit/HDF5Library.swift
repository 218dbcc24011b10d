import CHDF5
import Dispatch
import Synchronization

/// The one door to libhdf5. Every HDF5 call in the process runs inside `withLock`.
///
/// Debian's serial build is thread-safe only in the sense of one global mutex, and other
/// builds are not thread-safe at all, so we serialise ourselves and keep public calls
/// coarse: one lock per file operation, never re-entrant.
public enum HDF5Library {
    private static let mutex = Mutex<Bool>(false)

    public static func withLock<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        try mutex.withLock { (initialised: inout Bool) throws(E) -> T in
            if !initialised {
                // No H5_term_library at exit: every file is closed when its call returns (reads
                // close it, writes are built in memory), so there is nothing to flush, and a
                // process that exits on an error while another thread is inside libhdf5 (or
                // after libhdf5 failed to close a file) cannot crash in its teardown.
                _ = H5dont_atexit()
                _ = H5open()
                // A file naming an unknown filter would make libhdf5 load a plugin library
                // from disk; NASReplay's files use only the built-in shuffle and deflate.
                _ = chdf5_disable_filter_plugins()
                initialised = true
            }
            // Auto-printing is per thread in thread-safe builds: switch it off every time,
            // or stray "HDF5-DIAG" dumps appear when tests run in parallel.
            _ = H5Eset_auto2(chdf5_e_default(), nil, nil)
            return try body()
        }
    }

    /// Starts libhdf5, and builds one empty file in memory, on another thread: the first
    /// file a process writes then does not wait for the library's start-up (about 2 ms
    /// here). A run computes its trials without libhdf5 and writes runs.h5 at its end,
    /// where those milliseconds were all on the run's critical path (issue 18).
    public static func warmUpInBackground() {
        DispatchQueue.global(qos: .utility).async {
            withLock { _ = try? HDF5File.imageLocked(H5Group(), name: "warm-up.h5", options: HDF5File.WriteOptions()) }
        }
    }

    /// "major.minor.release" of the linked library.
    public static var version: String {
        withLock {
            var major: UInt32 = 0, minor: UInt32 = 0, release: UInt32 = 0
            _ = H5get_libversion(&major, &minor, &release)
            return "\(major).\(minor).\(release)"
        }
    }
}

/// Collects HDF5's error stack into lines, then clears it.
final class ErrorStack {
    var lines: [String] = []

    /// Must be called inside `HDF5Library.withLock`.
    static func drain() -> [String] {
        let box = ErrorStack()
        withExtendedLifetime(box) {
            _ = H5Ewalk2(chdf5_e_default(), H5E_WALK_DOWNWARD, { _, err, context in
                guard let err, let context else { return 0 }
                let box = Unmanaged<ErrorStack>.fromOpaque(context).takeUnretainedValue()
                if let desc = err.pointee.desc {
                    box.lines.append(String(cString: desc))
                }
                return 0
            }, Unmanaged.passUnretained(box).toOpaque())
        }
        _ = H5Eclear2(chdf5_e_default())
        return box.lines
    }
}

/// Closes HDF5 handles in reverse order when it goes out of scope, inside the same locked
/// call that opened them (a class `deinit` could run on another thread, outside the lock).
struct HandleCloser: ~Copyable {
    private var items: [(hid_t, (hid_t) -> herr_t)] = []
    mutating func add(_ id: hid_t, _ close: @escaping (hid_t) -> herr_t) { items.append((id, close)) }
    deinit { for (id, close) in items.reversed() { _ = close(id) } }
}
