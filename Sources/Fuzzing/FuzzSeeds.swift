import Benchmarks
import Foundation
import NASCore

/// The seed inputs of each target, built from real files: the project's experiment specs
/// and the first rows of a published HAT latency table (`shared/data/hat/`). Nothing is
/// invented and nothing from `shared/` is committed: the seeds are made when a run starts.
///
/// ```swift
/// let seeds = try FuzzSeeds(projectRoot: ".", sharedData: "../shared/data")
/// seeds.inputs(for: .spec)      // every experiments/*.toml
/// ```
public struct FuzzSeeds: Sendable {
    public let projectRoot: String
    public let sharedData: String
    /// The HAT table whose first rows seed the CSV, table, points and samples targets.
    static let hatTable = "hat/wmt14ende_cpu_raspberrypi_all.csv.gz"
    static let hatRows = 40

    let specs: [[UInt8]]
    let hatHeader: [String]
    let hatLines: [[String]]

    public init(projectRoot: String, sharedData: String) throws {
        self.projectRoot = projectRoot
        self.sharedData = sharedData
        let experiments = (projectRoot as NSString).appendingPathComponent("experiments")
        let names = try FileManager.default.contentsOfDirectory(atPath: experiments).filter { $0.hasSuffix(".toml") }.sorted()
        specs = try names.map { Array(try Data(contentsOf: URL(fileURLWithPath: (experiments as NSString).appendingPathComponent($0)))) }
        let hat = (sharedData as NSString).appendingPathComponent(Self.hatTable)
        let text = String(decoding: try GzipFile.read(hat), as: UTF8.self)
        let lines = text.split(separator: "\n").prefix(Self.hatRows + 1).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, lines.count > 1 else { throw FuzzSeedError("\(hat): no rows") }
        hatHeader = header
        hatLines = Array(lines.dropFirst())
    }

    /// The real NATS-Bench official files the pickle targets start from (size space: its
    /// cell files are the smaller, 84 KB decompressed; the topology space's cell has the
    /// partial 200-epoch schedule).
    static let natsFiles = ["nats-official/sss/000011.pickle.pbz2", "nats-official/tss/000284.pickle.pbz2"]

    /// The seeds of `target`, in a fixed order.
    public func inputs(for target: FuzzTarget, scratch: FuzzScratch) throws -> [[UInt8]] {
        switch target {
        case .spec:
            return specs
        case .csv:
            return [csv(hatHeader, hatLines), csv(hatHeader, hatLines, lineEnd: "\r\n"), csv(hatHeader, Array(hatLines.prefix(3)))]
        case .table, .tableResealed:
            // A real table: the seed CSV imported as `datasets import csv` does, then saved.
            let csvPath = try scratch.write(csv(hatHeader, hatLines), as: "seed.csv")
            let table = try GenericCSVImporter.build(csv: csvPath, mapping: FuzzTarget.csvMapping)
            let tablePath = (scratch.folder as NSString).appendingPathComponent("seed.h5")
            try BenchmarkStore.save(table, to: tablePath)
            return [Array(try Data(contentsOf: URL(fileURLWithPath: tablePath)))]
        case .points:
            let pairs = try columns(["latency_mean_encoder", "latency_mean_decoder"])
            let threes = try columns(["latency_mean_encoder", "latency_mean_decoder", "encoder_ffn_embed_dim_avg"])
            return [lines(pairs, separator: ","), lines(threes, separator: " "),
                    Array(("enc,dec\n").utf8) + lines(pairs, separator: ", ")]
        case .pickle, .pbz2:
            return try Self.natsFiles.map { name in
                let path = (sharedData as NSString).appendingPathComponent(name)
                let compressed = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
                return target == .pbz2 ? compressed : try Bzip2File.decompress(compressed, file: path)
            }
        case .samples:
            let one = try columns(["latency_mean_decoder"])
            let regression = try columns(["encoder_embed_dim", "encoder_layer_num", "decoder_layer_num", "latency_mean_decoder"])
            return [lines(one, separator: ","), Array("# decoder latency, ms\n".utf8) + lines(one, separator: ","),
                    Array("enc,layers,dec_layers,latency\n".utf8) + lines(regression, separator: ",")]
        }
    }

    private func csv(_ header: [String], _ rows: [[String]], lineEnd: String = "\n") -> [UInt8] {
        Array(([header] + rows).map { $0.joined(separator: ",") + lineEnd }.joined().utf8)
    }

    private func columns(_ names: [String]) throws -> [[String]] {
        let indices = try names.map { name in
            guard let i = hatHeader.firstIndex(of: name) else { throw FuzzSeedError("\(Self.hatTable): no column \(name)") }
            return i
        }
        return hatLines.map { row in indices.map { row[$0] } }
    }

    private func lines(_ rows: [[String]], separator: String) -> [UInt8] {
        Array(rows.map { $0.joined(separator: separator) + "\n" }.joined().utf8)
    }
}

public struct FuzzSeedError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
