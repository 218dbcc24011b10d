import CHDF5
import CZlib
import Dispatch
import Foundation
import Synchronization

/// The compressed chunks of a file's datasets, made on every core before libhdf5 writes
/// the file, and written by libhdf5 as they are (`H5Dwrite_chunk`).
///
/// ```swift
/// let chunks = ChunkCompressor.compress(root, options: options)   // all cores, no lock
/// // inside HDF5Library's lock, for each dataset in write order:
/// chunks.next()    // nil: too small to chunk; .plain: stored as it is; .deflated: its chunks
/// ```
///
/// Why: libhdf5 filters chunks one at a time under the process's one HDF5 lock, and the
/// deflate of a run's runs.h5 was most of assembling it. Each chunk is what libhdf5's own
/// pipeline makes of it (the dataset still declares shuffle and deflate, and any HDF5 reader
/// unfilters it the same way): the chunk's rows, an edge chunk padded with zeros (the fill
/// value), the shuffle filter's byte transposition (`H5Z__filter_shuffle`), then zlib's
/// `compress2` at the deflate level (`H5Z__filter_deflate`).
///
/// With `WriteOptions.minimumDeflateRatio`, a dataset whose first values deflate by less
/// than that factor is stored `.plain`: contiguous, no filters. Deflating nearly random
/// bytes (the low bytes of measured accuracies) is the slowest deflate there is and
/// saves least.
final class ChunkCompressor: @unchecked Sendable {
    /// How one dataset is stored.
    enum Storage {
        /// Chunked, shuffled and deflated: its chunk extent along the rows, and each
        /// chunk's bytes.
        case deflated(rowsPerChunk: Int, chunks: [[UInt8]])
        /// Contiguous and unfiltered: it deflates too little to be worth the time.
        case plain
    }

    private var storages: [Storage?]
    private var position = 0
    /// The bytes the datasets take in the file: deflated chunks as compressed, every other
    /// dataset as it is (what sizes the in-memory file, `HDF5File.imageLocked`).
    let storedBytes: Int

    private init(_ storages: [Storage?], storedBytes: Int) {
        self.storages = storages
        self.storedBytes = storedBytes
    }

    /// The next dataset's storage, in `HDF5File`'s write order; nil when it is small enough
    /// to be stored as it is anyway (`WriteOptions.compressAbove`).
    func next() -> Storage? {
        defer { position += 1 }
        return position < storages.count ? storages[position] : nil
    }

    /// Values deflated to measure a dataset's ratio (`WriteOptions.minimumDeflateRatio`).
    static let sampleElements = 8_192

    /// One dataset to compress: where it is in write order and how it is cut into chunks.
    private struct Plan: Sendable {
        var dataset: Int
        var width: Int
        var rowsPerChunk: Int
        var perRow: Int
        var chunks: Int
        var chunkBytes: Int { rowsPerChunk * perRow * width }
    }

    /// The chunks of every dataset of `root` that `options` compresses, in write order.
    static func compress(_ root: H5Group, options: HDF5File.WriteOptions) -> ChunkCompressor {
        var collected: [H5Dataset] = []
        collect(root, into: &collected)
        let all = collected
        let candidates = all.enumerated().filter { $0.element.data.count > options.compressAbove && !$0.element.isSkipped }.map { d, dataset in
            let perRow = dataset.shape.count == 2 ? max(1, dataset.shape[1]) : 1
            let rows = dataset.shape[0]
            let rowsPerChunk = Int(HDF5File.chunkRows(dataset.shape.map { hsize_t($0) }))
            return Plan(dataset: d, width: HDF5File.elementWidth(of: dataset.data), rowsPerChunk: rowsPerChunk, perRow: perRow,
                        chunks: (rows + rowsPerChunk - 1) / rowsPerChunk)
        }
        // Numbers are read where they are; only strings are packed first (NUL-padded).
        let packed = candidates.map { plan -> [UInt8]? in
            guard case .strings(let strings) = all[plan.dataset].data else { return nil }
            return HDF5File.packStrings(strings, width: plan.width)
        }
        let withBytes: @Sendable (Int, (UnsafeRawBufferPointer) -> Void) -> Void = { p, body in
            if let bytes = packed[p] { bytes.withUnsafeBytes(body) } else { HDF5File.withValueBytes(of: all[candidates[p].dataset].data, body) }
        }
        let level = Int32(options.deflateLevel)
        // One per worker, for both passes below: zlib's state and the buffers are made once.
        let deflaters = (0..<ProcessInfo.processInfo.activeProcessorCount).map { _ in Deflater() }
        // Which datasets deflate well enough: their first values, as one shuffled block.
        var deflates = [Bool](repeating: true, count: candidates.count)
        if options.minimumDeflateRatio > 1 {
            let ratios = forEachItem(candidates.count, deflaters) { p, deflater in
                let plan = candidates[p]
                var ratio = Double.infinity
                withBytes(p) { raw in
                    let sample = UnsafeRawBufferPointer(rebasing: raw[..<min(raw.count, sampleElements * plan.width)])
                    ratio = Double(sample.count) / Double(max(1, deflater.compress(sample, chunkBytes: sample.count, width: plan.width, level: level).count))
                }
                return ratio
            }
            deflates = ratios.map { $0 >= options.minimumDeflateRatio }
        }
        let plans = candidates.indices.filter { deflates[$0] }
        // Work items: (candidate, chunk); each writes only its own slot.
        let work = plans.flatMap { p in (0..<candidates[p].chunks).map { (p, $0) } }
        let compressed = forEachItem(work.count, deflaters) { i, deflater in
            let (p, k) = work[i]
            let plan = candidates[p]
            var chunk: [UInt8] = []
            withBytes(p) { raw in
                let start = k * plan.chunkBytes
                let rows = UnsafeRawBufferPointer(rebasing: raw[start..<min(raw.count, start + plan.chunkBytes)])
                chunk = deflater.compress(rows, chunkBytes: plan.chunkBytes, width: plan.width, level: level)
            }
            return chunk
        }
        var storages = [Storage?](repeating: nil, count: all.count)
        var i = 0
        for (p, plan) in candidates.enumerated() {
            guard deflates[p] else { storages[plan.dataset] = .plain; continue }
            storages[plan.dataset] = .deflated(rowsPerChunk: plan.rowsPerChunk, chunks: Array(compressed[i..<(i + plan.chunks)]))
            i += plan.chunks
        }
        let stored = zip(all, storages).reduce(0) { sum, pair in
            if case .deflated(_, let chunks)? = pair.1 { return sum + chunks.reduce(0) { $0 + $1.count } }
            return sum + pair.0.data.rawByteCount
        }
        return ChunkCompressor(storages, storedBytes: stored)
    }

    /// `body(i, deflater)` for every `i` in `0..<count`, on every core: worker w takes the
    /// next item each time and uses `deflaters[w]`, so zlib's state and the buffers are
    /// made once per worker, not per chunk (nor per pass). Results in item order.
    private static func forEachItem<T>(_ count: Int, _ deflaters: [Deflater], _ body: @Sendable (Int, Deflater) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(count, deflaters.count)) { w in
            let deflater = deflaters[w]
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                slots.set(i, body(i, deflater))
            }
        }
        return slots.values
    }

    /// One result per work item: each is set by exactly one iteration, and read after
    /// `concurrentPerform` returns, so no lock is needed.
    private final class Slots<T>: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<T?>
        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: nil)
        }
        deinit { storage.deinitialize(); storage.deallocate() }
        func set(_ i: Int, _ value: T) { storage[i] = value }
        var values: [T] { storage.map { $0! } }
    }

    /// Datasets in the order `HDF5File.writeGroup` writes them.
    private static func collect(_ group: H5Group, into all: inout [H5Dataset]) {
        for (_, node) in group.children {
            switch node {
            case .group(let child): collect(child, into: &all)
            case .dataset(let dataset): all.append(dataset)
            }
        }
    }

    /// A chunk of `rows` zero-padded to `chunkBytes`, shuffled and deflated: what
    /// libhdf5's pipeline stores.
    static func compressChunk(_ rows: UnsafeRawBufferPointer, chunkBytes: Int, width: Int, level: Int32) -> [UInt8] {
        Deflater().compress(rows, chunkBytes: chunkBytes, width: width, level: level)
    }
}

/// zlib's deflate state and a worker's buffers, kept from chunk to chunk: a fresh
/// `compress2` allocated and cleared about 270 KB of state per chunk.
///
/// `deflateReset` then one `deflate(Z_FINISH)` over the whole input gives the bytes of
/// `compress2` at the same level (which is `deflateInit` and that same call), so each chunk
/// is still the one libhdf5's filter would make.
///
/// Used by one worker at a time (`ChunkCompressor.forEachItem` gives each its own).
final class Deflater: @unchecked Sendable {
    private var stream = z_stream()
    private var level: Int32?
    /// Not cleared when made: shuffling writes every byte of a chunk before deflate reads
    /// it, and deflate writes the output it returns, so pages nothing reaches stay untouched.
    private var shuffled = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    private var output = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// The deflated bytes of a chunk of zeros, by (chunk size, level): made once and reused.
    private var zeroChunks: [Int: [UInt8]] = [:]

    deinit {
        if level != nil { deflateEnd(&stream) }
        shuffled.deallocate()
        output.deallocate()
    }

    /// A buffer of at least `count` bytes, `buffer` itself when it is large enough.
    private static func atLeast(_ count: Int, _ buffer: inout UnsafeMutableRawBufferPointer) -> UnsafeMutableRawBufferPointer {
        if buffer.count < count {
            buffer.deallocate()
            buffer = .allocate(byteCount: count, alignment: 64)
        }
        return buffer
    }

    /// `rows` zero-padded to `chunkBytes`, shuffled (`H5Z__filter_shuffle`: byte j of every
    /// element together, for j in 0..<width), deflated.
    func compress(_ rows: UnsafeRawBufferPointer, chunkBytes: Int, width: Int, level: Int32) -> [UInt8] {
        precondition(rows.count <= chunkBytes)
        // All zeros (the cost columns of a run counted in evaluations, megabytes of them):
        // shuffled they are the same zeros, and deflate makes the same bytes of them every time.
        if Self.isAllZero(rows) {
            let key = chunkBytes << 4 | Int(level & 0xF)
            if let known = zeroChunks[key] { return known }
            // No rows: the chunk is all padding, zeros written into the buffer kept for shuffling.
            let made = shuffleAndDeflate(UnsafeRawBufferPointer(start: nil, count: 0), chunkBytes: chunkBytes, width: 1, level: level)
            zeroChunks[key] = made
            return made
        }
        return shuffleAndDeflate(rows, chunkBytes: chunkBytes, width: width, level: level)
    }

    private func shuffleAndDeflate(_ rows: UnsafeRawBufferPointer, chunkBytes: Int, width: Int, level: Int32) -> [UInt8] {
        let elements = chunkBytes / width
        let t = Self.atLeast(chunkBytes, &shuffled).baseAddress!
        if width == 1 || chunkBytes <= width {
            if rows.count > 0 { t.copyMemory(from: rows.baseAddress!, byteCount: rows.count) }
            (t + rows.count).initializeMemory(as: UInt8.self, repeating: 0, count: chunkBytes - rows.count)
        } else {
            // Each byte to its plane; the padding of an edge chunk is zeros in every plane.
            let present = rows.count / width
            if present > 0 { ByteShuffle.shuffle(rows.baseAddress!, present: present, into: t, elements: elements, width: width) }
            if present < elements {
                for j in 0..<width { (t + j * elements + present).initializeMemory(as: UInt8.self, repeating: 0, count: elements - present) }
            }
            // Bytes past the last whole element stay in place (zeros: the padding).
            let tail = elements * width
            (t + tail).initializeMemory(as: UInt8.self, repeating: 0, count: chunkBytes - tail)
        }
        if self.level != level {
            if self.level != nil { deflateEnd(&stream) }
            stream = z_stream()
            let status = deflateInit2_(&stream, level, Z_DEFLATED, MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            precondition(status == Z_OK, "zlib deflateInit2 failed (\(status))")
            self.level = level
        } else {
            deflateReset(&stream)
        }
        let bound = Int(deflateBound(&stream, uLong(chunkBytes)))
        let target = Self.atLeast(bound, &output)
        stream.next_in = t.assumingMemoryBound(to: Bytef.self)
        stream.avail_in = uInt(chunkBytes)
        stream.next_out = target.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(bound)
        let status = deflate(&stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "zlib deflate failed (\(status)) with a buffer of deflateBound's size")
        return Array(UnsafeRawBufferPointer(rebasing: target[0..<Int(stream.total_out)]))
    }

    /// Whether every byte is 0; stops at the first that is not (the first word, for data).
    static func isAllZero(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        while i + 8 <= bytes.count {
            if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) != 0 { return false }
            i += 8
        }
        return bytes[i...].allSatisfy { $0 == 0 }
    }
}
