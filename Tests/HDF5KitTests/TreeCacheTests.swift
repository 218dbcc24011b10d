import Foundation
import Testing
@testable import HDF5Kit

/// `TreeCache`: the tree a verified file parsed to comes back equal from the cache, only for
/// the same digest, size and limits, and only if it passes the read's shape check; damaged
/// or hostile cache bytes are no cache, never a crash.
@Suite struct TreeCacheTests {
    static func tree() -> H5Group {
        var root = H5Group()
        root.attributes["format_version"] = .int(1)
        root.attributes["name"] = .string("größe")
        root.attributes["weights"] = .doubles([0.5, -0.0, .nan])
        root.attributes["ids"] = .ints([-3, .max])
        root.set("metrics/cifar10/acc", H5Dataset(.float32([93.76, 90.1987, .nan]), attributes: ["unit": .string("%"), "x": .double(2.5)]))
        root.set("metrics/cifar10/per_seed", H5Dataset(.float64([1, 2, 3, 4, 5, 6]), shape: [3, 2]))
        root.set("archs/index", H5Dataset(.int32([0, 1, 2])))
        root.set("archs/hash", H5Dataset(.uint64([1, .max, 7])))
        root.set("archs/big", H5Dataset(.int64([-1, 0, .min])))
        root.set("archs/codes", H5Dataset(.int8([-1, 0, 4])))
        root.set("archs/bits", H5Dataset(.uint8([0, 1, 255])))
        root.set("archs/names", H5Dataset(.strings(["none", "", "ünï"])))
        return root
    }

    static func file() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("treecache-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("table.h5").path
    }

    @Test func aStoredTreeComesBackEqualForItsDigestSizeAndLimitsOnly() throws {
        let path = Self.file(), tree = Self.tree()
        TreeCache.store(tree, for: path, digest: "00000000000000ab", size: 100, limits: .standard)
        let back = TreeCache.load(for: path, digest: "00000000000000ab", size: 100, limits: .standard, shapeCheck: nil)
        // NaN is not equal to itself: compare everything else, then the NaNs' bits.
        #expect(back?.dataset(at: "metrics/cifar10/per_seed") == tree.dataset(at: "metrics/cifar10/per_seed"))
        #expect(back?.dataset(at: "archs/names") == tree.dataset(at: "archs/names"))
        #expect(back?.children.map(\.name) == tree.children.map(\.name))
        guard case .float32(let acc)? = back?.dataset(at: "metrics/cifar10/acc")?.data else { Issue.record("no acc"); return }
        #expect(acc.map(\.bitPattern) == [Float(93.76), 90.1987, .nan].map(\.bitPattern))
        #expect(back?.attributes["ids"] == .ints([-3, .max]) && back?.attributes["name"] == .string("größe"))
        guard case .doubles(let w)? = back?.attributes["weights"] else { Issue.record("no weights"); return }
        #expect(w.map(\.bitPattern) == [0.5, -0.0, Double.nan].map(\.bitPattern))

        #expect(TreeCache.load(for: path, digest: "00000000000000ac", size: 100, limits: .standard, shapeCheck: nil) == nil)
        var other = HDF5File.ReadLimits()
        other.maxObjects = 10
        #expect(TreeCache.load(for: path, digest: "00000000000000ab", size: 100, limits: other, shapeCheck: nil) == nil)
        #expect(TreeCache.load(for: path, digest: "00000000000000ab", size: 101, limits: .standard, shapeCheck: nil) == nil)
        // The read's shape check applies to a cached tree too.
        let refuse: HDF5File.ShapeCheck = { location, shape, _ in location == "/archs/index" && shape == [3] ? "too short" : nil }
        #expect(TreeCache.load(for: path, digest: "00000000000000ab", size: 100, limits: .standard, shapeCheck: refuse) == nil)
        // A new digest replaces the old tree.
        TreeCache.store(tree, for: path, digest: "00000000000000cd", size: 100, limits: .standard)
        #expect(TreeCache.load(for: path, digest: "00000000000000ab", size: 100, limits: .standard, shapeCheck: nil) == nil)
        #expect(TreeCache.load(for: path, digest: "00000000000000cd", size: 100, limits: .standard, shapeCheck: nil) != nil)
    }

    @Test("20,000 mutated caches: none crashes the decoder, and none with a wrong trailer is used")
    func mutatedCachesAreNoCache() throws {
        let path = Self.file()
        TreeCache.store(Self.tree(), for: path, digest: "0000000000000001", size: 1, limits: .standard)
        let cache = TreeCache.path(for: path, digest: "0000000000000001")
        let original = try [UInt8](Data(contentsOf: URL(fileURLWithPath: cache)))
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        for round in 0..<20_000 {
            var bytes = original
            switch round % 3 {
            case 0: for _ in 0..<(1 + next() % 4) { bytes[next() % bytes.count] = UInt8(truncatingIfNeeded: next()) }
            case 1: bytes.removeLast(1 + next() % (bytes.count - 1))
            default: bytes.insert(contentsOf: (0..<(1 + next() % 16)).map { _ in UInt8(truncatingIfNeeded: next()) }, at: next() % bytes.count)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: cache))
            // Without a matching trailer nothing is decoded; re-sealing the mutation tests the
            // decoder itself against hostile content.
            #expect(TreeCache.load(for: path, digest: "0000000000000001", size: 1, limits: .standard, shapeCheck: nil) == nil || bytes == original)
            if bytes.count > 16 {
                let body = Array(bytes.dropLast(8))
                let sealed = body + withUnsafeBytes(of: body.withUnsafeBytes { XXH64.hash($0) }.littleEndian) { Array($0) }
                try Data(sealed).write(to: URL(fileURLWithPath: cache))
                _ = TreeCache.load(for: path, digest: "0000000000000001", size: 1, limits: .standard, shapeCheck: nil)
            }
        }
    }
}
