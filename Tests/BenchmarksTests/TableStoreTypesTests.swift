import Foundation
import HDF5Kit
import NASCore
import Testing
@testable import Benchmarks

/// DESIGN.md, "Layers": tables hold Benchmarks' own `TableAttribute`s and `ArchColumns`, and
/// only the store converts them to HDF5. The conversion loses nothing, writes `/archs` the
/// way the format lays it out, and HDF5's errors reach the user as the same one line.
@Suite struct TableStoreTypesTests {
    static func table() -> BenchmarkTable {
        var archs = ArchColumns()
        archs.attributes["description"] = .string("one row per architecture")
        archs.attributes["version"] = .int(2)
        archs["index"] = ArchColumn(.int32([0, 7]))
        archs["codes"] = ArchColumn(.int8([-1, 0, 4, 2, 1, 3]), shape: [2, 3])
        archs["options/ks"] = ArchColumn(.float64([3, 5, 7]))
        archs["options/e"] = ArchColumn(.float64([3, 4, 6]))
        archs["hash_hi"] = ArchColumn(.uint64([1, .max]))
        archs["big"] = ArchColumn(.int64([-5, 1 << 40]))
        archs["bits"] = ArchColumn(.uint8([0, 255]))
        archs["weights"] = ArchColumn(.float32([0.5, -1]))
        archs["names"] = ArchColumn(.strings(["none", "skip_connect"]))
        let info = MetricInfo(id: "acc", dataset: "cifar10", unit: "%", direction: .max, source: "test", sourceColumn: "acc", summary: "")
        return BenchmarkTable(
            name: "types", searchSpace: "toy", rows: 2,
            provenance: ["licence": .string("MIT"), "sample_rows": .int(3), "scale": .double(0.25),
                         "epochs": .ints([4, 12, 36, 108]), "weights": .doubles([0.5, 1.5])],
            archs: archs, metrics: [MetricColumn(info: info, values: [90, 91])])
    }

    @Test func attributesAndArchColumnsRoundTripThroughTheStore() throws {
        let table = Self.table()
        let path = TestTables.temporaryFile("types.h5")
        try BenchmarkStore.save(table, to: path)
        let loaded = try BenchmarkStore.load(path)
        #expect(loaded.archs == table.archs)
        for (key, value) in table.provenance { #expect(loaded.provenance[key] == value, "\(key)") }
        // The store adds what it owns; the format's own root attributes are not provenance.
        #expect(loaded.provenance["built_by"] == .string(BenchmarkStore.builtBy))
        #expect(loaded.provenance["content_sha256"]?.stringValue?.count == 64)
        #expect(loaded.provenance["format_version"] == nil && loaded.provenance["rows"] == nil)
    }

    @Test func slashNamesAreColumnsOfASubgroupInTheirOrder() throws {
        let path = TestTables.temporaryFile("types.h5")
        try BenchmarkStore.save(Self.table(), to: path)
        let archs = try #require(HDF5File.read(path).group(at: "archs"))
        #expect(archs.children.map(\.name) == ["index", "codes", "options", "hash_hi", "big", "bits", "weights", "names"])
        #expect(archs.group(at: "options")?.children.map(\.name) == ["ks", "e"])
        #expect(archs.dataset(at: "codes")?.shape == [2, 3])
        #expect(archs.attributes["description"] == .string("one row per architecture"))
    }

    @Test func anHDF5FailureIsABenchmarkErrorWithHDF5sOneLine() throws {
        let hdf5 = HDF5Error(file: "datasets/x.h5", message: "cannot create the file", stack: ["H5Fcreate: unable to open file", "outer"])
        #expect(BenchmarkError(hdf5).description == hdf5.description)
        #expect(BenchmarkError(HDF5Error(file: "f.h5", message: "file not found")).description == "f.h5: file not found")

        let missingFolder = TestTables.temporaryFile("no-such-folder") + "/types.h5"
        let error = try #require(throws: BenchmarkError.self) { try BenchmarkStore.save(Self.table(), to: missingFolder) }
        // The file is built in memory and written by NASReplay, so the system's reason is given.
        #expect(error.description.hasPrefix(missingFolder) && error.description.contains("No such file or directory"))
        #expect(error.isFailedWrite)
        #expect(!error.description.contains("\n"))
    }
}
