import CHDF5
import Foundation
import Testing
@testable import HDF5Kit

/// Files NASReplay did not write, or wrote and someone damaged: each gets one error that
/// names the file, never a crash, a hang or a read of another file. The hostile files are
/// made here with the C API, as another program would make them.
@Suite struct HostileFileTests {
    func temporaryPath(_ name: String) -> String { HDF5KitTests.temporaryPath(name, prefix: "hdf5kit-hostile") }

    /// Creates `path` with libhdf5's defaults (no creation order, sec2 driver) and lets
    /// `body` fill it, under the library's lock.
    func makeFile(_ path: String, _ body: (hid_t) -> Void) {
        HDF5Library.withLock {
            let file = H5Fcreate(path, chdf5_acc_trunc(), chdf5_p_default(), chdf5_p_default())
            precondition(file >= 0, "cannot create \(path)")
            body(file)
            H5Fclose(file)
        }
    }

    /// A float64 [count] dataset of `value`s, contiguous.
    func addDataset(_ location: hid_t, _ name: String, count: Int = 3, value: Double = 1.5) {
        var dims = [hsize_t(count)]
        let space = H5Screate_simple(1, &dims, nil)
        let ds = H5Dcreate2(location, name, chdf5_ieee_f64le(), space, chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
        let values = [Double](repeating: value, count: count)
        _ = values.withUnsafeBytes { H5Dwrite(ds, chdf5_native_double(), chdf5_s_all(), chdf5_s_all(), chdf5_p_default(), $0.baseAddress) }
        H5Dclose(ds); H5Sclose(space)
    }

    func addAttribute<T>(_ location: hid_t, _ name: String, fileType: hid_t, memoryType: hid_t, _ values: [T], scalar: Bool) {
        var dims = [hsize_t(values.count)]
        let space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &dims, nil)
        let attribute = H5Acreate2(location, name, fileType, space, chdf5_p_default(), chdf5_p_default())
        _ = values.withUnsafeBytes { H5Awrite(attribute, memoryType, $0.baseAddress) }
        H5Aclose(attribute); H5Sclose(space)
    }

    func expectOneLineError(_ path: String, limits: HDF5File.ReadLimits = .standard, mentioning parts: [String]) {
        #expect { try HDF5File.read(path, limits: limits) } throws: { error in
            let text = "\(error)"
            let ok = text.contains(path) && !text.contains("\n") && parts.allSatisfy { text.contains($0) }
            if !ok { Issue.record("got: \(text)") }
            return ok
        }
    }

    // MARK: integers (issue 16, item 1)

    @Test("integer attributes round-trip exactly: int64 extremes and a seed that a Double would round")
    func integerAttributesRoundTripExactly() throws {
        var root = H5Group()
        root.attributes["max"] = .int(.max)
        root.attributes["min"] = .int(.min)
        root.attributes["seeds"] = .ints([-1_743_630_187_222_118_469, 9_223_372_036_854_775_807, 9_007_199_254_740_993])
        let path = temporaryPath("ints.h5")
        try HDF5File.write(root, to: path)
        #expect(try HDF5File.read(path).attributes == root.attributes)
    }

    @Test("an unsigned attribute at or above 2^63 is one error that names it, not a trap; smaller unsigned values read exactly")
    func unsignedAttributeAbove2To63IsAnError() throws {
        let big = temporaryPath("u64.h5")
        makeFile(big) { file in
            addAttribute(file, "seed", fileType: chdf5_std_u64le(), memoryType: chdf5_native_uint64(), [UInt64(1) << 63], scalar: true)
        }
        expectOneLineError(big, mentioning: ["attribute 'seed'", "9223372036854775808", "2^63"])

        let list = temporaryPath("u64-list.h5")
        makeFile(list) { file in
            addAttribute(file, "seeds", fileType: chdf5_std_u64le(), memoryType: chdf5_native_uint64(), [1, UInt64.max], scalar: false)
        }
        expectOneLineError(list, mentioning: ["attribute 'seeds'", "18446744073709551615"])

        let fits = temporaryPath("u-fits.h5")
        makeFile(fits) { file in
            addAttribute(file, "u64", fileType: chdf5_std_u64le(), memoryType: chdf5_native_uint64(), [UInt64(Int64.max)], scalar: true)
            addAttribute(file, "u32", fileType: chdf5_std_u32le(), memoryType: chdf5_native_uint32(), [UInt32.max], scalar: true)
        }
        let attributes = try HDF5File.read(fits).attributes
        #expect(attributes["u64"] == .int(.max))
        #expect(attributes["u32"] == .int(Int64(UInt32.max)))
    }

    // MARK: other files (issue 16, item 5)

    @Test("an external link is refused: a column is never pulled in from another file")
    func externalLinkIsRefused() {
        let target = temporaryPath("secret.h5")
        makeFile(target) { addDataset($0, "secret", value: 42) }
        for linked in [target, (target as NSString).lastPathComponent] {
            let path = temporaryPath("extlink.h5")
            makeFile(path) { file in
                let g = H5Gcreate2(file, "metrics", chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
                addDataset(g, "own")
                _ = H5Lcreate_external(linked, "/secret", g, "stolen", chdf5_p_default(), chdf5_p_default())
                H5Gclose(g)
            }
            expectOneLineError(path, mentioning: ["'/metrics/stolen'", "external link"])
        }
    }

    @Test("a soft link is refused, and one pointing at its own group does not loop")
    func softLinksAreRefused() {
        let path = temporaryPath("soft.h5")
        makeFile(path) { file in
            let g = H5Gcreate2(file, "archs", chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
            addDataset(g, "x")
            _ = H5Lcreate_soft("/archs", g, "loop", chdf5_p_default(), chdf5_p_default())
            H5Gclose(g)
        }
        expectOneLineError(path, mentioning: ["'/archs/loop'", "soft link"])
    }

    @Test("a group hard-linked into itself (a cycle) is refused, not walked for ever")
    func hardLinkCycleIsRefused() {
        let path = temporaryPath("cycle.h5")
        makeFile(path) { file in
            let g = H5Gcreate2(file, "archs", chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
            _ = H5Lcreate_hard(file, "/archs", g, "again", chdf5_p_default(), chdf5_p_default())
            H5Gclose(g)
        }
        expectOneLineError(path, mentioning: ["linked from 2 places"])
    }

    @Test("a dataset kept in an external raw file is refused")
    func externalStorageIsRefused() throws {
        let raw = temporaryPath("raw.bin")
        try Data(count: 24).write(to: URL(fileURLWithPath: raw))
        let path = temporaryPath("external.h5")
        makeFile(path) { file in
            let dcpl = H5Pcreate(chdf5_p_dataset_create())
            _ = H5Pset_external(dcpl, raw, 0, 24)
            var dims: [hsize_t] = [3]
            let space = H5Screate_simple(1, &dims, nil)
            let ds = H5Dcreate2(file, "ext", chdf5_ieee_f64le(), space, chdf5_p_default(), dcpl, chdf5_p_default())
            H5Dclose(ds); H5Sclose(space); H5Pclose(dcpl)
        }
        expectOneLineError(path, mentioning: ["'/ext'", "external files"])
    }

    @Test("a virtual dataset, which draws on other files, is refused")
    func virtualDatasetIsRefused() {
        let source = temporaryPath("source.h5")
        makeFile(source) { addDataset($0, "data") }
        let path = temporaryPath("virtual.h5")
        makeFile(path) { file in
            var dims: [hsize_t] = [3]
            let space = H5Screate_simple(1, &dims, nil)
            let dcpl = H5Pcreate(chdf5_p_dataset_create())
            _ = H5Pset_virtual(dcpl, space, source, "/data", space)
            let ds = H5Dcreate2(file, "virt", chdf5_ieee_f64le(), space, chdf5_p_default(), dcpl, chdf5_p_default())
            H5Dclose(ds); H5Pclose(dcpl); H5Sclose(space)
        }
        expectOneLineError(path, mentioning: ["'/virt'", "virtual dataset"])
    }

    // MARK: sizes (issue 16, item 7)

    @Test("20,000 nested groups are refused at the depth limit, without deep recursion")
    func deeplyNestedGroupsAreRefused() {
        let path = temporaryPath("nested.h5")
        makeFile(path) { file in
            var parent = file
            for _ in 0..<20_000 {
                let g = H5Gcreate2(parent, "g", chdf5_p_default(), chdf5_p_default(), chdf5_p_default())
                if parent != file { H5Gclose(parent) }
                parent = g
            }
            H5Gclose(parent)
        }
        expectOneLineError(path, mentioning: ["nested deeper than 32"])
    }

    @Test("a dataset declared at 10^12 elements is refused before anything is allocated")
    func datasetDeclaredAt10To12ElementsIsRefused() {
        let path = temporaryPath("huge.h5")
        makeFile(path) { file in
            var dims: [hsize_t] = [1_000_000_000_000]
            var chunk: [hsize_t] = [65_536]
            let space = H5Screate_simple(1, &dims, nil)
            let dcpl = H5Pcreate(chdf5_p_dataset_create())
            _ = H5Pset_chunk(dcpl, 1, &chunk)
            let ds = H5Dcreate2(file, "huge", chdf5_ieee_f32le(), space, chdf5_p_default(), dcpl, chdf5_p_default())
            H5Dclose(ds); H5Pclose(dcpl); H5Sclose(space)
        }
        expectOneLineError(path, mentioning: ["'/huge'", "1000000000000", "limit"])
    }

    @Test("the object, depth, attribute and byte limits are each checked and named")
    func readLimitsAreEnforced() throws {
        var root = H5Group()
        for i in 0..<20 { root.set("a/b/x\(i)", H5Dataset(.float64(Array(repeating: 1, count: 100)), attributes: ["u": .string("s")])) }
        let path = temporaryPath("limits.h5")
        try HDF5File.write(root, to: path)
        #expect(try HDF5File.read(path) == root)
        var limits = HDF5File.ReadLimits()
        limits.maxObjects = 10
        expectOneLineError(path, limits: limits, mentioning: ["more than 10 groups and datasets"])
        limits = HDF5File.ReadLimits()
        limits.maxDepth = 1
        expectOneLineError(path, limits: limits, mentioning: ["nested deeper than 1"])
        limits = HDF5File.ReadLimits()
        limits.maxTotalBytes = 8_000
        expectOneLineError(path, limits: limits, mentioning: ["8000 bytes"])
        limits = HDF5File.ReadLimits()
        limits.maxDatasetElements = 99
        expectOneLineError(path, limits: limits, mentioning: ["[100]", "99 values"])
    }

    @Test("a shape check refuses a dataset before it is read")
    func shapeCheckRefusesBeforeReading() throws {
        var root = H5Group()
        root.attributes["rows"] = .int(3)
        root.set("m/x", H5Dataset(.float32([1, 2, 3, 4])))
        let path = temporaryPath("shape.h5")
        try HDF5File.write(root, to: path)
        #expect { try HDF5File.read(path, shapeCheck: { location, shape, attributes in
            shape.first.map(Int64.init) == attributes["rows"]?.intValue ? nil : "\(location) has \(shape) rows"
        }) } throws: { "\($0)".contains("/m/x has [4] rows") }
    }

    // MARK: damage to files NASReplay wrote (issue 16, item 7)

    @Test("a written file carries its checksum in the HDF5 user block; h5py-style readers skip it")
    func writtenFilesAreStamped() throws {
        var root = H5Group()
        root.set("x", H5Dataset(.float64([1, 2, 3])))
        let path = temporaryPath("stamped.h5")
        try HDF5File.write(root, to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.starts(with: Data(FileChecksum.magic.utf8)))
        #expect(bytes[FileChecksum.userBlockSize..<(FileChecksum.userBlockSize + 8)] == Data([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]),
                "the HDF5 signature follows the 512-byte user block")
        #expect(try HDF5File.read(path) == root)
    }

    @Test("one changed byte anywhere in a written file is refused before libhdf5 parses it", arguments: [600, 2_000, -1])
    func changedByteIsRefusedBeforeParsing(offset: Int) throws {
        var root = H5Group()
        for i in 0..<12 { root.set("g/c\(i)", H5Dataset(.float32((0..<500).map(Float.init)))) }
        let path = temporaryPath("flip.h5")
        try HDF5File.write(root, to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let at = offset < 0 ? bytes.count + offset : offset
        bytes[at] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        expectOneLineError(path, mentioning: ["is damaged", "checksum"])
    }

    @Test("a table truncated and zero-padded back to its size is an error naming the file, at any cut")
    func truncatedAndZeroPaddedFileIsAnError() throws {
        // Groups of more than 8 links use dense storage (fractal heap + B-trees), where
        // libhdf5 1.10 crashed on a damaged index when asked for links in sorted order.
        var root = H5Group()
        root.attributes["rows"] = .int(5_000)
        for g in 0..<3 {
            for i in 0..<12 {
                root.set("g\(g)/c\(i)", H5Dataset(.float32((0..<5_000).map { Float($0 * (i + 1)) }), attributes: ["unit": .string("%")]))
            }
        }
        let path = temporaryPath("whole.h5")
        try HDF5File.write(root, to: path)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Without the checksum stamp, as a file another program wrote: libhdf5 itself meets
        // the damage, and must report it rather than crash.
        bytes.replaceSubrange(0..<FileChecksum.userBlockSize, with: Data(count: FileChecksum.userBlockSize))
        var refused = 0
        for percent in stride(from: 5, through: 99, by: 2) {
            let cut = bytes.count * percent / 100
            var damaged = bytes.prefix(cut)
            damaged.append(Data(count: bytes.count - cut))
            let copy = temporaryPath("cut-\(percent).h5")
            try damaged.write(to: URL(fileURLWithPath: copy))
            do {
                _ = try HDF5File.read(copy)
            } catch {
                #expect("\(error)".contains(copy) && !"\(error)".contains("\n"), "\(error)")
                refused += 1
            }
        }
        #expect(refused > 0)
    }
}
