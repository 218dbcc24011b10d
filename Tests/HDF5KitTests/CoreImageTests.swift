import CHDF5
import Foundation
import Testing
@testable import HDF5Kit

/// `HDF5File.write` stamps and writes a file from the memory libhdf5's core driver built it
/// in (`CoreImage`: the heap, or the file itself mapped), not from a copy `H5Fget_file_image`
/// makes: the two must be the same bytes, or every file NASReplay writes would change.
@Suite struct CoreImageTests {
    @Test(arguments: [false, true])
    func theDriversMemoryIsTheImageLibhdf5Copies(mapped: Bool) throws {
        var root = H5Group()
        root.set("small", H5Dataset(.float64([1, 2, 3])))
        root.set("log/rows", H5Dataset(.int32((0..<50_000).map { Int32($0 % 15_625) })))
        // Random values: libhdf5's deflate cannot shrink them, so the image is large.
        var generator = SystemRandomNumberGenerator()
        root.set("log/accuracies", H5Dataset(.float64((0..<20_000).map { _ in Double.random(in: 0..<100, using: &generator) })))
        root.set("log/objectives", H5Dataset(.float64((0..<20_000).map { Double($0 % 613) / 7 }), shape: [10_000, 2]))
        root.set("names", H5Dataset(.strings((0..<100).map { "arch-\($0)" })))
        let name = HDF5KitTests.temporaryPath("core.h5", prefix: "core-image")
        let backing = mapped ? open(name + ".mapped", O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) : -1
        defer { if backing >= 0 { close(backing) } }
        let (inPlace, copied) = try HDF5Library.withLock { () throws(HDF5Error) -> ([UInt8], [UInt8]) in
            let core = backing >= 0 ? CoreImage(mapping: backing) : CoreImage()
            return try withExtendedLifetime(core) { () throws(HDF5Error) -> ([UInt8], [UInt8]) in
                var closer = HandleCloser()
                let fcpl = try HDF5File.fileCreationList(name)
                closer.add(fcpl, H5Pclose)
                let fapl = H5Pcreate(chdf5_p_file_access())
                closer.add(fapl, H5Pclose)
                // A small step: the file outgrows it, so the driver reallocates several times.
                _ = H5Pset_fapl_core(fapl, 64 << 10, false)
                try core.install(on: fapl)
                let file = H5Fcreate(name, chdf5_acc_trunc(), fcpl, fapl)
                #expect(file >= 0)
                closer.add(file, H5Fclose)
                for (path, node) in [("small", root.dataset(at: "small")!), ("rows", root.dataset(at: "log/rows")!),
                                     ("objectives", root.dataset(at: "log/objectives")!), ("accuracies", root.dataset(at: "log/accuracies")!),
                                     ("names", root.dataset(at: "names")!)] {
                    try HDF5File.writeDataset(path, node, into: file, path: name, options: HDF5File.WriteOptions())
                }
                _ = H5Fflush(file, H5F_SCOPE_GLOBAL)
                let size = H5Fget_file_image(file, nil, 0)
                var copy = [UInt8](repeating: 0, count: size)
                _ = copy.withUnsafeMutableBytes { H5Fget_file_image(file, $0.baseAddress, size) }
                guard let bytes = core.file(imageSize: size) else { return ([], copy) }
                return (Array(bytes[FileChecksum.userBlockSize...]), copy)
            }
        }
        #expect(copied.count > 100_000, "the datasets are in the image")
        #expect(inPlace.count == copied.count)
        let same = inPlace == copied   // a Bool: a failure prints no megabytes
        #expect(same, "the core driver's memory after a flush is not what H5Fget_file_image copies")
        if mapped {
            // Remapped at each of the driver's steps, and unmapped at the close: the file holds it all.
            let file = try [UInt8](Data(contentsOf: URL(fileURLWithPath: name + ".mapped")))
            let held = file.count >= FileChecksum.userBlockSize + copied.count
                && file[FileChecksum.userBlockSize..<(FileChecksum.userBlockSize + copied.count)].elementsEqual(copied)
            #expect(held, "the mapped file does not hold the image after the close")
            // The driver grew the file past its first step: what it wrote before is still there.
            let back = try HDF5File.read(name + ".mapped")
            for (stored, written) in [("small", "small"), ("rows", "log/rows"), ("objectives", "log/objectives"),
                                      ("accuracies", "log/accuracies"), ("names", "names")] {
                #expect(back.dataset(at: stored) == root.dataset(at: written), "\(stored)")
            }
        }
    }

    /// Many small objects: libhdf5 frees its unused room at the close and rewrites the
    /// superblock with a smaller end of file, after the file was stamped.
    @Test func aWrittenFileIsTheImageBuiltInTheHeap() throws {
        var root = H5Group()
        root.attributes["kind"] = .string("test")
        root.set("log/rows", H5Dataset(.int32((0..<300_000).map { Int32($0 % 15_625) })))
        root.set("log/values", H5Dataset(.float64((0..<200_000).map { Double($0 % 613) / 7 }), shape: [100_000, 2]))
        for g in 0..<40 {
            var group = H5Group()
            group.attributes = ["unit": .string("%"), "index": .int(Int64(g))]
            group.set("values", H5Dataset(.float32((0..<15_625).map { Float(($0 * 7919 + g) % 1000) / 10 })))
            group.set("names", H5Dataset(.strings((0..<20).map { "metric-\(g)-\($0)" })))
            root.set("metrics/m\(g)", .group(group))
        }
        let path = HDF5KitTests.temporaryPath("mapped.h5", prefix: "core-image")
        try HDF5File.write(root, to: path)
        let heap = try HDF5Library.withLock { () throws(HDF5Error) in
            try HDF5File.imageLocked(root, name: path + ".heap", options: HDF5File.WriteOptions())
        }
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let same = written == heap
        #expect(same, "the file built in its own mapped pages differs from the one built in the heap")
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["mapped.h5"], "a temporary is left")
    }

    @Test func aFileThatCannotGrowIsAnErrorWithTheSystemsReason() throws {
        let name = HDF5KitTests.temporaryPath("readonly.h5", prefix: "core-image")
        FileManager.default.createFile(atPath: name, contents: nil)
        let fd = open(name, O_RDONLY | O_CLOEXEC)
        defer { close(fd) }
        let core = CoreImage(mapping: fd)
        var root = H5Group()
        root.set("values", H5Dataset(.float64((0..<10_000).map(Double.init))))
        #expect(throws: HDF5Error.self) {
            try HDF5Library.withLock { () throws(HDF5Error) in
                try HDF5File.imageLocked(root, name: name + ".image", options: HDF5File.WriteOptions(), core: core) { $0.count }
            }
        }
        #expect(core.failure?.hasPrefix("cannot grow the file: ") == true, "\(core.failure ?? "no reason kept")")
    }

    @Test func aWrittenFileReadsBackAndCarriesItsStamp() throws {
        var root = H5Group()
        root.attributes["kind"] = .string("test")
        root.set("values", H5Dataset(.float64((0..<100_000).map { Double($0) / 3 })))
        let path = HDF5KitTests.temporaryPath("stamped.h5", prefix: "core-image")
        try HDF5File.write(root, to: path)
        #expect(try HDF5File.read(path, requireChecksum: true) == root)
        #expect(HDF5File.checksumStamp(path) != nil)
    }
}
