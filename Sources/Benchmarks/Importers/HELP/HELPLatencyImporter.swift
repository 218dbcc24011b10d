import Foundation
import NASCore
import SearchSpaces

/// Builds the HELP latency sample tables (HayeonLee/HELP, MIT; see
/// `../shared/data/README.md`): `ofa-mbv3-help` (5,000 OFA-MobileNetV3 sub-networks with
/// elastic resolution, 12 latency settings) and `fbnet-help` (5,000 FBNet architectures,
/// 27 latency settings).
///
/// ```swift
/// let ofa = try HELPLatencyImporter.buildOFAMobileNetV3(from: "../shared/data")
/// try ofa.metric("lat_ms_titan_xp_32").values[0]     // 28.963…, ms
/// ```
///
/// Metric ids follow DESIGN.md: `lat_ms__<device>_<batch>` becomes `lat_ms_<device>_<batch>`.
/// HELP gives no accuracy. The OFA rows sample the resolution (128…224), so their space is
/// `ofa-mbv3-r`: DyNAS-T's 45 genes plus an `r` gene (`OFAMobileNetV3Space(resolutions:
/// OFAMobileNetV3Space.helpResolutions)`).
public enum HELPLatencyImporter {
    public static let ofaFile = "ofa-mbv3/ofa_mbv3_help_latency_5000.csv.gz"
    public static let fbnetFile = "fbnet/fbnet_help_latency_5000.csv.gz"
    static let source = "HayeonLee/HELP"

    public static func buildOFAMobileNetV3(from folder: String) throws(ImportError) -> BenchmarkTable {
        let path = folder + "/" + ofaFile
        let csv = try CSVTable.read(path)
        let space = OFAMobileNetV3Space(resolutions: OFAMobileNetV3Space.helpResolutions)
        let (ks, e, d, r) = (try csv.column("ks"), try csv.column("e"), try csv.column("d"), try csv.column("r"))
        var rows: [GeneVector] = []
        for (k, row) in csv.rows.enumerated() {
            do { rows.append(try space.architecture(helpKs: row[ks], e: row[e], d: row[d], r: row[r])) } catch {
                throw ImportError(file: path, line: k + 2, message: error.description)
            }
        }
        return try build(name: "ofa-mbv3-help", csv: csv, file: ofaFile, folder: folder, space: space, rows: rows,
                         identity: ["idx", "ks", "e", "d", "r"], dataset: "imagenet",
                         note: "OFA-MobileNetV3 sub-network with input resolution r")
    }

    public static func buildFBNet(from folder: String) throws(ImportError) -> BenchmarkTable {
        let path = folder + "/" + fbnetFile
        let csv = try CSVTable.read(path)
        let space = FBNetSpace()
        let (ops, arch) = (try csv.column("op_idx_list"), try csv.column("arch_str"))
        var rows: [GeneVector] = []
        for (k, row) in csv.rows.enumerated() {
            let x: GeneVector, y: GeneVector
            do {
                x = try space.architecture(opIndexList: row[ops])
                y = try space.architecture(archString: row[arch])
            } catch {
                throw ImportError(file: path, line: k + 2, message: error.description)
            }
            // The two identity columns must agree, or the op order assumed here is wrong.
            guard x == y else {
                throw ImportError(file: path, line: k + 2, message: "arch_str '\(row[arch])' disagrees with op_idx_list '\(row[ops])'")
            }
            rows.append(x)
        }
        return try build(name: "fbnet-help", csv: csv, file: fbnetFile, folder: folder, space: space, rows: rows,
                         identity: ["idx", "op_idx_list", "arch_str"], dataset: "fbnet",
                         note: "FBNet architecture (22 blocks)")
    }

    static func build<Space: GeneEncodedSpace>(
        name: String, csv: CSVTable, file: String, folder: String, space: Space, rows: [GeneVector],
        identity: [String], dataset: String, note: String
    ) throws(ImportError) -> BenchmarkTable {
        var infos: [MetricInfo] = []
        var values: [[Double]] = []
        for column in csv.header where !identity.contains(column) {
            guard column.hasPrefix("lat_ms__") else {
                throw ImportError(file: csv.path, line: 1, message: "unrecognised column '\(column)'; HELP tables have \(identity.joined(separator: ", ")) and lat_ms__<device> columns")
            }
            let device = String(column.dropFirst("lat_ms__".count))
            infos.append(MetricInfo(id: "lat_ms_\(device)", dataset: dataset, unit: "ms", direction: .min, source: source,
                                    sourceColumn: column, summary: "measured inference latency of the \(note) on \(device) (HELP)"))
            values.append(try csv.doubles(column))
        }
        var builder = SampleTableBuilder(layout: space.layout, metrics: infos, sourceNames: [(file as NSString).lastPathComponent])
        for (k, x) in rows.enumerated() {
            builder.add(genes: x.genes, config: space.describe(x), values: values.map { $0[k] }, source: 0)
        }
        return builder.table(
            name: name, searchSpace: space.name,
            provenance: [
                "source": .string("\(source) (MIT); re-packed as \(file) in the team's shared data folder"),
                "source_sha256": .string(try SampleTableBuilder.sourceDigests([(file, folder + "/" + file)])),
                "licence": .string("MIT"),
                "paper": .string("Lee et al., HELP: Hardware-Adaptive Efficient Latency Prediction for NAS via Meta-Learning (NeurIPS 2021)"),
            ],
            description: "one row per \(note) of the HELP table; genes in DyNAS-T's encoding, config as the space prints it")
    }
}
