import Testing
@testable import Indicators

/// Pins `Hypervolume` and the incremental types to `moocore.hypervolume` (moocore 0.3.2)
/// through every case of `oracles/hypervolume.json`.
@Suite struct HypervolumeOracleTests {
    let file: OracleFile

    init() throws { file = try OracleFile("hypervolume.json") }

    @Test func everySetCaseMatchesMoocore() {
        let sets = file.cases.filter { $0["kind"] as? String == "set" }
        #expect(sets.count == 60)
        for c in sets {
            let id = c["id"] as? String ?? "?"
            let points = oracleMatrix(c["points"])
            let ref = oracleVector(c["ref"]).compactMap { $0 }
            let expected = oracleDouble(c["hv"]) ?? .nan
            #expect(points.count == (c["n"] as? Int), "\(id)")
            let hv = Hypervolume.compute(points, reference: ref)
            #expect(close(hv, expected), "\(id): \(hv) vs \(expected)")
        }
    }

    @Test func everyCurvePrefixMatchesMoocore() {
        let curves = file.cases.filter { $0["kind"] as? String == "curve" }
        #expect(curves.count == 10)
        for c in curves {
            let id = c["id"] as? String ?? "?"
            let points = oracleMatrix(c["points"])
            let ref = oracleVector(c["ref"]).compactMap { $0 }
            let expected = oracleVector(c["hv_prefix"]).map { $0 ?? .nan }
            #expect(expected.count == 200, "\(id)")
            let curve = HypervolumeCurve.prefixes(points: points, reference: ref)
            #expect(curve.count == expected.count, "\(id)")
            var appended = HypervolumeCurve(reference: ref)
            var plane = ref.count == 2 ? IncrementalHypervolume2D(reference: ref) : nil
            var space = ref.count == 3 ? IncrementalHypervolume3D(reference: ref) : nil
            for k in 0..<min(curve.count, expected.count) {
                appended.append(points[k])
                plane?.insert(points[k])
                space?.insert(points[k])
                let incremental = plane?.value ?? space?.value ?? .nan
                let scratch = Hypervolume.compute(Array(points[...k]), reference: ref)
                #expect(close(curve[k], expected[k]), "\(id) prefix \(k + 1): \(curve[k]) vs \(expected[k])")
                #expect(close(appended.value, expected[k]), "\(id) prefix \(k + 1) (append)")
                #expect(close(incremental, expected[k]), "\(id) prefix \(k + 1) (incremental \(ref.count)-D)")
                #expect(close(scratch, expected[k]), "\(id) prefix \(k + 1) (from scratch)")
                if k > 0 { #expect(curve[k] >= curve[k - 1], "\(id): curve decreased at \(k + 1)") }
            }
            #expect(appended.values == curve, "\(id): append and prefixes disagree")
        }
    }
}
