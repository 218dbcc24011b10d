import CHDF5
import Foundation
import Testing
@testable import HDF5Kit

/// `HDF5File.write` deflates chunks on every core (`ChunkCompressor`) and hands them to
/// libhdf5 as they are: each chunk must be the one libhdf5's own shuffle + deflate would
/// make, so the file reads back the same in any HDF5 reader, and its chunks are as large
/// as the library's own.
@Suite struct ChunkCompressorTests {
    func temporaryPath(_ name: String) -> String { HDF5KitTests.temporaryPath(name, prefix: "chunks") }

    /// Every element type, 1-D and 2-D, one chunk and many with a partial edge chunk.
    static var tree: H5Group {
        var generator = SystemRandomNumberGenerator()
        var root = H5Group()
        root.attributes["kind"] = .string("test")
        root.set("a/float64", H5Dataset(.float64((0..<150_000).map { _ in Double.random(in: 0..<1, using: &generator) })))
        root.set("a/float32_2d", H5Dataset(.float32((0..<(3_001 * 37)).map { Float($0 % 977) * 0.25 }), shape: [3_001, 37]))
        root.set("a/int8", H5Dataset(.int8((0..<70_000).map { Int8(truncatingIfNeeded: $0 &* 31) })))
        root.set("b/uint8", H5Dataset(.uint8((0..<5_000).map { UInt8(truncatingIfNeeded: $0) })))
        root.set("b/int32", H5Dataset(.int32((0..<66_000).map { Int32($0 / 3) })))
        root.set("b/int64_2d", H5Dataset(.int64((0..<(9_000 * 2)).map { Int64($0) * 1_000_003 }), shape: [9_000, 2]))
        root.set("b/uint64", H5Dataset(.uint64((0..<8_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })))
        root.set("b/strings", H5Dataset(.strings((0..<9_000).map { "arch-\($0 * 7)" })))
        // All zeros, as a run's cost columns are when its budget counts evaluations (their
        // chunks are deflated once and reused); and zeros but for one value in the edge chunk.
        root.set("c/zeros", H5Dataset(.float64([Double](repeating: 0, count: 150_000))))
        root.set("c/zeros_then_one", H5Dataset(.int32([Int32](repeating: 0, count: 140_000) + [7])))
        root.set("c/small", H5Dataset(.float64([1, 2, 3])))
        return root
    }

    @Test func chunksCompressedAheadAreTheLibrarysOwn() throws {
        let root = Self.tree
        var options = HDF5File.WriteOptions()
        options.deflateLevel = 4
        let ahead = temporaryPath("ahead.h5"), library = temporaryPath("library.h5")
        try HDF5File.write(root, to: ahead, options: options)
        // The same tree through libhdf5's filter pipeline.
        let image = try HDF5Library.withLock { () throws(HDF5Error) -> [UInt8] in
            try HDF5File.imageLocked(root, name: library + ".tmp", options: options, chunks: nil)
        }
        try AtomicFile.write(image, to: library)
        let a = try HDF5File.read(ahead), b = try HDF5File.read(library)
        #expect(a == root && b == root)
        // Each chunk the same size as libhdf5's, so the files are too.
        let size = { (p: String) in try FileManager.default.attributesOfItem(atPath: p)[.size] as? Int }
        #expect(try size(ahead) == size(library))
        #expect(try size(ahead) ?? 0 < 2_000_000, "the datasets are compressed")
        // And each stored chunk is the library's, byte for byte: the workers reuse one
        // zlib state across datasets of every width.
        for name in ["a/float64", "a/float32_2d", "a/int8", "b/int32", "b/int64_2d", "b/uint64", "b/strings", "c/zeros", "c/zeros_then_one"] {
            let mine = try Self.storage(ahead, name), theirs = try Self.storage(library, name)
            #expect(mine.filters == 2 && mine.chunks.count > 0, "\(name) is shuffled and deflated")
            let same = mine.chunks == theirs.chunks   // a Bool: a failure prints no megabytes
            #expect(same, "\(name): chunks differ from libhdf5's")
        }
    }

    @Test func datasetsThatDeflateLittleAreStoredPlain() throws {
        var root = Self.tree
        var generator = SystemRandomNumberGenerator()
        // Random low bytes, as measured accuracies have: deflate saves about a third.
        root.set("c/accuracies", H5Dataset(.float64((0..<70_000).map { _ in 90 + Double(UInt16.random(in: 0...9_999, using: &generator)) / 1_000 })))
        var options = HDF5File.WriteOptions()
        options.deflateLevel = 1
        options.minimumDeflateRatio = 4
        let path = temporaryPath("ratio.h5")
        try HDF5File.write(root, to: path, options: options)
        #expect(try HDF5File.read(path) == root)
        for name in ["a/float64", "c/accuracies"] {
            let stored = try Self.storage(path, name)
            #expect(stored.filters == 0 && stored.chunks.isEmpty, "\(name) deflates less than 4× and is stored as it is")
        }
        for name in ["a/float32_2d", "b/int32", "b/int64_2d", "b/strings"] {
            #expect(try Self.storage(path, name).filters == 2, "\(name) deflates well and is deflated")
        }
        // Small datasets stay contiguous whatever the ratio.
        #expect(try Self.storage(path, "c/small").filters == 0)
    }

    /// A dataset's filter count and, when it is chunked, every chunk as stored.
    static func storage(_ path: String, _ name: String) throws -> (filters: Int32, chunks: [[UInt8]]) {
        try HDF5Library.withLock { () throws(HDF5Error) in
            let file = H5Fopen(path, chdf5_acc_rdonly(), chdf5_p_default())
            guard file >= 0 else { throw HDF5Error(file: path, message: "cannot open") }
            defer { H5Fclose(file) }
            let ds = H5Dopen2(file, name, chdf5_p_default())
            guard ds >= 0 else { throw HDF5Error(file: path, message: "no dataset \(name)") }
            defer { H5Dclose(ds) }
            let plist = H5Dget_create_plist(ds)
            defer { H5Pclose(plist) }
            let filters = H5Pget_nfilters(plist)
            guard H5Pget_layout(plist) == H5D_CHUNKED else { return (filters, []) }
            let space = H5Dget_space(ds)
            defer { H5Sclose(space) }
            var dims = [hsize_t](repeating: 0, count: Int(H5Sget_simple_extent_ndims(space)))
            H5Sget_simple_extent_dims(space, &dims, nil)
            var chunk = dims
            H5Pget_chunk(plist, Int32(chunk.count), &chunk)
            var chunks: [[UInt8]] = []
            for start in stride(from: 0, to: dims[0], by: Int(chunk[0])) {
                var offset = [hsize_t](repeating: 0, count: dims.count)
                offset[0] = start
                var size: hsize_t = 0
                guard H5Dget_chunk_storage_size(ds, &offset, &size) >= 0 else { throw HDF5Error(file: path, message: "no chunk at \(start)") }
                var bytes = [UInt8](repeating: 0, count: Int(size))
                var mask: UInt32 = 0
                guard H5Dread_chunk(ds, chdf5_p_default(), &offset, &mask, &bytes) >= 0, mask == 0 else {
                    throw HDF5Error(file: path, message: "cannot read the chunk at \(start)")
                }
                chunks.append(bytes)
            }
            return (filters, chunks)
        }
    }

    @Test func aSingleChunkFileIsByteForByteTheLibrarysOwn() throws {
        var root = H5Group()
        root.set("log/objectives", H5Dataset(.float64((0..<20_000).map { Double($0 % 613) / 7 }), shape: [40, 500]))
        root.set("log/rows", H5Dataset(.int32((0..<20_000).map { Int32($0 % 15_625) }), shape: [40, 500]))
        let ahead = temporaryPath("ahead.h5"), library = temporaryPath("library.h5")
        try HDF5File.write(root, to: ahead)
        let image = try HDF5Library.withLock { () throws(HDF5Error) -> [UInt8] in
            try HDF5File.imageLocked(root, name: library + ".tmp", options: HDF5File.WriteOptions(), chunks: nil)
        }
        try AtomicFile.write(image, to: library)
        #expect(FileManager.default.contents(atPath: ahead) == FileManager.default.contents(atPath: library))
    }
}
