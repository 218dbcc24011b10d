import ArgumentParser
import Benchmarks
import Foundation

extension DatasetsCommand {
    /// `nasreplay datasets import nats-official --csv FILE`: NATS-Bench per-epoch curves.
    struct NATSOfficial: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nats-official",
            abstract: "Import NATS-Bench per-epoch curves and training times exported by scripts/export_nats_official.py.",
            discussion: """
            The CSV (plain or .gz) has one line per architecture × dataset × hp × epoch, as the exporter writes it. The table (search space nats-topology for tss, nats-size for sss) holds, per dataset and hp, the curves <dataset>_{train,valid,test}_{loss,acc}@<hp>ep as [rows × hp] epoch columns, and the costs <dataset>_train_seconds@<hp>ep (cumulative training seconds) and <dataset>_{valid,test}_eval_seconds@<hp>ep (datasets/FORMAT.md).
              python3 scripts/export_nats_official.py --space tss --out tss.csv.gz
              nasreplay datasets import nats-official --csv tss.csv.gz
            """)
        @OptionGroup var locations: Locations
        @Option(help: "The exporter's CSV (.csv or .csv.gz).") var csv: String
        @Option(help: "Table name to write (default: nats-<space>-official, from the file's space column).") var name: String?
        @Flag(help: "Overwrite <datasets>/<name>.h5 if it exists, or use a built-in benchmark's name (refused without it).")
        var replace = false

        func run() throws {
            if let name { _ = try importTarget(name, folder: locations.datasetsFolder, replace: replace) }
            let start = ContinuousClock.now
            let (table, summary) = try NATSOfficialImporter.read(csv, name: name ?? "")
            var named = table
            named.name = name ?? "nats-\(summary.space.rawValue)-official"
            let output = try importTarget(named.name, folder: locations.datasetsFolder, replace: replace)
            try saveImported(named, to: output, folder: locations.datasetsFolder)
            let seconds = (ContinuousClock.now - start).seconds
            print("imported \(output): \(summary.rows) architectures (\(summary.space.rawValue)), \(summary.lines) lines, schedules \(summary.schedules.map { "\($0.dataset)@\($0.epochs)ep" }.joined(separator: ", ")) (\(String(format: "%.1f", seconds)) s)")
            if !summary.emptyColumns.isEmpty {
                print("note: no values for \(summary.emptyColumns.joined(separator: ", ")); left out (attribute empty_columns)")
            }
        }
    }
}
