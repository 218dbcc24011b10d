import Benchmarks
import Foundation
import NASCore
import SearchSpaces

/// FIXTURE, not upstream data: a small `nasbench_*.tfrecord` written in the exact upstream
/// format (TFRecord framing, JSON rows, base64 `ModelMetrics`), filled from real NB101 rows
/// of `../shared/data/nb101/nb101_first20k_by_hash.csv.gz`: graph, hash, 108-epoch
/// validation accuracy, training time and parameter count are the real values of repeat 0.
/// Everything the CSV lacks (other budgets, repeats 1–2, train/test accuracy, halfway
/// points) is derived from them by fixed offsets, so every field is distinct and checkable.
enum NB101Fixture {
    struct Run: Equatable {
        var hash: String
        var epochs: Int
        var repeatIndex: Int
        var adjacency: String
        var ops: String
        var metrics: NB101ModelMetrics
    }

    static let source: CSVTable = {
        do { return try CSVTable.read(TestTables.dataFolder + "/" + NB101SampleImporter.first20kFile) } catch { fatalError("\(error)") }
    }()

    /// nasbench's long op names, as the tfrecord stores them.
    static func longOps(_ tokens: String) -> String {
        tokens.split(separator: ",").map { (try? NB101Op(token: $0))?.nasbenchName ?? String($0) }.joined(separator: ",")
    }

    /// Runs for the first `cells` graph rows; `budgets` [108] mimics only108, [4, 12, 36, 108] the full file.
    /// `hashSalt` > 0 replaces keys by distinct synthetic hashes (for the large memory fixture).
    static func runs(cells: Int, budgets: [Int], rowOffset: Int = 0, hashSalt: Int = 0) -> [Run] {
        let csv = source
        guard let h = try? csv.column("hash"), let a = try? csv.column("adjacency_rowmajor"), let o = try? csv.column("ops"),
              let v = try? csv.column("val_acc_108ep"), let t = try? csv.column("train_time_s_108ep"),
              let p = try? csv.column("trainable_params") else { fatalError("fixture source lacks columns") }
        var out: [Run] = []
        for i in 0..<cells {
            let row = csv.rows[(rowOffset + i) % 10_250]
            let valid = Double(row[v]) ?? 0, time = Double(row[t]) ?? 0
            let params = Int32(row[p]) ?? 0
            var hash = row[h]
            if hashSalt > 0 { hash = MD5.hex("fixture-\(hashSalt)-\(i)") }
            for e in budgets {
                let scale = Double(e) / 108
                for r in 0..<3 {
                    let d = Double(r) * 0.001 + Double(e) * 1e-5
                    let final = NB101ModelMetrics.EvaluationData(
                        currentEpoch: Double(e), trainingTime: time * scale + Double(r), trainAccuracy: min(1, valid + 0.05 - d),
                        validationAccuracy: valid - d, testAccuracy: valid - 0.01 - d, checkpointPath: "")
                    let half = NB101ModelMetrics.EvaluationData(
                        currentEpoch: Double(e / 2), trainingTime: time * scale / 2 + Double(r), trainAccuracy: valid - 0.1 - d,
                        validationAccuracy: valid - 0.12 - d, testAccuracy: valid - 0.13 - d, checkpointPath: "")
                    let start = NB101ModelMetrics.EvaluationData(currentEpoch: 0, trainingTime: 0, trainAccuracy: 0.1,
                                                                 validationAccuracy: 0.1, testAccuracy: 0.1)
                    out.append(Run(hash: hash, epochs: e, repeatIndex: r, adjacency: row[a], ops: longOps(row[o]),
                                   metrics: NB101ModelMetrics(evaluations: [start, half, final], trainableParameters: params,
                                                              totalTime: time * scale + 100 + Double(r))))
                }
            }
        }
        return out
    }

    static func write(_ runs: [Run], to path: String) throws {
        let writer = try TFRecordWriter(path: path)
        for run in runs {
            let row = NB101TFRecordRow(moduleHash: run.hash, epochs: run.epochs, adjacency: run.adjacency,
                                       operations: run.ops, metrics: run.metrics)
            try writer.write(row.json)
        }
        try writer.close()
    }

    /// Byte offset of each record in a file written by `write`.
    static func offsets(of path: String) throws -> [Int64] {
        let reader = try TFRecordReader(path: path)
        var out: [Int64] = []
        while let r = try reader.next() { out.append(r.offset) }
        return out
    }
}
