import Foundation

/// A checksummed file's parsed tree, kept beside it, so that reading it again costs one
/// file read and no libhdf5 and no child process: `<folder>/.cache/<file>.<digest>.tree`.
///
/// ```swift
/// if let tree = TreeCache.load(for: path, digest: d, limits: limits, shapeCheck: check) { return tree }
/// let tree = try readInChildProcess(path, …)
/// TreeCache.store(tree, for: path, digest: d)
/// ```
///
/// Loading a benchmark table parses it in a child process (`HDF5File+ChildProcess.swift`),
/// which was most of a short command's time (a `query` took 104 ms, 15 of them starting
/// the process; issue 18). The tree a verified file gave is the same every time, so it is
/// kept under the file's stamped digest (`FileChecksum`); another digest, another cache.
///
/// The cache is read by this decoder alone, never by libhdf5, so any bytes are safe to
/// hand it: every count is checked against the bytes left before anything is allocated,
/// an XXH64 trailer must match, and the tree must pass the same `ReadLimits` and
/// `ShapeCheck` as a read of the file. Anything else (missing, damaged, of another layout
/// version or other limits, failing a check) is no cache: the file is read as before, and
/// its errors are the file's. Writing is atomic and best effort: a folder that cannot be
/// written just gets no cache.
///
/// Layout, little-endian: `NRTREE02`, the file's digest and size (u64 each), the limits
/// (eight u64), then the root group; a group is its attributes then u32 children, each a
/// name, a tag (0 group, 1 dataset) and the node; a dataset is a type tag, u32 rank, u64
/// extents, the values, and its attributes; attributes are u32 count, each a name, a type
/// tag and the value(s); a text is u32 length and UTF-8. XXH64 of all of it ends the file.
enum TreeCache {
    static let magic = Array("NRTREE02".utf8)
    static let folderName = ".cache"

    /// Where the tree of `file` with stamped `digest` is kept.
    static func path(for file: String, digest: String) -> String {
        let url = URL(fileURLWithPath: file)
        return url.deletingLastPathComponent().path + "/\(folderName)/\(url.lastPathComponent).\(digest).tree"
    }

    /// The cached tree, or nil whenever there is none that can be trusted to equal a read.
    static func load(for file: String, digest: String, size: Int, limits: HDF5File.ReadLimits,
                     shapeCheck: HDF5File.ShapeCheck?) -> H5Group? {
        let cache = path(for: file, digest: digest)
        // Sized before it is read: a planted file larger than any table's tree is no cache.
        var status = stat()
        guard lstat(cache, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
              Int(status.st_size) <= limits.maxTotalBytes + (1 << 20) else { return nil }
        return FileBytes.withMapped(cache, size: Int(status.st_size)) { raw -> H5Group? in
            guard raw.count >= magic.count + 8, raw.starts(with: magic) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: raw[..<(raw.count - 8)])
            guard XXH64.hash(body) == raw.loadUnaligned(fromByteOffset: raw.count - 8, as: UInt64.self).littleEndian else { return nil }
            var decoder = Decoder(raw: body, limits: limits, shapeCheck: shapeCheck)
            decoder.offset = magic.count
            guard decoder.u64() == UInt64(digest, radix: 16), decoder.u64() == UInt64(size),
                  limitsKey(limits).allSatisfy({ decoder.u64() == $0 }) else { return nil }
            guard let root = decoder.group(at: "/", depth: 0), decoder.offset == body.count else { return nil }
            return root
        }
    }

    /// Trees larger than this are not kept: a copy of a gigabyte table (an official
    /// NATS-Bench import, loaded whole by `serve`) would double its disk use for little gain.
    static let maxCachedBytes = 256 << 20

    /// Keeps `tree` for the next read of `file`, replacing the trees of its older digests.
    static func store(_ tree: H5Group, for file: String, digest: String, size: Int, limits: HDF5File.ReadLimits) {
        guard H5Node.group(tree).rawByteCount <= maxCachedBytes else { return }
        let target = path(for: file, digest: digest)
        let folder = (target as NSString).deletingLastPathComponent
        let fm = FileManager.default
        if !fm.fileExists(atPath: folder) { guard mkdir(folder, 0o777) == 0 || errno == EEXIST else { return } }
        let prefix = URL(fileURLWithPath: file).lastPathComponent + "."
        for name in (try? fm.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".tree") {
            unlink("\(folder)/\(name)")
        }
        var e = Encoder()
        e.bytes += magic
        e.u64(UInt64(digest, radix: 16) ?? 0)
        e.u64(UInt64(size))
        for v in limitsKey(limits) { e.u64(v) }
        e.group(tree)
        let digest = e.bytes.withUnsafeBytes { XXH64.hash($0) }
        e.u64(digest)
        try? AtomicFile.write(e.bytes, to: target)
    }

    static func limitsKey(_ l: HDF5File.ReadLimits) -> [UInt64] {
        [l.maxDepth, l.maxObjects, l.maxAttributesPerObject, l.maxAttributeElements, l.maxStringBytes,
         l.maxDatasetElements, l.maxDatasetBytes, l.maxTotalBytes].map { UInt64(clamping: $0) }
    }

    private struct Encoder {
        var bytes: [UInt8] = []
        mutating func u8(_ v: UInt8) { bytes.append(v) }
        mutating func u32(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { bytes += $0 } }
        mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } }
        mutating func text(_ s: String) { u32(s.utf8.count); bytes += s.utf8 }
        mutating func values<T: FixedWidthInteger>(_ a: [T]) { for v in a { withUnsafeBytes(of: v.littleEndian) { bytes += $0 } } }

        mutating func group(_ g: H5Group) {
            attributes(g.attributes)
            u32(g.children.count)
            for (name, node) in g.children {
                text(name)
                switch node {
                case .group(let child): u8(0); group(child)
                case .dataset(let d): u8(1); dataset(d)
                }
            }
        }

        mutating func dataset(_ d: H5Dataset) {
            u32(d.shape.count)
            for e in d.shape { u64(UInt64(e)) }
            switch d.data {
            case .int8(let a): u8(0); u64(UInt64(a.count)); values(a)
            case .uint8(let a): u8(1); u64(UInt64(a.count)); values(a)
            case .int32(let a): u8(2); u64(UInt64(a.count)); values(a)
            case .int64(let a): u8(3); u64(UInt64(a.count)); values(a)
            case .uint64(let a): u8(4); u64(UInt64(a.count)); values(a)
            case .float32(let a): u8(5); u64(UInt64(a.count)); values(a.map(\.bitPattern))
            case .float64(let a): u8(6); u64(UInt64(a.count)); values(a.map(\.bitPattern))
            case .strings(let a): u8(7); u64(UInt64(a.count)); for s in a { text(s) }
            }
            attributes(d.attributes)
        }

        mutating func attributes(_ a: [String: H5Attribute]) {
            u32(a.count)
            for name in a.keys.sorted() {
                text(name)
                switch a[name]! {
                case .int(let v): u8(0); u64(UInt64(bitPattern: v))
                case .double(let v): u8(1); u64(v.bitPattern)
                case .string(let v): u8(2); text(v)
                case .ints(let v): u8(3); u64(UInt64(v.count)); values(v)
                case .doubles(let v): u8(4); u64(UInt64(v.count)); values(v.map(\.bitPattern))
                }
            }
        }
    }

    /// Reads what `Encoder` wrote; nil for anything else, before allocating what it claims.
    private struct Decoder {
        let raw: UnsafeRawBufferPointer
        let limits: HDF5File.ReadLimits
        let shapeCheck: HDF5File.ShapeCheck?
        var offset = 0
        var objects = 0
        var total = 0
        var rootAttributes: [String: H5Attribute] = [:]

        init(raw: UnsafeRawBufferPointer, limits: HDF5File.ReadLimits, shapeCheck: HDF5File.ShapeCheck?) {
            self.raw = raw; self.limits = limits; self.shapeCheck = shapeCheck
        }

        var left: Int { raw.count - offset }

        mutating func u8() -> UInt8? {
            guard left >= 1 else { return nil }
            defer { offset += 1 }
            return raw[offset]
        }

        mutating func u32() -> Int? {
            guard left >= 4 else { return nil }
            defer { offset += 4 }
            return Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
        }

        mutating func u64() -> UInt64? {
            guard left >= 8 else { return nil }
            defer { offset += 8 }
            return UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
        }

        mutating func text() -> String? {
            guard let n = u32(), n <= left, n <= limits.maxStringBytes else { return nil }
            defer { offset += n }
            return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + n)]), as: UTF8.self)
        }

        /// `count` fixed-width values, if the bytes are there and within `maxElements`.
        mutating func values<T: FixedWidthInteger>(_ count: UInt64, as: T.Type, maxElements: Int) -> [T]? {
            guard let bytes = span(count, of: MemoryLayout<T>.size, maxElements: maxElements) else { return nil }
            // One copy where the host is little-endian, as the file is; swapped otherwise.
            return [T](unsafeUninitializedCapacity: bytes.count / MemoryLayout<T>.size) { buffer, initialised in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
                if 1.littleEndian != 1 { for i in buffer.indices { buffer[i] = T(littleEndian: buffer[i]) } }
                initialised = buffer.count
            }
        }

        /// `count` floats stored as the little-endian bit patterns of `Bits`, decoded in one
        /// pass (no array of bit patterns first).
        mutating func floats<F: BinaryFloatingPoint, Bits: FixedWidthInteger>(_ count: UInt64, as: F.Type, bits: Bits.Type,
                                                                             maxElements: Int, _ make: (Bits) -> F) -> [F]? {
            guard MemoryLayout<F>.size == MemoryLayout<Bits>.size,
                  let bytes = span(count, of: MemoryLayout<Bits>.size, maxElements: maxElements) else { return nil }
            return [F](unsafeUninitializedCapacity: bytes.count / MemoryLayout<F>.size) { buffer, initialised in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: bytes)
                if 1.littleEndian != 1 {
                    for i in buffer.indices {
                        buffer[i] = make(Bits(littleEndian: unsafeBitCast(buffer[i], to: Bits.self)))
                    }
                }
                initialised = buffer.count
            }
        }

        /// The bytes of `count` values of `size` bytes each, consumed, if they are there and
        /// `count` is within `maxElements`.
        private mutating func span(_ count: UInt64, of size: Int, maxElements: Int) -> UnsafeRawBufferPointer? {
            guard count <= UInt64(maxElements), Int(count) <= left / size else { return nil }
            let start = offset
            offset += Int(count) * size
            return UnsafeRawBufferPointer(rebasing: raw[start..<offset])
        }

        mutating func admit(bytes: Int) -> Bool {
            total += bytes
            return total <= limits.maxTotalBytes
        }

        mutating func group(at location: String, depth: Int) -> H5Group? {
            var g = H5Group()
            guard let attributes = attributes() else { return nil }
            g.attributes = attributes
            if location == "/" { rootAttributes = attributes }
            guard let count = u32(), count <= limits.maxObjects - objects else { return nil }
            for _ in 0..<count {
                objects += 1
                guard objects <= limits.maxObjects, let name = text(), !name.isEmpty, !name.contains("/"), let tag = u8() else { return nil }
                let childPath = location == "/" ? "/" + name : location + "/" + name
                switch tag {
                case 0:
                    guard depth < limits.maxDepth, let child = group(at: childPath, depth: depth + 1) else { return nil }
                    g.appendNew(name, .group(child))
                case 1:
                    guard let d = dataset(at: childPath) else { return nil }
                    g.appendNew(name, .dataset(d))
                default:
                    return nil
                }
            }
            return g
        }

        mutating func dataset(at location: String) -> H5Dataset? {
            guard let rank = u32(), rank <= 32, let extents = values(UInt64(rank), as: UInt64.self, maxElements: 32) else { return nil }
            var elements = 1
            for e in extents {
                guard e <= UInt64(limits.maxDatasetElements) else { return nil }
                let (m, overflow) = elements.multipliedReportingOverflow(by: Int(e))
                guard !overflow, m <= limits.maxDatasetElements else { return nil }
                elements = m
            }
            let shape = extents.map { Int($0) }
            if let shapeCheck, shapeCheck(location, shape, rootAttributes) != nil { return nil }
            guard let type = u8(), let count = u64(), count == UInt64(elements) else { return nil }
            let maxElements = limits.maxDatasetElements
            let data: H5Data
            switch type {
            case 0: guard let a = values(count, as: Int8.self, maxElements: maxElements) else { return nil }; data = .int8(a)
            case 1: guard let a = values(count, as: UInt8.self, maxElements: maxElements) else { return nil }; data = .uint8(a)
            case 2: guard let a = values(count, as: Int32.self, maxElements: maxElements) else { return nil }; data = .int32(a)
            case 3: guard let a = values(count, as: Int64.self, maxElements: maxElements) else { return nil }; data = .int64(a)
            case 4: guard let a = values(count, as: UInt64.self, maxElements: maxElements) else { return nil }; data = .uint64(a)
            case 5: guard let a = floats(count, as: Float.self, bits: UInt32.self, maxElements: maxElements, Float.init(bitPattern:)) else { return nil }; data = .float32(a)
            case 6: guard let a = floats(count, as: Double.self, bits: UInt64.self, maxElements: maxElements, Double.init(bitPattern:)) else { return nil }; data = .float64(a)
            case 7:
                // Each string is at least its 4-byte length: a count beyond that is a lie.
                guard Int(count) <= left / 4 else { return nil }
                var strings: [String] = []
                strings.reserveCapacity(Int(count))
                for _ in 0..<count {
                    guard let s = text() else { return nil }
                    strings.append(s)
                }
                data = .strings(strings)
            default: return nil
            }
            guard data.rawByteCount <= limits.maxDatasetBytes, admit(bytes: data.rawByteCount), let attributes = attributes() else { return nil }
            return H5Dataset(data, shape: shape, attributes: attributes)
        }

        mutating func attributes() -> [String: H5Attribute]? {
            guard let count = u32(), count <= limits.maxAttributesPerObject else { return nil }
            var result: [String: H5Attribute] = [:]
            let maxElements = limits.maxAttributeElements
            for _ in 0..<count {
                guard let name = text(), let tag = u8() else { return nil }
                let value: H5Attribute
                switch tag {
                case 0: guard let v = u64() else { return nil }; value = .int(Int64(bitPattern: v))
                case 1: guard let v = u64() else { return nil }; value = .double(Double(bitPattern: v))
                case 2: guard let v = text() else { return nil }; value = .string(v)
                case 3: guard let n = u64(), let v = values(n, as: Int64.self, maxElements: maxElements) else { return nil }; value = .ints(v)
                case 4: guard let n = u64(), let v = values(n, as: UInt64.self, maxElements: maxElements) else { return nil }
                    value = .doubles(v.map(Double.init(bitPattern:)))
                default: return nil
                }
                guard result.updateValue(value, forKey: name) == nil else { return nil }
            }
            return result
        }
    }
}
