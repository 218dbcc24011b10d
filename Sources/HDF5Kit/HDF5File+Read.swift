import CHDF5
import Foundation

extension HDF5File {
    /// Reads a whole file into memory and closes it.
    ///
    /// A missing file, a file that is not HDF5, or a truncated one each give an `HDF5Error`
    /// that names the file; nothing is left open.
    public static func read(_ path: String) throws(HDF5Error) -> H5Group {
        guard FileManager.default.fileExists(atPath: path) else {
            throw HDF5Error(file: path, message: "file not found")
        }
        return try HDF5Library.withLock { () throws(HDF5Error) -> H5Group in
            guard H5Fis_hdf5(path) > 0 else {
                _ = ErrorStack.drain()
                throw HDF5Error(file: path, message: "not an HDF5 file, or truncated; rebuild it")
            }
            var closer = HandleCloser()
            let fapl = try FileAccess.withoutLocking(path)
            closer.add(fapl, H5Pclose)
            let file = H5Fopen(path, chdf5_acc_rdonly(), fapl)
            guard file >= 0 else { throw failure(path, "cannot open (truncated or damaged file?); rebuild it") }
            closer.add(file, H5Fclose)
            return try readGroup(file, path: path, where: "/")
        }
    }

    private static func readGroup(_ group: hid_t, path: String, where location: String) throws(HDF5Error) -> H5Group {
        var result = H5Group()
        result.attributes = try readAttributes(group, path: path, where: location)
        var info = H5G_info_t()
        guard H5Gget_info(group, &info) >= 0 else { throw failure(path, "cannot list group '\(location)'") }
        // Files we wrote track creation order; a foreign file may not, so fall back to names.
        let order = info.max_corder > 0 || info.nlinks == 0 ? H5_INDEX_CRT_ORDER : H5_INDEX_NAME
        for i in 0..<info.nlinks {
            var name = linkName(group, index: i, order: order)
            if name == nil, order == H5_INDEX_CRT_ORDER {
                _ = ErrorStack.drain()
                name = linkName(group, index: i, order: H5_INDEX_NAME)
            }
            guard let name else { throw failure(path, "cannot read link \(i) of '\(location)'") }
            let childPath = location == "/" ? "/" + name : location + "/" + name
            switch chdf5_object_kind(group, name) {
            case 1:
                var closer = HandleCloser()
                let g = H5Gopen2(group, name, chdf5_p_default())
                guard g >= 0 else { throw failure(path, "cannot open group '\(childPath)'") }
                closer.add(g, H5Gclose)
                result[name] = .group(try readGroup(g, path: path, where: childPath))
            case 0:
                result[name] = .dataset(try readDataset(group, name: name, path: path, where: childPath))
            default:
                throw failure(path, "cannot read object '\(childPath)' (damaged file?)")
            }
        }
        return result
    }

    private static func linkName(_ group: hid_t, index: hsize_t, order: H5_index_t) -> String? {
        let size = H5Lget_name_by_idx(group, ".", order, H5_ITER_INC, index, nil, 0, chdf5_p_default())
        guard size >= 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: Int(size) + 1)
        guard H5Lget_name_by_idx(group, ".", order, H5_ITER_INC, index, &buffer, buffer.count, chdf5_p_default()) >= 0 else { return nil }
        return String(decoding: buffer.prefix(Int(size)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func readDataset(_ parent: hid_t, name: String, path: String, where location: String) throws(HDF5Error) -> H5Dataset {
        var closer = HandleCloser()
        let ds = H5Dopen2(parent, name, chdf5_p_default())
        guard ds >= 0 else { throw failure(path, "cannot open dataset '\(location)'") }
        closer.add(ds, H5Dclose)
        let space = H5Dget_space(ds)
        closer.add(space, H5Sclose)
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0, rank <= 2 else { throw failure(path, "dataset '\(location)' has unsupported rank \(rank)") }
        var dims = [hsize_t](repeating: 0, count: max(Int(rank), 1))
        if rank > 0 { _ = H5Sget_simple_extent_dims(space, &dims, nil) }
        let shape = rank == 0 ? [1] : dims.map { Int($0) }
        let count = shape.reduce(1, *)
        let type = H5Dget_type(ds)
        closer.add(type, H5Tclose)
        let data = try readData(count: count, type: type, path: path, what: "dataset '\(location)'") { memoryType, buffer in
            H5Dread(ds, memoryType, chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), buffer)
        }
        var dataset = H5Dataset(data, shape: shape)
        dataset.attributes = try readAttributes(ds, path: path, where: location)
        return dataset
    }

    /// Maps an HDF5 type to one of ours and reads `count` elements through `read`.
    private static func readData(count: Int, type: hid_t, path: String, what: String,
                                 read: (hid_t, UnsafeMutableRawPointer?) -> herr_t) throws(HDF5Error) -> H5Data {
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
            case (2...4, _): return .int32(try column(Int32.self, chdf5_native_int32()))
            case (_, true): return .int64(try column(Int64.self, chdf5_native_int64()))
            default: return .uint64(try column(UInt64.self, chdf5_native_uint64()))
            }
        case H5T_FLOAT:
            return size == 4 ? .float32(try column(Float.self, chdf5_native_float()))
                             : .float64(try column(Double.self, chdf5_native_double()))
        case H5T_STRING:
            if H5Tis_variable_str(type) > 0 {
                var closer = HandleCloser()
                let memoryType = H5Tcopy(type)
                closer.add(memoryType, H5Tclose)
                var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
                let status = pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress) }
                guard status >= 0 else { throw failure(path, "cannot read \(what)") }
                let strings = pointers.map { $0.map { String(cString: $0) } ?? "" }
                for p in pointers { if let p { H5free_memory(p) } }
                return .strings(strings)
            }
            var closer = HandleCloser()
            let memoryType = H5Tcopy(type)
            closer.add(memoryType, H5Tclose)
            var bytes = [UInt8](repeating: 0, count: max(1, count * size))
            let status = bytes.withUnsafeMutableBytes { read(memoryType, $0.baseAddress) }
            guard status >= 0 else { throw failure(path, "cannot read \(what)") }
            var strings: [String] = []
            strings.reserveCapacity(count)
            for i in 0..<count {
                var end = i * size + size
                while end > i * size && bytes[end - 1] == 0 { end -= 1 }
                // Space-padded strings (Fortran style) are trimmed too.
                while end > i * size && bytes[end - 1] == 0x20 && H5Tget_strpad(type) == H5T_STR_SPACEPAD { end -= 1 }
                strings.append(String(decoding: bytes[(i * size)..<end], as: UTF8.self))
            }
            return .strings(strings)
        default:
            throw HDF5Error(file: path, message: "\(what) has a data type NASReplay does not read")
        }
    }

    private static func readAttributes(_ object: hid_t, path: String, where location: String) throws(HDF5Error) -> [String: H5Attribute] {
        let n = chdf5_num_attrs(object)
        guard n >= 0 else { throw failure(path, "cannot count attributes of '\(location)'") }
        var result: [String: H5Attribute] = [:]
        for i in 0..<Int(n) {
            var closer = HandleCloser()
            let attribute = H5Aopen_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(i), chdf5_p_default(), chdf5_p_default())
            guard attribute >= 0 else { throw failure(path, "cannot open attribute \(i) of '\(location)'") }
            closer.add(attribute, H5Aclose)
            let nameLength = H5Aget_name(attribute, 0, nil)
            var nameBuffer = [CChar](repeating: 0, count: Int(nameLength) + 1)
            _ = H5Aget_name(attribute, nameBuffer.count, &nameBuffer)
            let name = String(decoding: nameBuffer.prefix(Int(nameLength)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let space = H5Aget_space(attribute)
            closer.add(space, H5Sclose)
            let type = H5Aget_type(attribute)
            closer.add(type, H5Tclose)
            let count = Int(H5Sget_simple_extent_npoints(space))
            let isScalar = H5Sget_simple_extent_type(space) == H5S_SCALAR
            let data = try readData(count: count, type: type, path: path, what: "attribute '\(name)' of '\(location)'") { memoryType, buffer in
                H5Aread(attribute, memoryType, buffer)
            }
            switch data {
            case .strings(let s): result[name] = .string(s.first ?? "")
            case .float32, .float64:
                let values = data.doubles ?? []
                result[name] = isScalar && values.count == 1 ? .double(values[0]) : .doubles(values)
            default:
                let values = (data.doubles ?? []).map { Int64($0) }
                result[name] = isScalar && values.count == 1 ? .int(values[0]) : .ints(values)
            }
        }
        return result
    }
}
