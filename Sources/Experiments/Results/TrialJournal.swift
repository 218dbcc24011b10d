import Foundation
import HDF5Kit
import Synchronization

/// Where one process puts the trials it finishes: per algorithm and worker thread, one
/// segment file it only appends to, `trials/<label>/segment-[shardIofN-]<host>-<pid>-<ns>.recs`,
/// holding `TrialRecord`s back to back; and the index of every segment in the folder, for
/// reading trials back.
///
/// ```swift
/// let journal = TrialJournal(folder: "results/x")
/// try journal.append(bytes, label: "ga", trial: 4)   // one write(2), no new file after the first
/// journal.locations(label: "ga", trial: 4)           // [Location(path: …/segment-….recs, offset: 0, size: …)]
/// journal.finish()                                   // close
/// ```
///
/// A file per trial cost an inode per trial; creating them was most of a short run's time,
/// more so right after folders were deleted (issue 18). A segment is created once per
/// process, algorithm and worker thread, so no two writers share a file, a record is
/// never rewritten, and workers write at once, with no lock held (one shared segment had
/// them wait for each other's `write(2)`).
///
/// Kill safety: a record is one `write(2)`; after a kill the page cache holds what was
/// written, and at most the record being written is cut short. A scan stops at a record
/// that does not fit in its file (that cut, or another process still writing), so the
/// trial is simply missing and is run again. Records are self-checking (counts against the
/// size, XXH64), and `ResultsStore.read` checks each before use. A machine crash can lose
/// what the OS had not flushed yet: those trials are run again (`finish`).
///
/// Bytes that are not a record where one should start (an edit of a header, garbage) end
/// the scan of that segment: the trials after them cannot be found and are run again;
/// `damage` reports it, once per segment.
final class TrialJournal: Sendable {
    struct Location: Sendable, Equatable {
        var path: String
        var offset: Int
        var size: Int
    }

    /// A segment's owner: its label and the thread that writes it.
    private struct WriterKey: Hashable {
        var label: String
        var thread: UInt
        /// The calling thread's key for `label`. A thread's id may be reused once it
        /// ended, and then so is its segment: still one writer at a time.
        static func current(_ label: String) -> WriterKey {
            #if os(Linux)
            WriterKey(label: label, thread: UInt(pthread_self()))
            #else
            WriterKey(label: label, thread: UInt(bitPattern: pthread_self()))
            #endif
        }
    }

    private struct Segment {
        var fd: Int32
        var path: String
        var size: Int
    }

    private struct State {
        /// This process's open segments, by label and writing thread (`WriterKey`).
        var writers: [WriterKey: Segment] = [:]
        /// label → trial → every record of it found.
        var locations: [String: [Int: [Location]]] = [:]
        /// label → segment path → bytes indexed so far.
        var scanned: [String: [String: Int]] = [:]
        /// label → names of the files of one trial each in its folder (folders written
        /// before segments), as of the last scan.
        var trialFiles: [String: Set<String>] = [:]
        /// Segments whose scan met bytes that are not a record, with the offset.
        var damaged: [String: Int] = [:]
        var reportedDamage: Set<String> = []
    }

    let folder: String
    /// Put in this process's segment names after `segment-` (a shard's `shard3of4`), so a
    /// person, or a script, can tell whose a segment is.
    let tag: String?
    private let state = Mutex(State())
    /// Buffers records are encoded into, kept between trials: a fresh 50 KB buffer per
    /// trial faulted its pages in each time (issue 18).
    private let buffers = Mutex<[[UInt8]]>([])

    init(folder: String, tag: String? = nil) {
        self.folder = folder
        self.tag = tag
    }

    deinit {
        state.withLock { state in
            for segment in state.writers.values { close(segment.fd) }
        }
    }

    static let segmentPrefix = "segment-"
    static let segmentExtension = ".recs"

    func trialFolder(_ label: String) -> String { "\(folder)/trials/\(ResultsStore.safeName(label))" }

    /// Appends one record of `trial` to this thread's segment for `label`, creating the
    /// segment (and its folder) on first use.
    ///
    /// - Throws: `RunError` naming the segment and the system's reason; the segment is then
    ///   cut back to its last whole record and closed, and the next append starts another.
    func append(_ record: [UInt8], label: String, trial: Int) throws {
        let key = WriterKey.current(label)
        let segment = try state.withLock { state in try writer(key, &state) }
        // Only this thread writes this segment, so its size is this thread's to keep and
        // the write needs no lock.
        let failure = AtomicFile.writeAll(record, to: segment.fd)
        try state.withLock { state in
            if let failure {
                _ = ftruncate(segment.fd, off_t(segment.size))
                close(segment.fd)
                state.writers[key] = nil
                throw RunError("cannot write \(segment.path): \(failure)")
            }
            state.locations[label, default: [:]][trial, default: []].append(Location(path: segment.path, offset: segment.size, size: record.count))
            state.writers[key]?.size += record.count
            state.scanned[label, default: [:]][segment.path] = segment.size + record.count
        }
    }

    /// The open segment of `key`, created (with its folder) if it has none.
    private func writer(_ key: WriterKey, _ state: inout State) throws -> Segment {
        if let open = state.writers[key] { return open }
        let dir = trialFolder(key.label)
        try ResultsStore.createDirectory(dir)
        let owner = (tag.map { "\($0)-" } ?? "") + "\(TemporaryName.thisHost)-\(getpid())-\(DispatchTime.now().uptimeNanoseconds)"
        let path = "\(dir)/\(Self.segmentPrefix)\(owner)\(Self.segmentExtension)"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw RunError("cannot create \(path): \(String(cString: strerror(errno)))") }
        let segment = Segment(fd: fd, path: path, size: 0)
        state.writers[key] = segment
        state.scanned[key.label, default: [:]][path] = 0
        return segment
    }

    /// Appends the record `encode` writes into a buffer kept from an earlier trial (for
    /// its capacity; `encode` replaces what it holds).
    func append(label: String, trial: Int, encode: (inout [UInt8]) -> Void) throws {
        var buffer = buffers.withLock { $0.popLast() } ?? []
        encode(&buffer)
        defer { buffers.withLock { [buffer] in $0.append(buffer) } }
        try append(buffer, label: label, trial: trial)
    }

    /// Every record of `trial` of `label` found in the folder's segments. The first call for
    /// a label scans its folder; `refresh` scans again for what other processes appended
    /// since (a trial whose claim was just acquired may have been finished by its holder).
    func locations(label: String, trial: Int, refresh: Bool = false) -> [Location] {
        state.withLock { state in
            if refresh || state.scanned[label] == nil { scan(label, &state) }
            return state.locations[label]?[trial] ?? []
        }
    }

    /// Every record of `label` found in the folder's segments, by trial, looking again for
    /// what other processes appended (what `status` and the tests count).
    func records(label: String) -> [Int: [Location]] {
        state.withLock { state in
            scan(label, &state)
            return state.locations[label] ?? [:]
        }
    }

    /// Whether the label's folder holds `name`, a file of one trial (`trial-NNNNNN.rec` or
    /// `.h5`, written before segments), as of the last scan; scans the folder if it never
    /// was. No process writes such files any more, so one listing answers every trial,
    /// where a lookup per trial cost a path walk each (issue 18).
    func holdsTrialFile(label: String, name: String) -> Bool {
        state.withLock { state in
            if state.trialFiles[label] == nil { scan(label, &state) }
            return state.trialFiles[label]?.contains(name) ?? false
        }
    }

    /// Whether the label's folder holds any file of one trial, as of the last scan (scans
    /// the folder if it never was).
    func holdsTrialFiles(label: String) -> Bool {
        state.withLock { state in
            if state.trialFiles[label] == nil { scan(label, &state) }
            return !(state.trialFiles[label]?.isEmpty ?? true)
        }
    }

    /// Forgets `name` after the caller deleted it.
    func forgetTrialFile(label: String, name: String) {
        state.withLock { state in _ = state.trialFiles[label]?.remove(name) }
    }

    /// One line per damaged segment not reported yet.
    func damage() -> [String] {
        state.withLock { state in
            state.damaged.keys.sorted().filter { state.reportedDamage.insert($0).inserted }.map {
                "\($0) holds bytes that are not a trial record at byte \(state.damaged[$0]!); the records after them are not read, and trials found nowhere else are run again"
            }
        }
    }

    /// Closes this process's segments: at the end of a run or a merge.
    ///
    /// Not fsync'd, as no results file is (runs.h5, summary.md): what a process wrote
    /// survives its kill in the page cache, and a machine crash can at worst cut segments
    /// short, whose trials are then run again, identically. An fsync of the segments cost
    /// 51 ms of the 405 ms a run of 300 aging-evolution trials × 1,000 took (`bench --only results`).
    func finish() {
        state.withLock { state in
            for segment in state.writers.values { close(segment.fd) }
            state.writers = [:]
        }
    }

    /// Indexes what the label's segments hold beyond what is indexed already.
    private func scan(_ label: String, _ state: inout State) {
        let dir = trialFolder(label)
        var scanned = state.scanned[label] ?? [:]
        defer { state.scanned[label] = scanned }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            state.trialFiles[label] = state.trialFiles[label] ?? []   // no folder: no trial files
            return
        }
        state.trialFiles[label] = Set(names.filter { $0.hasPrefix(TrialFile.namePrefix) })
        let own = Set(state.writers.values.map(\.path))
        for name in names.sorted() where name.hasPrefix(Self.segmentPrefix) && name.hasSuffix(Self.segmentExtension) {
            let path = "\(dir)/\(name)"
            guard !own.contains(path), state.damaged[path] == nil else { continue }
            // Unchanged since the last scan: nothing to open (a refresh per claimed trial).
            var before = stat()
            if let known = scanned[path], lstat(path, &before) == 0, Int(before.st_size) == known { continue }
            let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            var status = stat()
            guard fstat(fd, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { continue }
            let fileSize = Int(status.st_size)
            var offset = scanned[path] ?? 0
            var header = [UInt8](repeating: 0, count: TrialRecord.maximumHeaderBytes)
            records: while offset < fileSize {
                let wanted = min(header.count, fileSize - offset)
                let got = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, wanted, off_t(offset)) }
                guard got == wanted else { break records }
                switch header.withUnsafeBytes({ TrialRecord.frame(UnsafeRawBufferPointer(rebasing: $0[..<wanted])) }) {
                case .record(let trial, let size) where size <= fileSize - offset:
                    state.locations[label, default: [:]][trial, default: []].append(Location(path: path, offset: offset, size: size))
                    offset += size
                case .record, .incomplete:
                    // Longer than what is on disk: being written, or cut by a kill.
                    break records
                case .invalid:
                    state.damaged[path] = offset
                    break records
                }
            }
            scanned[path] = offset
        }
    }

    /// The bytes of one record.
    ///
    /// - Throws: `TrialFile.Rejected` when they cannot be read.
    static func bytes(at location: Location) throws -> [UInt8] {
        let unreadable = TrialFile.Rejected(reason: "cannot be read (truncated or damaged)")
        let fd = open(location.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { throw unreadable }
        defer { close(fd) }
        guard let bytes = TrialFile.read(fd, count: location.size, at: location.offset) else { throw unreadable }
        return bytes
    }
}
