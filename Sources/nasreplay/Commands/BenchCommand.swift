import ArgumentParser
import Benchmarks
import Experiments
import Indicators
import Foundation
import NASCore
import SearchSpaces

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the performance floors of docs/ARCHITECTURE.md and print medians.",
        discussion: "Build in release mode first (`make bench` does). Needs datasets/nats-tss.h5, nb101-sample.h5 and ofa-mbv3-dynast.h5.")

    @OptionGroup var locations: Locations
    @Option(help: "Repetitions per measurement; the median is reported.") var repetitions = 7
    @Option(help: "Run one group only: tables, search, hypervolume, predictors (needs datasets/ofa-mbv3-dynast.h5), protocol (needs python3) or results (a whole run against a plain Python REA; needs python3 and --data).")
    var only: Group?
    @Option(help: "The shared data folder, for the Python baseline of the results group.") var data = "../shared/data"

    enum Group: String, ExpressibleByArgument, CaseIterable {
        case tables, search, hypervolume, predictors, `protocol`, results
    }

    func run() throws {
        let catalog = DatasetCatalog(folder: locations.datasetsFolder)
        print("nasreplay \(NASReplayVersion.string) bench — medians of \(repetitions) runs, one thread unless noted")
        print("")
        let groups = only.map { [$0] } ?? Group.allCases
        var rows: [[String]] = []
        for group in groups {
            switch group {
            case .tables: rows += try tableRows(catalog: catalog)
            case .search: rows += try searchRows(catalog: catalog)
            case .hypervolume: rows += hypervolumeRows()
            case .predictors: rows += try PredictorBench(catalog: catalog, repetitions: repetitions).rows()
            case .protocol: rows += try ProtocolBench(catalog: catalog, repetitions: repetitions).rows()
            case .results: rows += try ResultsPathBench(datasets: locations.datasetsFolder, data: data, repetitions: repetitions).rows()
            }
        }
        print(renderTable(["what", "median", "floor (docs/ARCHITECTURE.md)"], rows))
    }

    /// Loading nats-tss.h5 and the three ways of querying it.
    func tableRows(catalog: DatasetCatalog) throws -> [[String]] {
        let path = catalog.path(of: "nats-tss")

        let load = try medianSeconds(repetitions: repetitions) { blackHole(try BenchmarkStore.load(path)) }
        let table = try catalog.load("nats-tss")
        let bench = try NATSTopologyBenchmark(table: table)
        var rows: [[String]] = [["load nats-tss.h5 (15,625 × \(table.metrics.count) metrics, in-process)", formatSeconds(load), "< 50 ms"]]

        // Random rows drawn up front so the loop measures lookups only.
        var rng = Xoshiro256StarStar(seed: 1)
        let n = 20_000_000
        let indices = (0..<(1 << 20)).map { _ in Int32(rng.nextInt(below: table.rows)) }
        let column = try table.metric("c10_valid_200ep").values
        let byIndex = medianSeconds(repetitions: repetitions) {
            var sum: Float = 0
            column.withUnsafeBufferPointer { values in
                for i in 0..<n { sum += values[Int(indices[i & 0xFFFFF])] }
            }
            blackHole(sum)
        }
        rows.append(["query by row index (one metric, random rows)", formatRate(Double(n) / byIndex), "≥ 50 M/s"])

        let evaluator = try bench.evaluator(objectives: [Objective(metric: "c10_valid_200ep", direction: .max)], reported: ["c10_test_200ep"])
        let cells = indices.prefix(4096).map { bench.index.cell(at: Int($0))! }
        let m = 2_000_000
        let byCell = medianSeconds(repetitions: repetitions) {
            var sum = 0.0
            for i in 0..<m { sum += evaluator.evaluate(cells[i & 4095])?.objectives[0] ?? 0 }
            blackHole(sum)
        }
        rows.append(["query a cell through the Evaluator (objective + reported)", formatRate(Double(m) / byCell), ""])

        let strings = cells.map(\.archString)
        let k = 200_000
        let byString = medianSeconds(repetitions: repetitions) {
            var sum: Float = 0
            for i in 0..<k {
                if let cell = try? NATSTopologyCell(archString: strings[i & 4095]), let row = bench.row(of: cell) { sum += column[row] }
            }
            blackHole(sum)
        }
        rows.append(["query by arch string (parse + lookup)", formatRate(Double(k) / byString), "reported"])
        rows += try nb101Rows(catalog: catalog)

        return rows
    }
}

extension BenchCommand {
    /// 300 aging-evolution trials × 1,000 evaluations on NATS-TSS, on all cores: in memory,
    /// and as a full `nasreplay run` that also writes every trial record and runs.h5.
    func searchRows(catalog: DatasetCatalog) throws -> [[String]] {
        // The spec `--only results` runs as a whole process (ResultsPathBench).
        let spec = try ExperimentSpec.parse(ResultsPathBench.spec, file: "bench-aging.toml")
        var options = ExperimentRunner.Options()
        options.progress = false
        let threads = options.threads
        let runner = try ExperimentRunner(spec: spec, catalog: catalog, options: options)
        let inMemory = try medianSeconds(repetitions: repetitions) { blackHole(try runner.runInMemory()) }
        let withFiles = try withBenchFolder { results in
            var counter = 0
            return try medianSeconds(repetitions: max(1, repetitions / 2)) {
                counter += 1
                options.resultsRoot = results + "/\(counter)"
                _ = try ExperimentRunner(spec: spec, catalog: catalog, options: options).run()
            }
        }
        return [
            ["300 aging-evolution trials × 1,000 evaluations, \(threads) threads (in memory)", formatSeconds(inMemory), "< 3 s"],
            ["the same as a full run: trial records + runs.h5 + summary", formatSeconds(withFiles), "< 3 s"],
        ] + (try algorithmRows(catalog: catalog))
    }

    /// Each MOEA per trial of 500 evaluations (DESIGN floor ≤ 2 ms; AGE-MOEA and NSGA-II on
    /// 2 objectives, the others on 3, as their pymoo checks), and MOTPE at 250 (≤ 0.5 s;
    /// Optuna's own MOTPE takes seconds).
    func algorithmRows(catalog: DatasetCatalog) throws -> [[String]] {
        let bench = PerTrialBench(catalog: catalog, repetitions: repetitions)
        var rows: [[String]] = []
        for (type, objectives) in [("nsga2", 2), ("age-moea", 2), ("nsga3", 3), ("unsga3", 3), ("moead", 3), ("ctaea", 3)] {
            rows.append(try bench.row(type: type, objectives: objectives, evaluations: 500, floor: "≤ 2 ms"))
        }
        var motpe = bench
        motpe.trials = 4
        rows.append(try motpe.row(type: "motpe", objectives: 2, evaluations: 250, floor: "≤ 0.5 s"))
        return rows
    }

    /// Hypervolume curve of 2,000 evaluations (the incremental archive), per trial.
    func hypervolumeRows() -> [[String]] {
        var rng = Xoshiro256StarStar(seed: 5)
        func stream(_ d: Int) -> [[Double]] {
            (0..<2000).map { i in
                // A converging stream: later points are better on average, as in a search.
                let progress = Double(i) / 2000
                return (0..<d).map { _ in rng.nextUnit() * (1 - 0.6 * progress) + 0.05 }
            }
        }
        let two = stream(2), three = stream(3)
        let t2 = medianSeconds(repetitions: 21) { blackHole(HypervolumeCurve.prefixes(points: two, reference: [1, 1])) }
        let t3 = medianSeconds(repetitions: 5) { blackHole(HypervolumeCurve.prefixes(points: three, reference: [1, 1, 1])) }
        return [
            ["HV curve, 2,000 evaluations, 2 objectives (per trial)", formatSeconds(t2), "< 1 ms"],
            ["HV curve, 2,000 evaluations, 3 objectives (per trial)", formatSeconds(t3), "reported"],
        ]
    }
}

extension BenchCommand {
    /// An NB101 cell given as a graph, on the graphs of `nb101-sample` with their inner
    /// vertices renumbered at random (so the query is never the stored numbering): prune,
    /// then the canonical-form index, and for comparison nasbench's hash (MD5 rounds) alone,
    /// which is what a cell outside the table's graphs costs.
    func nb101Rows(catalog: DatasetCatalog) throws -> [[String]] {
        let table = try catalog.load("nb101-sample")
        let bench = try NB101Benchmark(table: table)
        let graphs = (0..<table.rows).filter(bench.archs.hasGraph).count
        let indexing = try medianSeconds(repetitions: repetitions) { blackHole(try NB101Benchmark(table: table)) }
        var rng = Xoshiro256StarStar(seed: 3)
        let cells = (0..<4096).compactMap { _ -> NB101Cell? in
            guard let variants = try? bench.archs.cell(at: rng.nextInt(below: table.rows))?.isomorphicVariants(),
                  !variants.isEmpty else { return nil }
            return variants[rng.nextInt(below: variants.count)]
        }
        guard !cells.isEmpty else { return [] }
        let k = 200_000
        let indexed = medianSeconds(repetitions: repetitions) {
            var found = 0
            for i in 0..<k where bench.row(of: cells[i % cells.count]) != nil { found += 1 }
            blackHole(found)
        }
        let hashed = medianSeconds(repetitions: repetitions) {
            var found = 0
            for i in 0..<k / 4 where bench.row(hashing: cells[i % cells.count]) != nil { found += 1 }
            blackHole(found)
        }
        return [["index nb101-sample (\(table.rows) hashes, \(graphs) graphs by canonical form)", formatSeconds(indexing), "reported"],
                ["query an NB101 cell given as a graph (prune + canonical form + lookup; renumbered graphs of the table)", formatRate(Double(k) / indexed), "≥ 200 k/s"],
                ["the same by nasbench's hash alone (prune + MD5 rounds + lookup; any cell outside the table's graphs)", formatRate(Double(k / 4) / hashed), "reported"]]
    }
}
