import CHDF5
import Foundation

extension HDF5File {
    /// Reads a whole file into memory and closes it.
    ///
    /// ```swift
    /// let root = try HDF5File.read("datasets/nats-tss.h5")
    /// let rowsFirst = try HDF5File.read(path, shapeCheck: { location, shape, root in
    ///     shape.first == 15_625 ? nil : "\(location) must have 15,625 rows"
    /// })
    /// ```
    ///
    /// A missing file, a file that is not HDF5, a truncated or damaged one, and one that
    /// breaks `limits` each give an `HDF5Error` that names the file; nothing is left open.
    /// A file NASReplay wrote carries a checksum in its user block (`FileChecksum`), checked
    /// before libhdf5 reads the file, so damage to it never reaches libhdf5's parser.
    /// Every size the file declares is checked against `limits` before anything is
    /// allocated, and `shapeCheck` (given the dataset's path, its extent and the root's
    /// attributes) may refuse a dataset before it is read.
    ///
    /// Only what is inside the file is read: a soft, external or user-defined link, a
    /// dataset stored in external raw files or a virtual dataset, and an object reachable
    /// by more than one hard link are each an error, and libhdf5 is told to refuse every
    /// external-link traversal as well.
    ///
    /// - Complexity: O(objects + bytes read).
    ///
    /// - Parameter requireChecksum: refuse a file without NASReplay's checksum instead of
    ///   letting libhdf5 parse it unchecked (tables: libhdf5 1.10 can crash on damaged
    ///   metadata, and a damaged file's stamp may be what is damaged; found by fuzzing).
    ///
    /// - Parameter skip: datasets whose values are not read (those it returns true for, given
    ///   the dataset's path, extent and the root's attributes): a skipped float dataset
    ///   keeps its extent and attributes, with no values (`H5Dataset.isSkipped`). For a table
    ///   too large to load whole; such a read is never cached.
    public static func read(_ path: String, limits: ReadLimits = .standard, requireChecksum: Bool = false,
                            shapeCheck: ShapeCheck? = nil, skip: ShapeTest? = nil) throws(HDF5Error) -> H5Group {
        guard FileManager.default.fileExists(atPath: path) else {
            throw HDF5Error(file: path, message: "file not found")
        }
        // A damaged file NASReplay wrote never reaches libhdf5 (see FileChecksum).
        try FileChecksum.verify(path, required: requireChecksum)
        if requireChecksum, parsesInChildProcess.load(ordering: .relaxed) {
            if let skip { return try readInChildProcess(path, limits: limits, shapeCheck: shapeCheck, skip: skip) }
            // What a verified file parses to is kept by its digest (TreeCache).
            let stamp = FileChecksum.stamp(of: path)
            if let stamp, let tree = TreeCache.load(for: path, digest: stamp.digest, size: stamp.size, limits: limits, shapeCheck: shapeCheck) {
                return tree
            }
            let tree = try readInChildProcess(path, limits: limits, shapeCheck: shapeCheck, skip: nil)
            if let stamp { TreeCache.store(tree, for: path, digest: stamp.digest, size: stamp.size, limits: limits) }
            return tree
        }
        return try HDF5Library.withLock { () throws(HDF5Error) -> H5Group in
            try readLocked(path, image: nil, limits: limits, shapeCheck: shapeCheck, skip: skip)
        }
    }

    /// The body of `read`, inside `HDF5Library.withLock`: the file at `path`, or the
    /// in-memory `image` of a file (errors still name `path`).
    static func readLocked(_ path: String, image: [UInt8]?, limits: ReadLimits, shapeCheck: ShapeCheck?,
                           skip: ShapeTest? = nil) throws(HDF5Error) -> H5Group {
        var closer = HandleCloser()
        let fapl: hid_t
        if let image {
            fapl = H5Pcreate(chdf5_p_file_access())
            guard fapl >= 0 else { throw failure(path, "cannot create a file-access property list") }
            closer.add(fapl, H5Pclose)
            let opened = image.withUnsafeBytes { bytes in
                H5Pset_fapl_core(fapl, 1 << 20, false) >= 0 && H5Pset_file_image(fapl, UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) >= 0
            }
            guard opened else { throw failure(path, "cannot open the file's image") }
        } else {
            guard H5Fis_hdf5(path) > 0 else {
                _ = ErrorStack.drain()
                throw HDF5Error(file: path, message: "not an HDF5 file, or truncated; rebuild it")
            }
            fapl = try FileAccess.withoutLocking(path)
            closer.add(fapl, H5Pclose)
        }
        // An image is opened under a name no file has: the core driver must not look at disk.
        let file = H5Fopen(image == nil ? path : "nasreplay-image-\(getpid())", chdf5_acc_rdonly(), fapl)
        guard file >= 0 else { throw failure(path, "cannot open (truncated or damaged file?); rebuild it") }
        closer.add(file, H5Fclose)
        var reader = try Reader(path: path, limits: limits, shapeCheck: shapeCheck, skip: skip, fromImage: image != nil)
        defer { reader.close() }
        return try reader.readGroup(file, where: "/", depth: 0)
    }

    /// The XXH64 digest a file NASReplay wrote carries in its user block (16 hex digits),
    /// or nil for a file without one; `read` checks it before parsing the file.
    public static func checksumStamp(_ path: String) -> String? { FileChecksum.stamp(of: path)?.digest }

    /// `image` with the checksum in its user block recomputed, when it has one; otherwise
    /// unchanged. For the fuzz target `table-resealed`: what a hostile writer who knows the
    /// format would produce, so that mutated metadata gets past the checksum to libhdf5.
    public static func restampedImage(_ image: [UInt8]) -> [UInt8] {
        guard image.count >= FileChecksum.userBlockSize, image.starts(with: Array(FileChecksum.magic.utf8)) else { return image }
        var restamped = image
        for i in 0..<FileChecksum.userBlockSize { restamped[i] = 0 }
        FileChecksum.stamp(&restamped)
        return restamped
    }

    /// Refuses a dataset before it is read: return a message (the file's name is added in
    /// front), or nil to read it. Arguments: the dataset's path (`/metrics/cifar10/acc`),
    /// its extent, and the root group's attributes (read first).
    public typealias ShapeCheck = (_ location: String, _ shape: [Int], _ rootAttributes: [String: H5Attribute]) -> String?

    /// A yes/no question about a dataset before it is read, given what `ShapeCheck` is given.
    public typealias ShapeTest = (_ location: String, _ shape: [Int], _ rootAttributes: [String: H5Attribute]) -> Bool

    /// The most a file may make the reader walk or allocate (datasets/FORMAT.md, "Limits").
    /// Each limit is checked before the allocation it guards, and an error names it.
    public struct ReadLimits: Sendable {
        /// Groups below the root (`/metrics/cifar10/acc` is at depth 2).
        public var maxDepth = 32
        /// Groups and datasets in the whole file.
        public var maxObjects = 100_000
        /// Attributes on one group or dataset.
        public var maxAttributesPerObject = 1_000
        /// Values in one attribute.
        public var maxAttributeElements = 1 << 20
        /// Bytes in one fixed-width string value.
        public var maxStringBytes = 1 << 20
        /// Elements in one dataset (2^28, a gigabyte of float32).
        public var maxDatasetElements = 1 << 28
        /// Bytes in one dataset as read into memory.
        public var maxDatasetBytes = 1 << 30
        /// Bytes of every dataset and attribute of the file together.
        public var maxTotalBytes = 1 << 32

        public init() {}
        public static let standard = ReadLimits()
    }

    /// One read: the file, the limits, what has been read so far, and the access property
    /// lists that refuse external links. Lives inside one `HDF5Library.withLock` call.
    private struct Reader: ~Copyable {
        let path: String
        let limits: ReadLimits
        let shapeCheck: ShapeCheck?
        let skip: ShapeTest?
        /// Reading the image the reading process sent, not a file.
        let fromImage: Bool
        /// The file's checksum stamp, taken once, for the skipped datasets' `StoredValues`.
        let stamp: String?
        var rootAttributes: [String: H5Attribute] = [:]
        var objects = 0
        var bytes = 0
        let groupAccess: hid_t
        let datasetAccess: hid_t
        let linkAccess: hid_t

        init(path: String, limits: ReadLimits, shapeCheck: ShapeCheck?, skip: ShapeTest?, fromImage: Bool) throws(HDF5Error) {
            self.path = path; self.limits = limits; self.shapeCheck = shapeCheck; self.skip = skip; self.fromImage = fromImage
            stamp = skip == nil ? nil : FileChecksum.stamp(of: path)?.digest
            func refusingExternalLinks(_ kind: hid_t) -> hid_t {
                let plist = H5Pcreate(kind)
                if plist >= 0, chdf5_set_refuse_external_links(plist) < 0 { H5Pclose(plist); return -1 }
                return plist
            }
            groupAccess = refusingExternalLinks(chdf5_p_group_access())
            datasetAccess = refusingExternalLinks(chdf5_p_dataset_access())
            linkAccess = refusingExternalLinks(chdf5_p_link_access())
            guard groupAccess >= 0, datasetAccess >= 0, linkAccess >= 0 else {
                close()
                throw failure(path, "cannot create the property lists that refuse external links")
            }
        }

        func close() {
            for plist in [groupAccess, datasetAccess, linkAccess] where plist >= 0 { H5Pclose(plist) }
        }

        func fail(_ message: String) -> HDF5Error { HDF5Error(file: path, message: message, stack: ErrorStack.drain()) }

        mutating func readGroup(_ group: hid_t, where location: String, depth: Int) throws(HDF5Error) -> H5Group {
            var result = H5Group()
            result.attributes = try readAttributes(group, where: location)
            if depth == 0 { rootAttributes = result.attributes }
            var info = H5G_info_t()
            guard H5Gget_info(group, &info) >= 0 else { throw failure(path, "cannot list group '\(location)'") }
            guard info.nlinks <= hsize_t(limits.maxObjects - objects) else {
                throw fail("holds more than \(limits.maxObjects) groups and datasets (at '\(location)'), the most NASReplay reads; not a NASReplay file, or damaged")
            }
            // Files we wrote track creation order; a foreign file may not, and then its links
            // are taken by name.
            let links = try listLinks(group, byCreationOrder: info.max_corder > 0, where: location)
            for (name, kind) in links {
                let childPath = location == "/" ? "/" + name : location + "/" + name
                guard kind == 0 else {
                    let what = kind == 1 ? "a soft link" : kind == 2 ? "an external link to another file" : "a user-defined link"
                    throw fail("'\(childPath)' is \(what); a NASReplay file holds its own data and no links, so it is not read (rebuild or re-import the file)")
                }
                objects += 1
                guard objects <= limits.maxObjects else {
                    throw fail("holds more than \(limits.maxObjects) groups and datasets, the most NASReplay reads; not a NASReplay file, or damaged")
                }
                var hardLinks: UInt32 = 0
                switch chdf5_object_kind_and_links(group, name, linkAccess, &hardLinks) {
                case _ where hardLinks > 1:
                    throw fail("'\(childPath)' is linked from \(hardLinks) places; a NASReplay file links each object once (a cycle or a shared object: not a NASReplay file)")
                case 1:
                    guard depth < limits.maxDepth else {
                        throw fail("groups are nested deeper than \(limits.maxDepth) levels at '\(childPath)', the most NASReplay reads; not a NASReplay file, or damaged")
                    }
                    var closer = HandleCloser()
                    let g = H5Gopen2(group, name, groupAccess)
                    guard g >= 0 else { throw failure(path, "cannot open group '\(childPath)'") }
                    closer.add(g, H5Gclose)
                    result.appendNew(name, .group(try readGroup(g, where: childPath, depth: depth + 1)))
                case 0:
                    result.appendNew(name, .dataset(try readDataset(group, name: name, where: childPath)))
                default:
                    throw failure(path, "cannot read object '\(childPath)' (damaged file?)")
                }
            }
            return result
        }

        /// Every link of a group with its kind (0 hard, 1 soft, 2 external, 3 other), in
        /// creation order when every link has one, else by name (bytewise, as HDF5's name
        /// index), from one walk of the group's index in its native order; no link is followed.
        func listLinks(_ group: hid_t, byCreationOrder: Bool, where location: String) throws(HDF5Error) -> [(name: String, kind: Int32)] {
            final class Found { var links: [(name: String, kind: Int32, order: Int64?)] = [] }
            let found = Found()
            let status = withExtendedLifetime(found) {
                chdf5_iterate_links(group, byCreationOrder ? 1 : 0, { name, kind, ordered, order, context in
                    guard let name, let context else { return -1 }
                    let box = Unmanaged<Found>.fromOpaque(context).takeUnretainedValue()
                    box.links.append((String(cString: name), kind, ordered != 0 ? Int64(order) : nil))
                    return 0
                }, Unmanaged.passUnretained(found).toOpaque())
            }
            guard status >= 0 else { throw failure(path, "cannot list group '\(location)' (truncated or damaged file?); rebuild it") }
            var links = found.links
            if links.allSatisfy({ $0.order != nil }) {
                links.sort { $0.order! < $1.order! }   // Safe: every order was just checked.
            } else {
                links.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            }
            return links.map { ($0.name, $0.kind) }
        }

        mutating func readDataset(_ parent: hid_t, name: String, where location: String) throws(HDF5Error) -> H5Dataset {
            var closer = HandleCloser()
            let ds = H5Dopen2(parent, name, datasetAccess)
            guard ds >= 0 else { throw failure(path, "cannot open dataset '\(location)'") }
            closer.add(ds, H5Dclose)
            let dcpl = H5Dget_create_plist(ds)
            guard dcpl >= 0 else { throw failure(path, "cannot read the storage of dataset '\(location)'") }
            closer.add(dcpl, H5Pclose)
            if H5Pget_layout(dcpl) == H5D_VIRTUAL {
                throw fail("dataset '\(location)' is a virtual dataset, drawing on other files; a NASReplay file holds its own data, so it is not read")
            }
            if H5Pget_external_count(dcpl) != 0 {
                throw fail("dataset '\(location)' keeps its values in external files; a NASReplay file holds its own data, so it is not read")
            }
            let space = H5Dget_space(ds)
            guard space >= 0 else { throw failure(path, "cannot read the extent of dataset '\(location)'") }
            closer.add(space, H5Sclose)
            let rank = H5Sget_simple_extent_ndims(space)
            guard rank >= 0, rank <= 2 else { throw failure(path, "dataset '\(location)' has unsupported rank \(rank)") }
            let shape: [Int]
            if rank == 0 {
                shape = H5Sget_simple_extent_type(space) == H5S_NULL ? [0] : [1]
            } else {
                var dims = [hsize_t](repeating: 0, count: Int(rank))
                guard H5Sget_simple_extent_dims(space, &dims, nil) == rank else { throw failure(path, "cannot read the extent of dataset '\(location)'") }
                shape = dims.map { Int(exactly: $0) ?? Int.max }
            }
            let type = H5Dget_type(ds)
            guard type >= 0 else { throw failure(path, "cannot read the type of dataset '\(location)'") }
            closer.add(type, H5Tclose)
            // The caller's check first: it knows what the extent should be.
            if let shapeCheck, let message = shapeCheck(location, shape, rootAttributes) {
                throw HDF5Error(file: path, message: message)
            }
            // Skipped only within the limits a read would apply: its extent is then trusted
            // (by `StoredValues`) without overflowing.
            if let skip, H5Tget_class(type) == H5T_FLOAT, skip(location, shape, rootAttributes),
               let elements = Self.elementCount(shape), elements <= limits.maxDatasetElements {
                var dataset = H5Dataset(H5Tget_size(type) == 4 ? .float32([]) : .float64([]), shape: shape)
                dataset.attributes = try readAttributes(ds, where: location)
                // In the reading process's image the offset is the original file's, carried
                // by an attribute; in the file itself it is the dataset's own storage.
                let carried = dataset.attributes.removeValue(forKey: StoredValues.offsetAttribute)
                let offset = fromImage ? carried?.intValue.flatMap { Int(exactly: $0) } : contiguousOffset(ds, dcpl: dcpl, type: type)
                if let offset, let stamp {
                    dataset.stored = StoredValues(file: path, stamp: stamp, offset: offset, count: elements,
                                                  bytesPerValue: H5Tget_size(type) == 4 ? 4 : 8)
                }
                return dataset
            }
            let count = try admit(shape: shape, type: type, what: "dataset '\(location)'", maxElements: limits.maxDatasetElements)
            let data = try readData(count: count, type: type, what: "dataset '\(location)'") { memoryType, buffer in
                H5Dread(ds, memoryType, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer)
            }
            var dataset = H5Dataset(data, shape: shape)
            dataset.attributes = try readAttributes(ds, where: location)
            return dataset
        }

        /// The product of an extent, or nil when it overflows.
        static func elementCount(_ shape: [Int]) -> Int? {
            var count = 1
            for extent in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: extent)
                if overflow { return nil }
                count = product
            }
            return count
        }

        /// The file offset of a dataset's values when they lie there as plain little-endian
        /// floats: contiguous, allocated, no filters. libhdf5 counts it from the file's
        /// first byte, user block included.
        func contiguousOffset(_ ds: hid_t, dcpl: hid_t, type: hid_t) -> Int? {
            guard H5Pget_layout(dcpl) == H5D_CONTIGUOUS, H5Pget_nfilters(dcpl) == 0,
                  H5Tequal(type, chdf5_ieee_f64le()) > 0 || H5Tequal(type, chdf5_ieee_f32le()) > 0 else { return nil }
            let address = H5Dget_offset(ds)
            guard address != .max, let offset = Int(exactly: address) else { return nil }
            return offset
        }

        /// The element count of an extent, once it is within the limits; counts its bytes
        /// against the file's total.
        mutating func admit(shape: [Int], type: hid_t, what: String, maxElements: Int) throws(HDF5Error) -> Int {
            var count = 1
            for extent in shape {
                let (product, overflow) = count.multipliedReportingOverflow(by: extent)
                guard !overflow, product <= maxElements else {
                    throw fail("\(what) is declared with extent [\(shape.map { $0 == Int.max ? "≥2^63" : String($0) }.joined(separator: ", "))], above the limit of \(maxElements) values; not a NASReplay file, or damaged")
                }
                count = product
            }
            let width = H5Tget_size(type)
            guard width > 0 else { throw failure(path, "cannot read the type of \(what)") }
            if H5Tget_class(type) == H5T_STRING, H5Tis_variable_str(type) <= 0, width > limits.maxStringBytes {
                throw fail("\(what) holds strings of \(width) bytes, above the limit of \(limits.maxStringBytes); not a NASReplay file, or damaged")
            }
            // In memory: the element's own width; a string takes at least a String's 16 bytes.
            let perElement = H5Tget_class(type) == H5T_STRING ? max(width, 16) : width
            let (bytes, overflow) = count.multipliedReportingOverflow(by: perElement)
            guard !overflow, bytes <= limits.maxDatasetBytes else {
                throw fail("\(what) needs more than \(limits.maxDatasetBytes) bytes in memory, the limit; not a NASReplay file, or damaged")
            }
            self.bytes += bytes
            guard self.bytes <= limits.maxTotalBytes else {
                throw fail("needs more than \(limits.maxTotalBytes) bytes in memory in all (at \(what)), the limit; not a NASReplay file, or damaged")
            }
            return count
        }

        /// Maps an HDF5 type to one of ours and reads `count` elements through `read`.
        func readData(count: Int, type: hid_t, what: String,
                      read: (hid_t, UnsafeMutableRawPointer?) -> herr_t) throws(HDF5Error) -> H5Data {
            let path = self.path
            func column<T: BitwiseCopyable>(_: T.Type, _ memoryType: hid_t) throws(HDF5Error) -> [T] {
                var status: herr_t = 0
                let values = [T](unsafeUninitializedCapacity: count) { buffer, initialised in
                    status = count == 0 ? 0 : read(memoryType, UnsafeMutableRawPointer(buffer.baseAddress))
                    initialised = status >= 0 ? count : 0
                }
                guard status >= 0 else { throw failure(path, "cannot read \(what)") }
                return values
            }
            let size = H5Tget_size(type)
            switch H5Tget_class(type) {
            case H5T_INTEGER:
                let signed = H5Tget_sign(type) != H5T_SGN_NONE
                switch (size, signed) {
                case (1, true): return .int8(try column(Int8.self, chdf5_native_int8()))
                case (1, false): return .uint8(try column(UInt8.self, chdf5_native_uint8()))
                // uint32 does not fit int32: HDF5 would clip values above 2^31 − 1 silently.
                case (2...4, true), (2...3, false): return .int32(try column(Int32.self, chdf5_native_int32()))
                case (4...8, true), (4, false): return .int64(try column(Int64.self, chdf5_native_int64()))
                case (5...8, false): return .uint64(try column(UInt64.self, chdf5_native_uint64()))
                default: throw HDF5Error(file: path, message: "\(what) has \(size)-byte integers; NASReplay reads up to 8 bytes")
                }
            case H5T_FLOAT:
                return size == 4 ? .float32(try column(Float.self, chdf5_native_float()))
                                 : .float64(try column(Double.self, chdf5_native_double()))
            case H5T_STRING:
                var closer = HandleCloser()
                let memoryType = H5Tcopy(type)
                guard memoryType >= 0 else { throw failure(path, "cannot read \(what)") }
                closer.add(memoryType, H5Tclose)
                if H5Tis_variable_str(type) > 0 {
                    var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
                    let status = count == 0 ? 0 : pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress) }
                    guard status >= 0 else { throw failure(path, "cannot read \(what)") }
                    let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
                    for p in pointers { if let p { H5free_memory(p) } }
                    return .strings(strings)
                }
                var bytes = [UInt8](repeating: 0, count: max(1, count * size))
                let status = count == 0 ? 0 : bytes.withUnsafeMutableBytes { read(memoryType, $0.baseAddress) }
                guard status >= 0 else { throw failure(path, "cannot read \(what)") }
                let spacePadded = H5Tget_strpad(type) == H5T_STR_SPACEPAD
                var strings: [String] = []
                strings.reserveCapacity(count)
                for i in 0..<count {
                    var end = i * size + size
                    while end > i * size && bytes[end - 1] == 0 { end -= 1 }
                    // Space-padded strings (Fortran style) are trimmed too.
                    while end > i * size && bytes[end - 1] == 0x20 && spacePadded { end -= 1 }
                    strings.append(String(decoding: bytes[(i * size)..<end], as: UTF8.self))
                }
                return .strings(strings)
            default:
                throw HDF5Error(file: path, message: "\(what) has a data type NASReplay does not read")
            }
        }

        mutating func readAttributes(_ object: hid_t, where location: String) throws(HDF5Error) -> [String: H5Attribute] {
            let n = chdf5_num_attrs(object)
            guard n >= 0 else { throw failure(path, "cannot count attributes of '\(location)'") }
            guard n <= limits.maxAttributesPerObject else {
                throw fail("'\(location)' has \(n) attributes, above the limit of \(limits.maxAttributesPerObject); not a NASReplay file, or damaged")
            }
            var result: [String: H5Attribute] = [:]
            for name in try attributeNames(object, where: location) {
                var closer = HandleCloser()
                let attribute = H5Aopen(object, name, chdf5_p_default())
                guard attribute >= 0 else { throw failure(path, "cannot open attribute '\(name)' of '\(location)'") }
                closer.add(attribute, H5Aclose)
                let space = H5Aget_space(attribute)
                guard space >= 0 else { throw failure(path, "cannot read attribute '\(name)' of '\(location)'") }
                closer.add(space, H5Sclose)
                let type = H5Aget_type(attribute)
                guard type >= 0 else { throw failure(path, "cannot read attribute '\(name)' of '\(location)'") }
                closer.add(type, H5Tclose)
                let points = H5Sget_simple_extent_npoints(space)
                guard points >= 0 else { throw failure(path, "cannot read attribute '\(name)' of '\(location)'") }
                let what = "attribute '\(name)' of '\(location)'"
                let count = try admit(shape: [Int(points)], type: type, what: what, maxElements: limits.maxAttributeElements)
                let isScalar = H5Sget_simple_extent_type(space) == H5S_SCALAR
                if H5Tget_class(type) == H5T_INTEGER {
                    let values = try readIntegers(count: count, type: type, what: what) { memoryType, buffer in
                        H5Aread(attribute, memoryType, buffer)
                    }
                    result[name] = isScalar && values.count == 1 ? .int(values[0]) : .ints(values)
                    continue
                }
                let data = try readData(count: count, type: type, what: what) { memoryType, buffer in
                    H5Aread(attribute, memoryType, buffer)
                }
                switch data {
                case .strings(let s): result[name] = .string(s.first ?? "")
                default:
                    let values = data.doubles ?? []
                    result[name] = isScalar && values.count == 1 ? .double(values[0]) : .doubles(values)
                }
            }
            return result
        }

        /// An integer attribute exactly, as int64: signed types of up to 8 bytes are read as
        /// int64, unsigned ones as uint64 and checked to be at most 2^63 − 1 (a seed or a
        /// count is never rounded through a Double).
        func readIntegers(count: Int, type: hid_t, what: String,
                          read: (hid_t, UnsafeMutableRawPointer?) -> herr_t) throws(HDF5Error) -> [Int64] {
            let size = H5Tget_size(type)
            guard size <= 8 else { throw HDF5Error(file: path, message: "\(what) has \(size)-byte integers; NASReplay reads up to 8 bytes") }
            if H5Tget_sign(type) != H5T_SGN_NONE {
                var values = [Int64](repeating: 0, count: count)
                let status = count == 0 ? 0 : values.withUnsafeMutableBytes { read(chdf5_native_int64(), $0.baseAddress) }
                guard status >= 0 else { throw failure(path, "cannot read \(what)") }
                return values
            }
            var values = [UInt64](repeating: 0, count: count)
            let status = count == 0 ? 0 : values.withUnsafeMutableBytes { read(chdf5_native_uint64(), $0.baseAddress) }
            guard status >= 0 else { throw failure(path, "cannot read \(what)") }
            return try values.map { v throws(HDF5Error) -> Int64 in
                guard let exact = Int64(exactly: v) else {
                    throw HDF5Error(file: path, message: "\(what) is \(v), above 2^63 − 1 (\(Int64.max)), the largest integer attribute NASReplay reads; not a NASReplay file, or damaged")
                }
                return exact
            }
        }

        /// Attribute names in one walk of the name index in its native order (no table is
        /// built, see `chdf5_iterate_links`); order does not matter, they become a dictionary.
        func attributeNames(_ object: hid_t, where location: String) throws(HDF5Error) -> [String] {
            final class Found { var names: [String] = [] }
            let found = Found()
            var position: hsize_t = 0
            let status = withExtendedLifetime(found) {
                H5Aiterate2(object, H5_INDEX_NAME, H5_ITER_NATIVE, &position, { _, name, _, context in
                    guard let name, let context else { return -1 }
                    Unmanaged<Found>.fromOpaque(context).takeUnretainedValue().names.append(String(cString: name))
                    return 0
                }, Unmanaged.passUnretained(found).toOpaque())
            }
            guard status >= 0 else { throw failure(path, "cannot list the attributes of '\(location)' (truncated or damaged file?)") }
            return found.names
        }
    }
}
