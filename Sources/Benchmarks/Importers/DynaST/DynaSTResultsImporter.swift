import Foundation
import NASCore
import SearchSpaces

/// Builds a sample table from DyNAS-T results csvs (ALGORITHMS.md L.6): the
/// `ofa-mbv3-dynast` table from the five OFA-MobileNetV3 runs in `dynast-runs/` (IntelLabs/
/// DyNAS-T `notebooks/data`, Apache-2.0; see `../shared/data/README.md`).
///
/// ```swift
/// let table = try DynaSTResultsImporter.buildOFAMobileNetV3(from: "../shared/data")
/// table.rows                                             // 2,223 distinct sub-networks
/// try table.metric("accuracy_top1").values[0]            // mean over its repeats
/// ```
///
/// Each row's `Sub-network` is a Python dict literal, parsed strictly by the space (a
/// malformed one is an error with file and line). The metric columns are whichever of
/// DyNAS-T's headers are present, named with DyNAS-T's metric names (`params`, `latency`,
/// `macs`, `accuracy_top1`, …). DyNAS-T writes 0 for a metric it did not measure, so a
/// column that is 0 in every row is dropped and recorded in the `dropped_columns`
/// attribute: latency is 0 in all five runs, so `ofa-mbv3-dynast` has no latency. A
/// sub-network evaluated in several runs (or twice in one) becomes one row with the mean
/// values, its repeat count and the runs it came from.
public enum DynaSTResultsImporter {
    public static let ofaRuns = [
        "dynast-runs/mbnv3w10_evoga_acc.csv.gz",
        "dynast-runs/mbnv3w10_evonsga2_acc_macs.csv.gz",
        "dynast-runs/mbnv3w10_evounsga3_acc_macs_params.csv.gz",
        "dynast-runs/mbnv3w10_linasga_acc.csv.gz",
        "dynast-runs/mbnv3w10_linasnsga2_acc_macs.csv.gz",
    ]
    static let source = "IntelLabs/DyNAS-T notebooks/data"

    /// DyNAS-T's csv headers (`get_csv_header`) and what they measure.
    static let knownColumns: [String: (id: String, unit: String, direction: Direction, summary: String)] = [
        "Model Parameters": ("params", "count", .min, "trainable parameters (count of requires_grad parameters)"),
        "Latency (ms)": ("latency", "ms", .min, "mean latency of 50 timed forward passes, ms"),
        "MACs": ("macs", "count", .min, "multiply-accumulates, torchprofile at 224×224"),
        "Top-1 Acc (%)": ("accuracy_top1", "%", .max, "ImageNet top-1 accuracy (%)"),
        "Model Size": ("model_size", "MB", .min, "model size"),
        "BLEU Score": ("bleu", "BLEU", .max, "BLEU score"),
        "SST-2 Acc": ("accuracy_sst2", "%", .max, "SST-2 accuracy"),
        "HR@10": ("hr10", "ratio", .max, "hit rate at 10"),
    ]

    /// `ofa-mbv3-dynast` from the five runs under `folder`.
    public static func buildOFAMobileNetV3(from folder: String) throws(ImportError) -> BenchmarkTable {
        let space = OFAMobileNetV3Space()
        return try build(name: "ofa-mbv3-dynast", files: ofaRuns, from: folder, space: space, dataset: "imagenet",
                         parse: space.architecture(parsing:))
    }

    /// A sample table from any DyNAS-T results csvs of one space.
    ///
    /// - Parameters:
    ///   - files: paths relative to `folder`; each file is one source (run).
    ///   - parse: reads a `Sub-network` cell into the space's gene vector.
    public static func build<Space: GeneEncodedSpace>(
        name: String, files: [String], from folder: String, space: Space, dataset: String,
        parse: (String) throws(GeneError) -> GeneVector
    ) throws(ImportError) -> BenchmarkTable {
        var csvs: [CSVTable] = []
        for f in files { csvs.append(try CSVTable.read(folder + "/" + f)) }
        guard let first = csvs.first else { throw ImportError(file: folder, message: "no DyNAS-T results files given") }
        let metricColumns = first.header.filter { $0 != "Sub-network" && $0 != "Date" }
        var infos: [MetricInfo] = []
        for column in metricColumns {
            guard let known = knownColumns[column] else {
                throw ImportError(file: first.path, line: 1, message: "unrecognised column '\(column)'; DyNAS-T writes \(knownColumns.keys.sorted().joined(separator: ", "))")
            }
            infos.append(MetricInfo(id: known.id, dataset: dataset, unit: known.unit, direction: known.direction,
                                    source: source, sourceColumn: column,
                                    summary: known.summary + ", mean over the runs that evaluated the sub-network"))
        }
        var builder = SampleTableBuilder(layout: space.layout, metrics: infos, sourceNames: files.map { ($0 as NSString).lastPathComponent })
        for (s, csv) in csvs.enumerated() {
            guard csv.header.filter({ $0 != "Sub-network" && $0 != "Date" }) == metricColumns else {
                throw ImportError(file: csv.path, line: 1, message: "columns differ from \(first.path); all runs must share DyNAS-T's header")
            }
            let config = try csv.column("Sub-network")
            var values: [[Double]] = []
            for column in metricColumns { values.append(try csv.doubles(column)) }
            for (k, row) in csv.rows.enumerated() {
                let genes: GeneVector
                do { genes = try parse(row[config]) } catch {
                    throw ImportError(file: csv.path, line: k + 2, message: "Sub-network: \(error)")
                }
                builder.add(genes: genes.genes, config: space.describe(genes), values: values.map { $0[k] }, source: s)
            }
        }
        let dropped = builder.dropAllZeroColumns()
        let droppedText = dropped.map { "'\($0.sourceColumn)' (0 in every row: DyNAS-T writes 0 for metrics a run did not measure)" }
        let digests = try SampleTableBuilder.sourceDigests(files.map { ($0, folder + "/" + $0) })
        return builder.table(
            name: name, searchSpace: space.name,
            provenance: [
                "source": .string("\(source) (Apache-2.0): \(files.joined(separator: ", ")); re-packed in the team's shared data folder"),
                "source_sha256": .string(digests),
                "licence": .string("Apache-2.0"),
                "paper": .string("Cummings et al., A Hardware-Aware Framework for Accelerating Neural Architecture Search Across Modalities (LINAS, 2022); Cai et al., Once-for-All (ICLR 2020)"),
                "dropped_columns": .string(droppedText.isEmpty ? "none" : droppedText.joined(separator: "; ")),
            ],
            description: "one row per distinct sub-network of the DyNAS-T runs; genes are DyNAS-T's pymoo vector, config its dict literal; metrics are means over repeats")
    }
}
