import HDF5Kit
import NASCore

/// The layout of `runs.h5`; the only place its group paths and attribute names are spelled.
///
/// ```text
/// /                          attributes: experiment, trial_hash, code_version, seed (text), trials,
///                            budget, objectives, reported, reported_directions, hv_convention
///                            (multi-objective), checkpoints, benchmark, sample_table,
///                            budget_simulated_seconds (seconds budget only)
/// /<benchmark>/<label>/      attributes: type, parameters, mutation, cache,
///                            off_table_answers, stalled_trials, unanswered_queries
///     trial_seeds            [trials] uint64, each trial's seed exactly
///     log/                   trial, step, row, objectives [n × k], reported [n × r], cost,
///                            cumulative_cost, exact
///     curves/                best_signal, incumbent_<metric>…, hv, normalized_hv [trials × steps]
///     fronts/                trial, row (multi-objective)
/// ```
///
/// Groups and datasets are created in this order, and HDF5Kit keeps creation order, so the
/// bytes of a file do not depend on how its values were produced.
///
/// Seeds are never integer attributes: those are signed, and HDF5Kit once read them
/// through a Double. Files written before (integer attributes `seed` and `trial_seeds`,
/// whose trial seeds had been rounded to 53 significant bits) are still read as stored.
extension RunsFile {
    /// Reads a runs file.
    ///
    /// - Throws: `HDF5Error` for a missing or damaged file, `RunError` for an HDF5 file that
    ///   is not a search run's runs.h5.
    public static func read(_ path: String) throws -> RunsFile {
        try RunsFile(group: HDF5File.read(path), path: path)
    }

    /// Writes the file atomically (`HDF5File.write` renames a finished temporary file).
    ///
    /// Deflate level 1, not the tables' 4: on a 300-trial × 1,000-evaluation run the file is
    /// 4 % larger (2.22 vs 2.13 MB) and written in a third of the time; float logs barely
    /// compress further.
    ///
    /// A column whose first values deflate less than 4× is stored as it is: the answers
    /// (rows, objectives, reported metrics) have nearly random low bytes, deflate about 3×,
    /// and were three quarters of the deflate time. On that run the file is 6.1 MB instead
    /// of 2.2, and the whole run 0.85× the time (issue 18).
    public func write(to path: String) throws {
        var options = HDF5File.WriteOptions()
        options.deflateLevel = 1
        options.minimumDeflateRatio = 4
        try HDF5File.write(group(), to: path, options: options)
    }

    /// The HDF5 tree of the file.
    func group() -> H5Group {
        var root = H5Group()
        let p = provenance
        root.attributes = [
            "experiment": .string(p.experiment), "trial_hash": .string(p.trialHash),
            "code_version": .string(p.codeVersion), "seed": .string(String(p.seed)),
            "trials": .int(Int64(p.trials)), "budget": .string(p.budget.description),
            "objectives": .string(p.objectives.map(\.description).joined(separator: ",")),
            "reported": .string(p.reported.map(\.id).joined(separator: ",")),
            "reported_directions": .string(p.reported.map(\.direction.rawValue).joined(separator: ",")),
            "checkpoints": .doubles(p.checkpoints),
            "benchmark": .string(p.benchmark),
            "sample_table": .int(p.isSampleTable ? 1 : 0),
        ]
        if let hv = p.hypervolumeConvention { root.attributes["hv_convention"] = .string(hv) }
        // Only for a seconds budget, so runs.h5 of an evaluation budget is as it always was.
        if case .simulatedSeconds(let s) = p.budget { root.attributes["budget_simulated_seconds"] = .double(s) }
        let k = p.objectives.count, r = p.reported.count
        for c in configurations {
            var g = H5Group()
            g.attributes = [
                "type": .string(c.setup.type), "parameters": .string(c.setup.parameters),
                "mutation": .string(c.setup.mutation ?? Self.noMutation), "cache": .string(c.setup.cache),
                "off_table_answers": .int(Int64(c.offTableAnswers)),
                "stalled_trials": .int(Int64(c.stalledTrials)),
                "unanswered_queries": .int(Int64(c.unansweredQueries)),
            ]
            g.set("trial_seeds", H5Dataset(.uint64(c.trialSeeds)))
            let log = c.log, n = log.count
            g.set("log/trial", H5Dataset(.int32(log.trial)))
            g.set("log/step", H5Dataset(.int32(log.step)))
            g.set("log/row", H5Dataset(.int32(log.row)))
            g.set("log/objectives", H5Dataset(.float64(log.objectives), shape: [n, k]))
            g.set("log/reported", H5Dataset(.float64(log.reported), shape: [n, r]))
            g.set("log/cost", H5Dataset(.float64(log.cost)))
            g.set("log/cumulative_cost", H5Dataset(.float64(log.cumulativeCost)))
            g.set("log/exact", H5Dataset(.uint8(log.exact.map { $0 ? 1 : 0 })))
            // Stored as they are held, in this order: [trials × steps], NaN-padded.
            var curves = [("curves/best_signal", c.curves.bestSignal)]
            for (metric, matrix) in zip(p.reported, c.curves.incumbentReported) { curves.append(("curves/incumbent_\(metric.id)", matrix)) }
            if let hv = c.curves.hypervolume { curves.append(("curves/hv", hv)) }
            if let nhv = c.curves.normalizedHypervolume { curves.append(("curves/normalized_hv", nhv)) }
            for (name, matrix) in curves { g.set(name, H5Dataset(.float64(matrix.values), shape: [matrix.count, matrix.width])) }
            if let fronts = c.fronts {
                g.set("fronts/trial", H5Dataset(.int32(fronts.trial)))
                g.set("fronts/row", H5Dataset(.int32(fronts.row)))
            }
            root.set("\(p.benchmark)/\(c.setup.label)", .group(g))
        }
        return root
    }

    /// What `mutation` holds for an algorithm without a mutation operator of its own.
    static let noMutation = "none"

    /// Parses the tree `group()` writes. Attributes that files of every NASReplay version
    /// hold are required; the counts, `sample_table` and `reported_directions` default as
    /// the reports always read them (0, false, max).
    init(group root: H5Group, path: String) throws {
        func missing(_ what: String) -> RunError {
            RunError("\(path): not a NASReplay runs file (no \(what)); rerun `nasreplay run`")
        }
        guard let experiment = root.attributes["experiment"]?.stringValue,
              let benchmark = root.attributes["benchmark"]?.stringValue,
              let benchmarkGroup = root.group(at: benchmark) else { throw missing("experiment/benchmark attributes") }
        guard let trialHash = root.attributes["trial_hash"]?.stringValue,
              let codeVersion = root.attributes["code_version"]?.stringValue,
              let seed = Self.seed(root.attributes["seed"]),
              let trials = root.attributes["trials"]?.intValue,
              let budgetText = root.attributes["budget"]?.stringValue,
              let objectivesText = root.attributes["objectives"]?.stringValue else { throw missing("provenance attributes") }
        let budget: Budget
        if let seconds = root.attributes["budget_simulated_seconds"]?.doubleValue {
            budget = .simulatedSeconds(seconds)
        } else if let n = budgetText.split(separator: " ").first.flatMap({ Int($0) }), budgetText == Budget.evaluations(n).description {
            budget = .evaluations(n)
        } else {
            throw RunError("\(path): budget '\(budgetText)' is neither 'N evaluations' nor a simulated-seconds budget")
        }
        let objectives: [Objective]
        do { objectives = try objectivesText.split(separator: ",").map { try Objective(parsing: String($0)) } } catch {
            throw RunError("\(path): objectives attribute: \(error)")
        }
        let reportedIDs = (root.attributes["reported"]?.stringValue ?? "").split(separator: ",").map(String.init)
        let directionTexts = (root.attributes["reported_directions"]?.stringValue ?? "").split(separator: ",")
        let reported = try reportedIDs.enumerated().map { j, id in
            guard j < directionTexts.count else { return ReportedMetric(id: id, direction: .max) }
            guard let direction = Direction(rawValue: String(directionTexts[j])) else {
                throw RunError("\(path): reported_directions: '\(directionTexts[j])' is neither max nor min")
            }
            return ReportedMetric(id: id, direction: direction)
        }
        let checkpoints: [Double]
        if case .doubles(let d)? = root.attributes["checkpoints"] { checkpoints = d } else { checkpoints = [] }
        let provenance = Provenance(
            experiment: experiment, trialHash: trialHash, seed: seed, trials: Int(trials), budget: budget,
            checkpoints: checkpoints, benchmark: benchmark, isSampleTable: root.attributes["sample_table"]?.intValue == 1,
            objectives: objectives, reported: reported, hypervolumeConvention: root.attributes["hv_convention"]?.stringValue,
            codeVersion: codeVersion)
        var configurations: [Configuration] = []
        for (label, node) in benchmarkGroup.children {
            guard case .group(let g) = node else { continue }
            configurations.append(try Self.configuration(g, label: label, provenance: provenance, path: "\(path): \(benchmark)/\(label)"))
        }
        self.init(provenance: provenance, configurations: configurations)
    }

    private static func configuration(_ g: H5Group, label: String, provenance p: Provenance, path: String) throws -> Configuration {
        func missing(_ what: String) -> RunError { RunError("\(path): no \(what); rerun `nasreplay run`") }
        guard let type = g.attributes["type"]?.stringValue, let parameters = g.attributes["parameters"]?.stringValue,
              let mutation = g.attributes["mutation"]?.stringValue, let cache = g.attributes["cache"]?.stringValue,
              let seeds = trialSeeds(g) else { throw missing("type, parameters, mutation, cache or trial_seeds") }
        guard case .int32(let trial)? = g.dataset(at: "log/trial")?.data,
              case .int32(let step)? = g.dataset(at: "log/step")?.data,
              case .int32(let row)? = g.dataset(at: "log/row")?.data,
              case .float64(let objectives)? = g.dataset(at: "log/objectives")?.data,
              case .float64(let reported)? = g.dataset(at: "log/reported")?.data,
              case .float64(let cost)? = g.dataset(at: "log/cost")?.data,
              case .float64(let cumulative)? = g.dataset(at: "log/cumulative_cost")?.data,
              case .uint8(let exact)? = g.dataset(at: "log/exact")?.data else { throw missing("complete log") }
        func curve(_ name: String) throws -> CurveMatrix? {
            guard let ds = g.dataset(at: "curves/\(name)") else { return nil }
            guard case .float64(let values) = ds.data, ds.shape.count == 2, values.count == ds.shape[0] * ds.shape[1] else {
                throw RunError("\(path): curves/\(name) is not a [trials × steps] float64 matrix")
            }
            return CurveMatrix(values: values, rows: ds.shape[0], width: ds.shape[1])
        }
        guard let best = try curve("best_signal") else { throw missing("curves/best_signal") }
        let incumbents = try p.reported.map { m in
            guard let rows = try curve("incumbent_\(m.id)") else { throw missing("curves/incumbent_\(m.id)") }
            return rows
        }
        var fronts: Fronts?
        if case .int32(let trial)? = g.dataset(at: "fronts/trial")?.data, case .int32(let row)? = g.dataset(at: "fronts/row")?.data {
            fronts = Fronts(trial: trial, row: row)
        }
        var setup = Setup(label: label, type: type, parameters: parameters, mutation: mutation == noMutation ? nil : mutation, cache: cache)
        setup.label = label   // as stored, even if an older file kept characters safeName replaces
        return Configuration(
            setup: setup, trialSeeds: seeds,
            offTableAnswers: Int(g.attributes["off_table_answers"]?.intValue ?? 0),
            stalledTrials: Int(g.attributes["stalled_trials"]?.intValue ?? 0),
            unansweredQueries: Int(g.attributes["unanswered_queries"]?.intValue ?? 0),
            log: Log(trial: trial, step: step, row: row, objectives: objectives, reported: reported, cost: cost,
                     cumulativeCost: cumulative, exact: exact.map { $0 != 0 }),
            curves: Curves(bestSignal: best, incumbentReported: incumbents,
                           hypervolume: try curve("hv"), normalizedHypervolume: try curve("normalized_hv")),
            fronts: fronts)
    }

    /// The base seed: text, or in files written before, a (signed) integer attribute.
    private static func seed(_ attribute: H5Attribute?) -> UInt64? {
        switch attribute {
        case .string(let text)?: UInt64(text)
        case .int(let value)?: UInt64(bitPattern: value)
        default: nil
        }
    }

    /// Trial seeds: a uint64 dataset, or in files written before, an integer attribute.
    private static func trialSeeds(_ g: H5Group) -> [UInt64]? {
        switch g.dataset(at: "trial_seeds")?.data {
        case .uint64(let seeds)?: return seeds
        case .int64(let seeds)?: return seeds.map { UInt64(bitPattern: $0) }
        case nil: break
        default: return nil
        }
        switch g.attributes["trial_seeds"] {
        case .ints(let seeds)?: return seeds.map { UInt64(bitPattern: $0) }
        case .int(let seed)?: return [UInt64(bitPattern: seed)]
        default: return nil
        }
    }
}
