import CHDF5
import Foundation

/// Reading and writing whole HDF5 files as `H5Group` trees.
public enum HDF5File {
    public struct WriteOptions: Sendable {
        /// Chunk + shuffle + deflate datasets larger than this many elements.
        public var compressAbove: Int = 4096
        public var deflateLevel: UInt32 = 4
        /// A dataset whose first values (`ChunkCompressor.sampleElements`) deflate by less
        /// than this factor is stored contiguous and unfiltered; at most 1: every dataset
        /// above `compressAbove` is deflated.
        public var minimumDeflateRatio: Double = 1
        public init() {}
    }

    /// Writes `root` to `path` atomically: the file is built under a temporary name in the
    /// same folder and renamed over `path` only when complete, so a failure or a kill never
    /// leaves a partial file behind.
    ///
    /// libhdf5 builds the file in memory (the core driver, no backing store), and that
    /// memory is the temporary file itself, mapped (`CoreImage(mapping:)`): the file is
    /// written where it is built, with no copy. libhdf5 never holds a file it could fail to
    /// flush or close (in 1.10 a failed `H5Fclose` leaves the file half-closed, and
    /// `H5_term_library` crashes on it at exit), and a full disk is ours to report.
    public static func write(_ root: H5Group, to path: String, options: WriteOptions = WriteOptions()) throws(HDF5Error) {
        // Chunks are deflated on every core first; libhdf5 then writes them as they are.
        let chunks = ChunkCompressor.compress(root, options: options)
        try AtomicFile.write(to: path, as: { HDF5Error(file: $0.file, message: $0.message) }) { fd, temporary throws(HDF5Error) in
            let core = CoreImage(mapping: fd)
            let size: Int
            do throws(HDF5Error) {
                size = try HDF5Library.withLock { () throws(HDF5Error) in
                    try imageLocked(root, name: temporary, options: options, chunks: chunks, core: core) { (bytes) throws(HDF5Error) in
                        // The file is complete and stamped: libhdf5's writes at the close stay out of it.
                        if let reason = core.detachFile() { throw HDF5Error(file: path, message: reason) }
                        // libhdf5's own copy (another superblock layout) replaces what the file holds.
                        if bytes.baseAddress != UnsafeRawPointer(core.memory), let reason = AtomicFile.writeAll(bytes, to: fd) {
                            throw HDF5Error(file: path, message: "cannot write the file: \(reason)")
                        }
                        return bytes.count
                    }
                }
            } catch {
                // Where the file could not be grown or mapped, libhdf5 says only that memory ran out.
                if let reason = core.failure { throw HDF5Error(file: path, message: "cannot write the file: \(reason)") }
                throw error
            }
            // Closed: the image is in the file, and past it only the driver's unused room.
            guard ftruncate(fd, off_t(size)) == 0 else {
                throw HDF5Error(file: path, message: "cannot write the file: \(String(cString: strerror(errno)))")
            }
        }
    }

    /// The bytes of the file `root` describes, built in memory by libhdf5.
    static func imageLocked(_ root: H5Group, name: String, options: WriteOptions, chunks: ChunkCompressor? = nil) throws(HDF5Error) -> [UInt8] {
        try imageLocked(root, name: name, options: options, chunks: chunks) { Array($0) }
    }

    /// `use` of the bytes of the file `root` describes, stamped, where libhdf5 built them
    /// in memory (valid only during the call).
    static func imageLocked<T>(_ root: H5Group, name: String, options: WriteOptions, chunks: ChunkCompressor? = nil,
                               core: CoreImage = CoreImage(), _ use: (UnsafeRawBufferPointer) throws(HDF5Error) -> T) throws(HDF5Error) -> T {
        // Alive until the file is closed: the driver's callbacks reach it.
        return try withExtendedLifetime(core) { () throws(HDF5Error) -> T in
            var closer = HandleCloser()
            let fcpl = try fileCreationList(name)
            closer.add(fcpl, H5Pclose)
            let fapl = H5Pcreate(chdf5_p_file_access())
            guard fapl >= 0 else { throw failure(name, "cannot create a file-access property list") }
            closer.add(fapl, H5Pclose)
            // The in-memory file grows in steps of this many bytes, and libhdf5 zeroes each new
            // step: sized from the data, a small trial file costs one small step, not 4 MiB
            // zeroed (which was most of a results run's time), and a large one few reallocations.
            // Chunks compressed ahead give the data's size as stored: one step, no more. Without
            // them capped at 8 MiB: compressed datasets make the raw size an overestimate, and
            // a larger file takes a few reallocations instead.
            let increment = chunks.map { max(64 << 10, $0.storedBytes + (64 << 10)) }
                ?? min(8 << 20, max(64 << 10, H5Node.group(root).rawByteCount + (64 << 10)))
            guard H5Pset_fapl_core(fapl, increment, false) >= 0 else { throw failure(name, "cannot select HDF5's in-memory driver") }
            try core.install(on: fapl)
            let file = H5Fcreate(name, chdf5_acc_trunc(), fcpl, fapl)
            guard file >= 0 else { throw failure(name, "cannot create the file") }
            closer.add(file, H5Fclose)
            try writeGroup(root, into: file, path: name, options: options, chunks: chunks)
            guard H5Fflush(file, H5F_SCOPE_GLOBAL) >= 0 else { throw failure(name, "cannot flush the file") }
            let size = H5Fget_file_image(file, nil, 0)
            guard size > 0 else { throw failure(name, "cannot take the file's image") }
            // The driver holds the file at its offsets: the user block, then the image.
            if let bytes = core.file(imageSize: size) {
                FileChecksum.stamp(bytes)
                return try use(UnsafeRawBufferPointer(bytes))
            }
            // Another superblock layout: libhdf5's own copy.
            var copied = -1
            var image = [UInt8](unsafeUninitializedCapacity: FileChecksum.userBlockSize + size) { buffer, initialised in
                let raw = UnsafeMutableRawBufferPointer(buffer)
                raw.baseAddress!.initializeMemory(as: UInt8.self, repeating: 0, count: FileChecksum.userBlockSize)
                copied = H5Fget_file_image(file, raw.baseAddress! + FileChecksum.userBlockSize, size)
                initialised = copied == size ? raw.count : 0
            }
            guard copied == size else { throw failure(name, "cannot take the file's image") }
            FileChecksum.stamp(&image)
            var result: Result<T, HDF5Error>?
            image.withUnsafeBytes { bytes in
                do throws(HDF5Error) { result = .success(try use(bytes)) } catch { result = .failure(error) }
            }
            return try result!.get()
        }
    }

    /// The file-creation properties of every file NASReplay writes; the caller closes it.
    static func fileCreationList(_ name: String) throws(HDF5Error) -> hid_t {
        let fcpl = H5Pcreate(chdf5_p_file_create())
        guard fcpl >= 0 else { throw failure(name, "cannot create a file property list") }
        _ = H5Pset_link_creation_order(fcpl, UInt32(H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED))
        // No creation or modification times in object headers: the same content gives the
        // same bytes, whenever it is written (reproducible tables and results files).
        _ = H5Pset_obj_track_times(fcpl, false)
        // Room for FileChecksum's stamp, which every reader checks before libhdf5 opens the file.
        guard H5Pset_userblock(fcpl, hsize_t(FileChecksum.userBlockSize)) >= 0 else {
            H5Pclose(fcpl)
            throw failure(name, "cannot reserve the user block")
        }
        return fcpl
    }

    private static func writeGroup(_ group: H5Group, into location: hid_t, path: String, options: WriteOptions,
                                   chunks: ChunkCompressor?) throws(HDF5Error) {
        for name in group.attributes.keys.sorted() {
            // Safe: the key comes from the dictionary.
            try writeAttribute(name, group.attributes[name]!, on: location, path: path)
        }
        for (name, node) in group.children {
            switch node {
            case .group(let child):
                var closer = HandleCloser()
                let g = try createGroup(name, in: location, path: path)
                closer.add(g, H5Gclose)
                try writeGroup(child, into: g, path: path, options: options, chunks: chunks)
            case .dataset(let dataset):
                try writeDataset(name, dataset, into: location, path: path, options: options, compressed: chunks?.next())
            }
        }
    }

    /// A new group that tracks its links' creation order and stores no times; the caller closes it.
    static func createGroup(_ name: String, in location: hid_t, path: String) throws(HDF5Error) -> hid_t {
        var closer = HandleCloser()
        let gcpl = H5Pcreate(chdf5_p_group_create())
        closer.add(gcpl, H5Pclose)
        _ = H5Pset_link_creation_order(gcpl, UInt32(H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED))
        _ = H5Pset_obj_track_times(gcpl, false)
        let g = H5Gcreate2(location, name, chdf5_p_default(), gcpl, chdf5_p_default())
        guard g >= 0 else { throw failure(path, "cannot create group '\(name)'") }
        return g
    }

    /// - Parameter compressed: how `ChunkCompressor` stores the dataset (its chunks, already
    ///   filtered, or plain); nil: libhdf5 filters what `options` compresses.
    static func writeDataset(_ name: String, _ dataset: H5Dataset, into location: hid_t, path: String,
                             options: WriteOptions, compressed: ChunkCompressor.Storage? = nil) throws(HDF5Error) {
        let count = dataset.data.count
        guard dataset.shape.reduce(1, *) == count || dataset.isSkipped, (1...2).contains(dataset.shape.count) else {
            throw HDF5Error(file: path, message: "dataset '\(name)' has shape \(dataset.shape) but \(count) values")
        }
        var closer = HandleCloser()
        var dims = dataset.shape.map { hsize_t($0) }
        let space = H5Screate_simple(Int32(dims.count), &dims, nil)
        guard space >= 0 else { throw failure(path, "cannot create a dataspace for '\(name)'") }
        closer.add(space, H5Sclose)
        let dcpl = H5Pcreate(chdf5_p_dataset_create())
        closer.add(dcpl, H5Pclose)
        _ = H5Pset_obj_track_times(dcpl, false)
        // A skipped dataset (a read that left its values out) keeps its extent, and no storage.
        if dataset.isSkipped { _ = H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER) }
        var preDeflated: (rowsPerChunk: Int, chunks: [[UInt8]])?
        if case .deflated(let rowsPerChunk, let chunks)? = compressed { preDeflated = (rowsPerChunk, chunks) }
        let isPlain = if case .plain? = compressed { true } else { false }
        if count > options.compressAbove && !isPlain {
            var chunk = dims
            chunk[0] = chunkRows(dims)
            _ = H5Pset_chunk(dcpl, Int32(chunk.count), &chunk)
            _ = H5Pset_shuffle(dcpl)
            _ = H5Pset_deflate(dcpl, options.deflateLevel)
        }
        let (fileType, memoryType, ownsTypes) = try types(for: dataset.data, path: path, name: name)
        if ownsTypes { closer.add(fileType, H5Tclose); closer.add(memoryType, H5Tclose) }
        let ds = H5Dcreate2(location, name, fileType, space, chdf5_p_default(), dcpl, chdf5_p_default())
        guard ds >= 0 else { throw failure(path, "cannot create dataset '\(name)'") }
        closer.add(ds, H5Dclose)
        if let compressed = preDeflated, count > options.compressAbove {
            precondition(compressed.rowsPerChunk == Int(chunkRows(dims)), "ChunkCompressor and writeDataset disagree on the chunk extent")
            for (k, chunk) in compressed.chunks.enumerated() {
                var offset: [hsize_t] = dims.count == 2 ? [hsize_t(k * compressed.rowsPerChunk), 0] : [hsize_t(k * compressed.rowsPerChunk)]
                let status = chunk.withUnsafeBytes { H5Dwrite_chunk(ds, chdf5_p_default(), 0, &offset, $0.count, $0.baseAddress) }
                guard status >= 0 else { throw failure(path, "cannot write chunk \(k) of dataset '\(name)'") }
            }
        } else if count > 0 {
            let status = withBytes(of: dataset.data, width: H5Tget_size(fileType)) {
                H5Dwrite(ds, memoryType, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), $0)
            }
            guard status >= 0 else { throw failure(path, "cannot write dataset '\(name)'") }
        }
        for key in dataset.attributes.keys.sorted() {
            try writeAttribute(key, dataset.attributes[key]!, on: ds, path: path)
        }
        // The reading process's image tells the parent where a skipped dataset's values are.
        if let stored = dataset.stored {
            try writeAttribute(StoredValues.offsetAttribute, .int(Int64(stored.offset)), on: ds, path: path)
        }
    }

    /// Rows per chunk of a chunked dataset: about 64 Ki values.
    static func chunkRows(_ dims: [hsize_t]) -> hsize_t {
        let perRow = dims.count == 2 ? max(1, Int(dims[1])) : 1
        return hsize_t(max(1, min(Int(dims[0]), 65_536 / perRow)))
    }

    /// (file type, memory type, whether the caller must close them).
    static func types(for data: H5Data, path: String, name: String) throws(HDF5Error) -> (hid_t, hid_t, Bool) {
        switch data {
        case .int8: return (chdf5_std_i8le(), chdf5_native_int8(), false)
        case .uint8: return (chdf5_std_u8le(), chdf5_native_uint8(), false)
        case .int32: return (chdf5_std_i32le(), chdf5_native_int32(), false)
        case .int64: return (chdf5_std_i64le(), chdf5_native_int64(), false)
        case .uint64: return (chdf5_std_u64le(), chdf5_native_uint64(), false)
        case .float32: return (chdf5_ieee_f32le(), chdf5_native_float(), false)
        case .float64: return (chdf5_ieee_f64le(), chdf5_native_double(), false)
        case .strings:
            let t = stringType(width: elementWidth(of: data))
            return (t, H5Tcopy(t), true)
        }
    }

    static func stringType(width: Int) -> hid_t {
        let t = H5Tcopy(chdf5_c_s1())
        _ = H5Tset_size(t, width)
        _ = H5Tset_strpad(t, H5T_STR_NULLPAD)
        _ = H5Tset_cset(t, H5T_CSET_UTF8)
        return t
    }

    private static func withBytes<R>(of data: H5Data, width: Int, _ body: (UnsafeRawPointer?) -> R) -> R {
        switch data {
        case .int8(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .uint8(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .int32(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .int64(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .uint64(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .float32(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .float64(let a): a.withUnsafeBytes { body($0.baseAddress) }
        case .strings(let strings):
            packStrings(strings, width: width).withUnsafeBytes { body($0.baseAddress) }
        }
    }

    /// Bytes per element as stored: a string dataset's fixed width is its longest string.
    static func elementWidth(of data: H5Data) -> Int {
        switch data {
        case .int8, .uint8: 1
        case .int32, .float32: 4
        case .int64, .uint64, .float64: 8
        case .strings(let strings): max(1, strings.map { $0.utf8.count }.max() ?? 1)
        }
    }

    /// The bytes of numeric values as stored (little-endian); strings give none.
    static func withValueBytes(of data: H5Data, _ body: (UnsafeRawBufferPointer) -> Void) {
        switch data {
        case .int8(let a): a.withUnsafeBytes(body)
        case .uint8(let a): a.withUnsafeBytes(body)
        case .int32(let a): a.withUnsafeBytes(body)
        case .int64(let a): a.withUnsafeBytes(body)
        case .uint64(let a): a.withUnsafeBytes(body)
        case .float32(let a): a.withUnsafeBytes(body)
        case .float64(let a): a.withUnsafeBytes(body)
        case .strings: body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
    }

    static func packStrings(_ strings: [String], width: Int) -> [UInt8] {
        var arena = [UInt8](repeating: 0, count: strings.count * width)
        for (i, s) in strings.enumerated() {
            for (j, b) in s.utf8.enumerated() where j < width { arena[i * width + j] = b }
        }
        return arena
    }

    static func writeAttribute(_ name: String, _ value: H5Attribute, on object: hid_t, path: String) throws(HDF5Error) {
        var closer = HandleCloser()
        let space: hid_t
        var count: hsize_t = 1
        switch value {
        case .ints(let a): count = hsize_t(a.count); space = H5Screate_simple(1, &count, nil)
        case .doubles(let a): count = hsize_t(a.count); space = H5Screate_simple(1, &count, nil)
        default: space = H5Screate(H5S_SCALAR)
        }
        closer.add(space, H5Sclose)
        let fileType: hid_t, memoryType: hid_t
        switch value {
        case .int, .ints: fileType = chdf5_std_i64le(); memoryType = chdf5_native_int64()
        case .double, .doubles: fileType = chdf5_ieee_f64le(); memoryType = chdf5_native_double()
        case .string(let s):
            fileType = stringType(width: max(1, s.utf8.count)); memoryType = fileType
            closer.add(fileType, H5Tclose)
        }
        let attribute = H5Acreate2(object, name, fileType, space, chdf5_p_default(), chdf5_p_default())
        guard attribute >= 0 else { throw failure(path, "cannot create attribute '\(name)'") }
        closer.add(attribute, H5Aclose)
        let status: herr_t
        switch value {
        case .int(let v): status = withUnsafeBytes(of: v) { H5Awrite(attribute, memoryType, $0.baseAddress) }
        case .double(let v): status = withUnsafeBytes(of: v) { H5Awrite(attribute, memoryType, $0.baseAddress) }
        case .ints(let a): status = a.isEmpty ? 0 : a.withUnsafeBytes { H5Awrite(attribute, memoryType, $0.baseAddress) }
        case .doubles(let a): status = a.isEmpty ? 0 : a.withUnsafeBytes { H5Awrite(attribute, memoryType, $0.baseAddress) }
        case .string(let s):
            let bytes = packStrings([s], width: max(1, s.utf8.count))
            status = bytes.withUnsafeBytes { H5Awrite(attribute, memoryType, $0.baseAddress) }
        }
        guard status >= 0 else { throw failure(path, "cannot write attribute '\(name)'") }
    }

    /// Builds an error from the current HDF5 error stack. Call inside the lock.
    static func failure(_ path: String, _ message: String) -> HDF5Error {
        HDF5Error(file: path, message: message, stack: ErrorStack.drain())
    }
}
