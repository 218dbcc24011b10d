import ArgumentParser
import Benchmarks
import Foundation

extension DatasetsCommand {
    /// `nasreplay datasets import nats-official --dir DIR`: NATS-Bench's official files, natively.
    struct NATSOfficial: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "nats-official",
            abstract: "Import NATS-Bench's official benchmark files (per-epoch curves, training times, params, FLOPs, latency).",
            discussion: """
            --dir reads an official folder natively (no Python): NATS-tss-v1_0-3ffb9-simple/ \
            (topology space, 15,625 cells; table nats-tss-official) or NATS-sss-v1_0-50262-simple/ \
            (size space, 32,768 cells; table nats-sss): meta.pickle.pbz2 and one NNNNNN.pickle.pbz2 \
            per cell, bzip2 through libbz2 and a pickle reader that accepts only what those files \
            hold and never runs code. A folder with only some cells imports those; `datasets info` \
            says how many.
            The table holds, per dataset and hp, the curves <dataset>_{train,valid,test}_{loss,acc}@<hp>ep \
            as [rows × hp] epoch columns (mean over seeds, as the official API's get_more_info), the \
            costs <dataset>_train_seconds@<hp>ep (cumulative) and <dataset>_{valid,test}_eval_seconds@<hp>ep, \
            <dataset>_{params_M,flops_M,latency_s}@<hp>ep, and where a schedule has several seeds each \
            seed's curves <dataset>_{train,valid,test}_{loss,acc}@<hp>ep_seed<s>, all in float64 \
            (datasets/FORMAT.md). The table is written as it is read: memory stays bounded whatever \
            the folder holds (the full topology space is about 2.6 GB on disk).
              nasreplay datasets import nats-official --dir ~/.torch/NATS-tss-v1_0-3ffb9-simple
            --csv reads the CSV of scripts/export_nats_official.py instead (needs Python and \
            nats_bench; kept as an alternative; default name nats-<space>-official).
            """)
        @OptionGroup var locations: Locations
        @Option(help: "An official NATS-Bench folder (meta.pickle.pbz2 and NNNNNN.pickle.pbz2 files).") var dir: String?
        @Option(help: "Or: the CSV of scripts/export_nats_official.py (.csv or .csv.gz).") var csv: String?
        @Option(help: "Table name to write (default: nats-tss-official or nats-sss for --dir; nats-<space>-official for --csv).") var name: String?
        @Flag(help: "Overwrite <datasets>/<name>.h5 if it exists, or use a built-in benchmark's name (refused without it).")
        var replace = false
        @Flag(help: ArgumentHelp("--dir: take each file's name as its cell, whatever it says inside (the official API's reading).",
                                 discussion: "By default a cell file whose arch_index or arch_str is another cell's is refused: a misnamed file would give one architecture another's results."))
        var asNamed = false
        @Option(help: "--dir: threads that read cell files (default: all cores).") var threads: Int?

        func validate() throws {
            guard (dir == nil) != (csv == nil) else {
                throw ValidationError("give exactly one of --dir DIR (the official NATS-Bench folder) and --csv FILE (the exporter's CSV)")
            }
        }

        func run() throws {
            if let name { _ = try importTarget(name, folder: locations.datasetsFolder, replace: replace) }
            let start = ContinuousClock.now
            if let dir {
                let progress = ProgressLine(label: "nats-official")
                if let threads, threads <= 0 { throw InputError("--threads must be positive, got \(threads)") }
                // The space, and so the default name, is the meta file's: peek at it first.
                let tableName = try name ?? NATSOfficialPickleImporter.defaultName(directory: dir)
                let output = try importTarget(tableName, folder: locations.datasetsFolder, replace: replace)
                let summary: NATSOfficialPickleImporter.Summary
                do {
                    summary = try NATSOfficialPickleImporter.importDirectory(dir, to: output, name: tableName, asNamed: asNamed,
                                                                             threads: threads ?? ProcessInfo.processInfo.activeProcessorCount) { done, total in
                        progress.update(done, of: total)
                    }
                } catch let error as BenchmarkError where error.isFailedWrite {
                    throw RunFailure("\(error)")
                }
                let seconds = (ContinuousClock.now - start).seconds
                print("imported \(output): \(summary.cells) cells (\(summary.space.rawValue), \(summary.cellsOfSpace)), schedules \(summary.schedules.map { "\($0.dataset)@\($0.epochs)ep" }.joined(separator: ", ")), \(summary.metrics) metrics and \(summary.costs) costs in float64 (\(String(format: "%.1f", seconds)) s)")
                if !summary.emptyColumns.isEmpty {
                    print("note: no values for \(summary.emptyColumns.joined(separator: ", ")); left out (attribute empty_columns)")
                }
                return
            }
            guard let csv else { return }
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

/// "label: 1500/15625 cells (10%), 12s elapsed" on stderr, at most every 10 % or 5 s.
final class ProgressLine: @unchecked Sendable {
    private let label: String
    private let start = ContinuousClock.now
    private var lastDecile = -1
    private var lastPrint = ContinuousClock.now

    init(label: String) { self.label = label }

    func update(_ done: Int, of total: Int) {
        let decile = 10 * done / max(1, total)
        let now = ContinuousClock.now
        guard decile > lastDecile || (now - lastPrint).seconds >= 5 || done == total else { return }
        guard total >= 100 || done == total else { return }
        lastDecile = decile
        lastPrint = now
        FileHandle.standardError.write(Data("\(label): \(done)/\(total) cells (\(100 * done / max(1, total))%), \(Int((now - start).seconds))s elapsed\n".utf8))
    }
}
