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
