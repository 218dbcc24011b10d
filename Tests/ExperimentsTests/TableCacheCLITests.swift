import Foundation
import Testing

/// A table's parsed tree is cached beside it (`datasets/.cache/`, HDF5Kit `TreeCache`): the
/// second command reads the cache, answers exactly as the first, and a damaged cache is
/// ignored and written again.
@Suite struct TableCacheCLITests {
    @Test func aQueryAnswersTheSameFromTheCacheAndADamagedCacheIsRebuilt() throws {
        let folder = ExperimentFixtures.temporaryFolder()
        try FileManager.default.copyItem(atPath: ExperimentFixtures.datasets + "/nats-tss.h5", toPath: folder + "/nats-tss.h5")
        let query = ["query", "nats-tss", "1462", "--datasets", folder]
        let first = try ExperimentFixtures.nasreplay(query)
        #expect(first.status == 0, "\(first.stderr)")
        let cacheFolder = folder + "/.cache"
        let caches = try FileManager.default.contentsOfDirectory(atPath: cacheFolder)
        #expect(caches.count == 1 && caches[0].hasPrefix("nats-tss.h5.") && caches[0].hasSuffix(".tree"), "\(caches)")
        let cache = cacheFolder + "/" + caches[0]
        let written = try Data(contentsOf: URL(fileURLWithPath: cache))

        let second = try ExperimentFixtures.nasreplay(query)
        #expect(second.status == 0 && second.stdout == first.stdout)

        var damaged = written
        damaged[damaged.count / 2] ^= 0x40
        try damaged.write(to: URL(fileURLWithPath: cache))
        let third = try ExperimentFixtures.nasreplay(query)
        #expect(third.status == 0 && third.stdout == first.stdout && third.stderr.isEmpty, "\(third.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cache)) == written, "the damaged cache is replaced by a good one")
    }
}
