import CHDF5
import Foundation

/// Writes an HDF5 file too large to build in memory: small datasets whole, large ones row
/// band by row band, straight to a temporary file that is stamped and renamed into place
/// when complete.
///
/// ```swift
/// let writer = try HDF5StreamWriter(path: "datasets/nats-tss-official.h5")
/// try writer.setAttributes(["name": .string("nats-tss-official")], at: "/")
/// try writer.write("archs/index", H5Dataset(.int32(indices)))
/// let curve = try writer.beginDataset("metrics/cifar10/acc", type: .float64, shape: [15_625, 200])
/// try writer.append(bandOfRows, to: curve)          // rows in order, any band size
/// try writer.finish()                                // checksum stamp, then rename
/// ```
///
/// `HDF5File.write` builds a file in memory, which is what small files want; a NATS-Bench
/// import of every cell is gigabytes of curves. Here memory is what the caller holds: a
/// band at a time. Objects appear in the order they are created (groups track creation
/// order, as `HDF5File.write`'s do), so a reader sees the same tree either writer makes
/// from the same calls. Streamed datasets are contiguous and uncompressed: most of such a
/// file is float64 curves that deflate barely shrinks, and a band is then one `write`.
///
/// A failure, or `abandon()`, removes the temporary file; a kill leaves it, under a
/// temporary name the target never has, and the target keeps its old content; the next
/// writer of the same target removes it.
public final class HDF5StreamWriter {
    /// The element types of a streamed dataset.
    public enum StreamType: Sendable {
        case float32, float64
        var width: Int { self == .float32 ? 4 : 8 }
    }

    /// A dataset being streamed: its rows are appended in order.
    public struct Dataset: Sendable {
        fileprivate let id: Int
        public let location: String
        public let shape: [Int]
        public let type: StreamType
        /// Values per row.
        public var width: Int { shape.count == 2 ? shape[1] : 1 }
    }

    public let path: String
    let temporary: String
    private var file: hid_t = -1
    private var groups: [String: hid_t] = [:]
    private var datasets: [(handle: hid_t, rowsWritten: Int)] = []
    private var finished = false

    /// Creates the temporary file beside `path`, first removing any temporary of `path`
    /// whose writer is provably gone (a killed import's: gigabytes, for a full NATS-Bench one).
    public init(path: String) throws(HDF5Error) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent, base = (path as NSString).lastPathComponent
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? [] {
            if let writer = TemporaryName.writer(of: name, base: base), TemporaryName.isGone(writer) {
                unlink(folder.isEmpty ? name : folder + "/" + name)
            }
        }
        temporary = TemporaryName.next(for: path)
        let temporary = self.temporary
        file = try HDF5Library.withLock { () throws(HDF5Error) -> hid_t in
            var closer = HandleCloser()
            let fcpl = try HDF5File.fileCreationList(temporary)
            closer.add(fcpl, H5Pclose)
            let fapl = try FileAccess.withoutLocking(temporary)
            closer.add(fapl, H5Pclose)
            let file = H5Fcreate(temporary, chdf5_acc_trunc(), fcpl, fapl)
            guard file >= 0 else { throw HDF5File.failure(path, "cannot create the file") }
            return file
        }
        groups["/"] = file
    }

    deinit { if !finished { abandon() } }

    /// Writes attributes on the root (`"/"`) or on a group created before.
    public func setAttributes(_ attributes: [String: H5Attribute], at group: String) throws(HDF5Error) {
        let location = try self.group(group)
        let path = self.path
        try HDF5Library.withLock { () throws(HDF5Error) in
            for name in attributes.keys.sorted() {
                // Safe: the key comes from the dictionary.
                try HDF5File.writeAttribute(name, attributes[name]!, on: location, path: path)
            }
        }
    }

    /// Writes a whole dataset at `location` (`archs/index`), creating the groups above it.
    public func write(_ location: String, _ dataset: H5Dataset, options: HDF5File.WriteOptions = HDF5File.WriteOptions()) throws(HDF5Error) {
        let (parent, name) = try parentAndName(location)
        let path = self.path
        try HDF5Library.withLock { () throws(HDF5Error) in
            try HDF5File.writeDataset(name, dataset, into: parent, path: path, options: options)
        }
    }

    /// Creates a dataset of `shape` ([rows] or [rows, width]) whose rows `append` writes.
    public func beginDataset(_ location: String, type: StreamType, shape: [Int],
                             attributes: [String: H5Attribute] = [:]) throws(HDF5Error) -> Dataset {
        guard (1...2).contains(shape.count), shape.allSatisfy({ $0 >= 1 }) else {
            throw HDF5Error(file: path, message: "dataset '\(location)' has shape \(shape); a streamed dataset is [rows] or [rows, width]")
        }
        let (parent, name) = try parentAndName(location)
        let path = self.path
        let handle = try HDF5Library.withLock { () throws(HDF5Error) -> hid_t in
            var closer = HandleCloser()
            var dims = shape.map { hsize_t($0) }
            let space = H5Screate_simple(Int32(dims.count), &dims, nil)
            guard space >= 0 else { throw HDF5File.failure(path, "cannot create a dataspace for '\(location)'") }
            closer.add(space, H5Sclose)
            let dcpl = H5Pcreate(chdf5_p_dataset_create())
            guard dcpl >= 0 else { throw HDF5File.failure(path, "cannot create the properties of '\(location)'") }
            closer.add(dcpl, H5Pclose)
            _ = H5Pset_obj_track_times(dcpl, false)
            // Every value is written, so nothing needs a fill value first.
            _ = H5Pset_fill_time(dcpl, H5D_FILL_TIME_NEVER)
            let fileType = type == .float32 ? chdf5_ieee_f32le() : chdf5_ieee_f64le()
            let ds = H5Dcreate2(parent, name, fileType, space, chdf5_p_default(), dcpl, chdf5_p_default())
            guard ds >= 0 else { throw HDF5File.failure(path, "cannot create dataset '\(location)'") }
            for key in attributes.keys.sorted() {
                do throws(HDF5Error) { try HDF5File.writeAttribute(key, attributes[key]!, on: ds, path: path) } catch {
                    H5Dclose(ds)
                    throw error
                }
            }
            return ds
        }
        datasets.append((handle, 0))
        return Dataset(id: datasets.count - 1, location: location, shape: shape, type: type)
    }

    /// Writes the next rows of `dataset`: `values` holds whole rows of its type, in order.
    public func append(_ values: UnsafeRawBufferPointer, to dataset: Dataset) throws(HDF5Error) {
        let rowBytes = dataset.width * dataset.type.width
        let (rows, remainder) = values.count.quotientAndRemainder(dividingBy: rowBytes)
        let first = datasets[dataset.id].rowsWritten
        guard remainder == 0, rows > 0, first + rows <= dataset.shape[0], datasets[dataset.id].handle >= 0 else {
            throw HDF5Error(file: path, message: "dataset '\(dataset.location)': \(values.count) bytes after \(first) of \(dataset.shape[0]) rows of \(rowBytes) bytes do not fit; this is a bug in the writer")
        }
        let handle = datasets[dataset.id].handle, path = self.path
        try HDF5Library.withLock { () throws(HDF5Error) in
            var closer = HandleCloser()
            let fileSpace = H5Dget_space(handle)
            guard fileSpace >= 0 else { throw HDF5File.failure(path, "cannot select rows of '\(dataset.location)'") }
            closer.add(fileSpace, H5Sclose)
            var start: [hsize_t] = dataset.shape.count == 2 ? [hsize_t(first), 0] : [hsize_t(first)]
            var count: [hsize_t] = dataset.shape.count == 2 ? [hsize_t(rows), hsize_t(dataset.width)] : [hsize_t(rows)]
            guard H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &count, nil) >= 0 else {
                throw HDF5File.failure(path, "cannot select rows of '\(dataset.location)'")
            }
            let memorySpace = H5Screate_simple(Int32(count.count), &count, nil)
            guard memorySpace >= 0 else { throw HDF5File.failure(path, "cannot describe a band of '\(dataset.location)'") }
            closer.add(memorySpace, H5Sclose)
            let memoryType = dataset.type == .float32 ? chdf5_native_float() : chdf5_native_double()
            guard H5Dwrite(handle, memoryType, memorySpace, fileSpace, chdf5_p_default(), values.baseAddress) >= 0 else {
                throw HDF5File.failure(path, "cannot write rows \(first)…\(first + rows - 1) of '\(dataset.location)' (disk full?)")
            }
        }
        datasets[dataset.id].rowsWritten = first + rows
        if first + rows == dataset.shape[0] {
            _ = HDF5Library.withLock { H5Dclose(handle) }
            datasets[dataset.id].handle = -1
        }
    }

    /// Closes the file, stamps its checksum (`FileChecksum`) and renames it into place.
    /// Every streamed dataset must be complete.
    public func finish() throws(HDF5Error) {
        if let open = datasets.firstIndex(where: { $0.handle >= 0 }) {
            throw HDF5Error(file: path, message: "dataset \(open) has \(datasets[open].rowsWritten) rows written of its extent; this is a bug in the writer")
        }
        let path = self.path, file = self.file
        let groupHandles = groups.filter { $0.key != "/" }.map(\.value)
        let closed = HDF5Library.withLock { () -> Bool in
            for g in groupHandles { H5Gclose(g) }
            let flushed = H5Fflush(file, H5F_SCOPE_GLOBAL) >= 0
            return H5Fclose(file) >= 0 && flushed
        }
        groups = [:]
        self.file = -1
        finished = true
        do throws(HDF5Error) {
            guard closed else { throw HDF5File.failure(path, "cannot close the file (disk full?)") }
            try FileChecksum.stamp(fileAt: temporary, reporting: path)
            guard rename(temporary, path) == 0 else {
                throw HDF5Error(file: path, message: "cannot move the finished file into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Closes everything and removes the temporary file; the target is untouched.
    public func abandon() {
        guard !finished else { return }
        finished = true
        let handles = datasets.map(\.handle).filter { $0 >= 0 }, groupHandles = groups.filter { $0.key != "/" }.map(\.value)
        let file = self.file
        HDF5Library.withLock {
            for d in handles { H5Dclose(d) }
            for g in groupHandles { H5Gclose(g) }
            if file >= 0 { H5Fclose(file) }
            _ = ErrorStack.drain()
        }
        unlink(temporary)
    }

    /// The open group at `location` ("/" or "a/b"), created with its parents if new.
    private func group(_ location: String) throws(HDF5Error) -> hid_t {
        let parts = location.split(separator: "/").map(String.init)
        var current = "/", handle = file
        for part in parts {
            let next = current == "/" ? part : current + "/" + part
            if let open = groups[next] { handle = open } else {
                let parent = handle, path = self.path
                handle = try HDF5Library.withLock { () throws(HDF5Error) -> hid_t in
                    try HDF5File.createGroup(part, in: parent, path: path)
                }
                groups[next] = handle
            }
            current = next
        }
        return handle
    }

    private func parentAndName(_ location: String) throws(HDF5Error) -> (hid_t, String) {
        var parts = location.split(separator: "/").map(String.init)
        guard let name = parts.popLast() else { throw HDF5Error(file: path, message: "an empty dataset location") }
        return (try group(parts.joined(separator: "/")), name)
    }
}
