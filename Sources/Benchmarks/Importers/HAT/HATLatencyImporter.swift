import Foundation
import NASCore
import SearchSpaces

/// Builds the eight HAT latency tables (mit-han-lab/hardware-aware-transformers
/// `latency_dataset/`, MIT-style licence; see `../shared/data/README.md`), one benchmark
/// each: `hat-iwslt14deen-gpu-titanxp`, `hat-wmt14ende-cpu-raspberrypi`, ….
///
/// ```swift
/// let table = try HATLatencyImporter.build("wmt14ende_gpu_titanxp", from: "../shared/data")
/// let bench = try SampleTableBenchmark(table: table, offTable: .nearest(.hamming))
/// ```
///
/// The rows give each SubTransformer as per-layer *averages* (`encoder_ffn_embed_dim_avg`,
/// …), which do not determine DyNAS-T's 39-gene `HATTransformerSpace` vector. So these
/// tables use a generic tabular space (space name `hat-avg`): the ten configuration columns
/// are ten genes whose options are each column's distinct values, ascending, and searches
/// sample the measured rows. Rows with the same ten values (a few per file) are merged, with
/// their latencies averaged. Metrics: `lat_ms_encoder`, `lat_ms_decoder` (means) and
/// `lat_std_ms_encoder`, `lat_std_ms_decoder` as measured, plus `lat_ms` = encoder + decoder,
/// the latency HAT optimises. There is no BLEU column.
public enum HATLatencyImporter {
    public static let tables = [
        "iwslt14deen_gpu_titanxp", "wmt14ende_cpu_raspberrypi", "wmt14ende_cpu_xeon", "wmt14ende_gpu_titanxp",
        "wmt14enfr_cpu_raspberrypi", "wmt14enfr_cpu_xeon", "wmt14enfr_gpu_titanxp", "wmt19ende_gpu_titanxp",
    ]
    public static let configColumns = [
        "encoder_embed_dim", "encoder_layer_num", "encoder_ffn_embed_dim_avg", "encoder_self_attention_heads_avg",
        "decoder_embed_dim", "decoder_layer_num", "decoder_ffn_embed_dim_avg", "decoder_self_attention_heads_avg",
        "decoder_ende_attention_heads_avg", "decoder_arbitrary_ende_attn_avg",
    ]
    static let source = "mit-han-lab/hardware-aware-transformers latency_dataset"

    public static func file(_ table: String) -> String { "hat/\(table)_all.csv.gz" }
    /// `wmt14ende_gpu_titanxp` → `hat-wmt14ende-gpu-titanxp`.
    public static func benchmarkName(_ table: String) -> String { "hat-" + table.replacingOccurrences(of: "_", with: "-") }

    public static func build(_ table: String, from folder: String) throws(ImportError) -> BenchmarkTable {
        let relative = file(table)
        let path = folder + "/" + relative
        let csv = try CSVTable.read(path)
        var configValues: [[Double]] = []
        for c in configColumns { configValues.append(try csv.doubles(c)) }
        for (c, column) in configValues.enumerated() {
            if let k = column.firstIndex(where: { !$0.isFinite }) {
                throw ImportError(file: path, line: k + 2, message: "column '\(configColumns[c])' is empty or not finite")
            }
        }
        let layout = GeneLayout(zip(configColumns, configValues).map { name, values in
            GeneParameter(name, count: 1, options: Array(Set(values)).sorted())
        })
        let measured: [(column: String, id: String, summary: String)] = [
            ("latency_mean_encoder", "lat_ms_encoder", "mean encoder latency"),
            ("latency_mean_decoder", "lat_ms_decoder", "mean decoder latency"),
            ("latency_std_encoder", "lat_std_ms_encoder", "standard deviation of the encoder latency"),
            ("latency_std_decoder", "lat_std_ms_decoder", "standard deviation of the decoder latency"),
        ]
        let device = table.split(separator: "_").dropFirst().joined(separator: " ")
        var infos: [MetricInfo] = []
        var values: [[Double]] = []
        for m in measured {
            infos.append(MetricInfo(id: m.id, dataset: "latency", unit: "ms", direction: .min, source: source,
                                    sourceColumn: m.column, summary: "\(m.summary) on \(device), ms (HAT)"))
            values.append(try csv.doubles(m.column))
        }
        infos.append(MetricInfo(id: "lat_ms", dataset: "latency", unit: "ms", direction: .min, source: source,
                                sourceColumn: "latency_mean_encoder+latency_mean_decoder",
                                summary: "encoder + decoder mean latency on \(device), ms: the latency HAT optimises (derived)"))
        values.append(zip(values[0], values[1]).map(+))

        var builder = SampleTableBuilder(layout: layout, metrics: infos, sourceNames: [(relative as NSString).lastPathComponent])
        for k in 0..<csv.rowCount {
            let genes = (0..<configColumns.count).map { c in layout.parameters[c].index(of: configValues[c][k]) ?? 0 }
            let config = configColumns.map { "\($0)=\(csv.rows[k][csv.header.firstIndex(of: $0) ?? 0])" }.joined(separator: ",")
            builder.add(genes: genes, config: config, values: values.map { $0[k] }, source: 0)
        }
        let name = benchmarkName(table)
        return builder.table(
            name: name, searchSpace: "hat-avg",
            provenance: [
                "source": .string("\(source) (MIT-style licence); re-packed as \(relative) in the team's shared data folder"),
                "source_sha256": .string(try SampleTableBuilder.sourceDigests([(relative, path)])),
                "licence": .string("MIT"),
                "paper": .string("Wang et al., HAT: Hardware-Aware Transformers for Efficient Natural Language Processing (ACL 2020)"),
                "space_limitation": .string("rows are per-layer averages, not DyNAS-T's 39-gene HAT vectors; genes are the 10 given columns, options their distinct values"),
            ],
            description: "one row per distinct SubTransformer configuration as HAT gives it (per-layer averages); repeats averaged")
    }
}
