import Foundation

/// Reads at a file offset with `pread`, retried until the span is read or the file ends:
/// the one read loop of the checksum and stored values, which read large files in chunks
/// into buffers they reuse (no `Data` per chunk, no copy out of it); and a whole file
/// mapped, for the tree cache.
///
/// ```swift
/// let n = FileBytes.read(fd, into: buffer.baseAddress!, count: buffer.count, at: 512)
/// ```
enum FileBytes {
    /// The bytes read (fewer than `count` only at the end of the file), or nil on an error
    /// (`errno` says which).
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int? {
        var done = 0
        while done < count {
            let n = pread(fd, buffer + done, count - done, off_t(offset + done))
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// `body` of the whole file at `path`, mapped read-only, when it is a regular file of
    /// exactly `size` bytes (nil otherwise, and for an empty file); unmapped on return.
    ///
    /// For files NASReplay replaces only by renaming a finished file into place (the tree
    /// cache), so the mapped file is never truncated underneath: mapping the 4.3 MB tree of
    /// `nats-tss.h5` took 0.4–0.6 ms here, reading it into fresh memory 2.4–3.3 ms (its pages
    /// must first be zeroed).
    static func withMapped<T>(_ path: String, size: Int, _ body: (UnsafeRawBufferPointer) -> T?) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var status = stat()
        guard size > 0, fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == size,
              let base = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED else { return nil }
        defer { munmap(base, size) }
        return body(UnsafeRawBufferPointer(start: base, count: size))
    }
}
