import ArgumentParser
import Benchmarks
import Foundation

extension DatasetsCommand {
    /// `nasreplay datasets import <kind> …`: tables built from files a user brings.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Import a benchmark file a user brings: nb101 (tfrecord), nats-official (CSV), csv (any table).",
            discussion: """
            Each writes <datasets>/<name>.h5 atomically in format v1 (datasets/FORMAT.md); then `nasreplay datasets info NAME` and `datasets verify NAME` work on it, and specs can name it. Run `nasreplay datasets import <kind> --help` for each kind's options.
            """,
            subcommands: [NB101.self, NATSOfficial.self, GenericCSV.self])
    }

    /// `nasreplay datasets import nb101 --tfrecord FILE`: the official NAS-Bench-101 data.
    struct NB101: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nb101",
            abstract: "Import NAS-Bench-101 from nasbench_only108.tfrecord or nasbench_full.tfrecord.",
            discussion: """
            Reads nasbench_only108.tfrecord (~500 MB) or nasbench_full.tfrecord (~2 GB) record by record and writes <datasets>/<name>.h5 atomically, with every budget × 3 repeats (datasets/FORMAT.md, "nb101"). Progress goes to stderr.
              nasreplay datasets import nb101 --tfrecord ~/data/nasbench_only108.tfrecord
            """)
        @OptionGroup var locations: Locations
        @Option(help: "The nasbench .tfrecord file.") var tfrecord: String
        @Option(help: "Table name to write (default: nb101).") var name: String = "nb101"
        @Flag(help: "Overwrite <datasets>/<name>.h5 if it exists, or use a built-in benchmark's name (refused without it).")
        var replace = false

        func run() throws {
            let output = try importTarget(name, folder: locations.datasetsFolder, replace: replace)
            let tableName = name
            let start = ContinuousClock.now
            let interactive = isatty(2) != 0
            let summary = try NB101TFRecordImporter.importFile(tfrecord, to: output, name: tableName) { progress in
                let line = "importing \(tfrecord): \(progress.line)"
                FileHandle.standardError.write(Data((interactive ? "\r\(line)" : line + "\n").utf8))
            }
            if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
            let seconds = (ContinuousClock.now - start).seconds
            print("imported \(output): \(summary.rows) cells, \(summary.records) runs, budgets \(summary.epochs.map(String.init).joined(separator: ", ")) epochs (\(String(format: "%.1f", seconds)) s)")
            if summary.hashMismatches > 0 {
                print("note: \(summary.hashMismatches) graphs do not hash to their record's key; rows keep the file's key (attribute hash_mismatches)")
            }
        }
    }
}
