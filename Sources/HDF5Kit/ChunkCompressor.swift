import CZlib
import Dispatch

/// The compressed chunks of a file's datasets, made on every core before libhdf5 writes
/// the file, and written by libhdf5 as they are (`H5Dwrite_chunk`).
///
/// ```swift
/// let chunks = ChunkCompressor.compress(root, options: options)   // all cores, no lock
/// // inside HDF5Library's lock, for each dataset in write order:
/// chunks.next()    // nil: not compressed; else its chunks, in order
/// ```
///
/// Why: libhdf5 filters chunks one at a time under the process's one HDF5 lock, and the
/// deflate of a run's runs.h5 was most of assembling it. Each chunk is what libhdf5's own
/// pipeline makes of it (the dataset still declares shuffle and deflate, and any HDF5 reader
/// unfilters it the same way): the chunk's rows, an edge chunk padded with zeros (the fill
/// value), the shuffle filter's byte transposition (`H5Z__filter_shuffle`), then zlib's
/// `compress2` at the deflate level (`H5Z__filter_deflate`).
final class ChunkCompressor: @unchecked Sendable {
    /// One compressed dataset: its chunk extent along the rows, and each chunk's bytes.
    struct Dataset {
        var rowsPerChunk: Int
        var chunks: [[UInt8]]
    }

    private var datasets: [Dataset?]
    private var position = 0

    private init(_ datasets: [Dataset?]) { self.datasets = datasets }

    /// The next dataset's chunks, in `HDF5File`'s write order; nil when it is not compressed.
    func next() -> Dataset? {
        defer { position += 1 }
        return position < datasets.count ? datasets[position] : nil
    }

    /// The chunks of every dataset of `root` that `options` compresses, in write order.
    static func compress(_ root: H5Group, options: HDF5File.WriteOptions) -> ChunkCompressor {
        var collected: [H5Dataset] = []
        collect(root, into: &collected)
        let all = collected
        // Work items: (dataset, chunk); each writes only its own slot.
        let plans = all.enumerated().filter { $0.element.data.count > options.compressAbove && !$0.element.isSkipped }.map { d, dataset in
            let perRow = dataset.shape.count == 2 ? max(1, dataset.shape[1]) : 1
            let rows = dataset.shape[0]
            let rowsPerChunk = max(1, min(rows, 65_536 / perRow))
            return (dataset: d, width: HDF5File.elementWidth(of: dataset.data), rowsPerChunk: rowsPerChunk, perRow: perRow,
                    chunks: (rows + rowsPerChunk - 1) / rowsPerChunk)
        }
        let work = plans.enumerated().flatMap { p, plan in (0..<plan.chunks).map { (p, $0) } }
        // Numbers are read where they are; only strings are packed first (NUL-padded).
        let packed = plans.map { plan -> [UInt8]? in
            guard case .strings(let strings) = all[plan.dataset].data else { return nil }
            return HDF5File.packStrings(strings, width: plan.width)
        }
        let level = Int32(options.deflateLevel)
        // One slot per (dataset, chunk), each initialised by exactly one iteration.
        let slots = Slots(count: work.count)
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            let (p, k) = work[i]
            let plan = plans[p]
            let chunkBytes = plan.rowsPerChunk * plan.perRow * plan.width
            let compress = { (raw: UnsafeRawBufferPointer) in
                slots.set(i, compressChunk(raw, index: k, chunkBytes: chunkBytes, width: plan.width, level: level))
            }
            if let bytes = packed[p] { bytes.withUnsafeBytes(compress) } else { HDF5File.withValueBytes(of: all[plan.dataset].data, compress) }
        }
        let compressed = slots.values
        var datasets = [Dataset?](repeating: nil, count: all.count)
        var i = 0
        for plan in plans {
            datasets[plan.dataset] = Dataset(rowsPerChunk: plan.rowsPerChunk, chunks: Array(compressed[i..<(i + plan.chunks)]))
            i += plan.chunks
        }
        return ChunkCompressor(datasets)
    }

    /// One result per work item: each is set by exactly one iteration, and read after
    /// `concurrentPerform` returns, so no lock is needed.
    private final class Slots: @unchecked Sendable {
        private let storage: UnsafeMutableBufferPointer<[UInt8]>
        init(count: Int) {
            storage = .allocate(capacity: count)
            storage.initialize(repeating: [])
        }
        deinit { storage.deinitialize(); storage.deallocate() }
        func set(_ i: Int, _ chunk: [UInt8]) { storage[i] = chunk }
        var values: [[UInt8]] { Array(storage) }
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

    /// Chunk `index` of `raw`: zero-padded to `chunkBytes`, shuffled, deflated.
    static func compressChunk(_ raw: UnsafeRawBufferPointer, index: Int, chunkBytes: Int, width: Int, level: Int32) -> [UInt8] {
        var plain = [UInt8](repeating: 0, count: chunkBytes)
        let start = index * chunkBytes, end = min(raw.count, start + chunkBytes)
        if start < end { plain.withUnsafeMutableBytes { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<end])) } }
        // H5Z__filter_shuffle: byte j of every element together, for j in 0..<width.
        if width > 1 && chunkBytes > width {
            let elements = chunkBytes / width
            var shuffled = [UInt8](repeating: 0, count: chunkBytes)
            plain.withUnsafeBufferPointer { source in
                shuffled.withUnsafeMutableBufferPointer { target in
                    // Element by element (the source read in order), each byte to its plane.
                    let s = source.baseAddress!, t = target.baseAddress!
                    for e in 0..<elements {
                        let element = s + e * width
                        var plane = t + e
                        for j in 0..<width { plane.pointee = element[j]; plane += elements }
                    }
                    // Bytes past the last whole element stay in place.
                    for b in (elements * width)..<chunkBytes { target[b] = source[b] }
                }
            }
            plain = shuffled
        }
        var size = compressBound(uLong(chunkBytes))
        var out = [UInt8](repeating: 0, count: Int(size))
        let status = out.withUnsafeMutableBufferPointer { target in
            plain.withUnsafeBufferPointer { compress2(target.baseAddress, &size, $0.baseAddress, uLong(chunkBytes), level) }
        }
        precondition(status == Z_OK, "zlib compress2 failed (\(status)) with a buffer of compressBound's size")
        // A copy of the exact size: the compressBound-sized buffer would keep its capacity.
        return Array(out[0..<Int(size)])
    }
}
