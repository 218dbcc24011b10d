import Foundation

/// The size of a file, from `stat` alone.
///
/// ```swift
/// if let bytes = FileSize.of(path), bytes > limit { throw … }
/// ```
///
/// `FileManager.attributesOfItem` also names the file's owner and group, which reads
/// /etc/nsswitch.conf, /etc/passwd and /etc/group: twice per `nasreplay run` (its spec and
/// its table), for a size.
public enum FileSize {
    /// The bytes of the file at `path` (through a symbolic link), or nil when it cannot be
    /// examined (missing, no permission).
    public static func of(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return Int(status.st_size)
    }
}
