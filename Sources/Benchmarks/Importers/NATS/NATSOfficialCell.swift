import NASCore

/// One official cell file's values as table columns: what `nats_bench` 1.8 returns for the
/// cell, computed as the API computes it (NATS-OFFICIAL.md), in double precision.
///
/// Per (dataset, hp), with `<id>` = `<dataset>_…@<hp>ep`:
/// - the curves `train_{loss,acc}`, `valid_{loss,acc}`, `test_{loss,acc}` over the epochs:
///   `get_more_info(index, dataset, iepoch=e, hp=hp, is_random=False)`, the mean over the
///   seeds in `dataset_seed` order (`sum(values) / len(values)`);
/// - the costs `train_seconds` (cumulative, the API's `train-all-time`) and
///   `{valid,test}_eval_seconds` (the API's `valid-per-time`, `test-per-time`);
/// - `params_M`, `flops_M`, `latency_s`: `get_cost_info`;
/// - where the schedule has more than one seed, each seed's curves
///   `{train,valid,test}_{loss,acc}@<hp>ep_seed<s>` (`get_more_info(…, is_random=s)`). With
///   one seed the mean curves are that seed's.
///
/// NaN where the API has no value (an epoch the set is not evaluated at).
struct NATSOfficialCell: Sendable {
    /// A column of the official import.
    struct Key: Hashable, Sendable {
        enum Quantity: Int, CaseIterable, Sendable {
            case trainLoss, trainAcc, trainSeconds, validLoss, validAcc, validEvalSeconds, testLoss, testAcc, testEvalSeconds
            case params, flops, latency

            var name: String {
                switch self {
                case .trainLoss: "train_loss"
                case .trainAcc: "train_acc"
                case .trainSeconds: "train_seconds"
                case .validLoss: "valid_loss"
                case .validAcc: "valid_acc"
                case .validEvalSeconds: "valid_eval_seconds"
                case .testLoss: "test_loss"
                case .testAcc: "test_acc"
                case .testEvalSeconds: "test_eval_seconds"
                case .params: "params_M"
                case .flops: "flops_M"
                case .latency: "latency_s"
                }
            }
            var isCost: Bool { [.trainSeconds, .validEvalSeconds, .testEvalSeconds].contains(self) }
            var isCurve: Bool { ![.params, .flops, .latency].contains(self) }
        }

        var dataset: String
        var epochs: Int
        var quantity: Quantity
        /// The seed of a per-seed curve; nil for the mean over seeds.
        var seed: Int64?

        var id: String { "\(dataset)_\(quantity.name)@\(epochs)ep" + (seed.map { "_seed\($0)" } ?? "") }
        var width: Int { quantity.isCurve ? epochs : 1 }

        /// The table's order: dataset (the official order), hp, then the mean columns before
        /// each seed's, each in `Quantity` order.
        static func precedes(_ a: Key, _ b: Key) -> Bool {
            let rank = { (k: Key) in NATSOfficialImporter.datasets.firstIndex(of: k.dataset) ?? NATSOfficialImporter.datasets.count }
            return (rank(a), a.dataset, a.epochs, a.seed ?? -1, a.quantity.rawValue) < (rank(b), b.dataset, b.epochs, b.seed ?? -1, b.quantity.rawValue)
        }

        func info(source: String) -> MetricInfo {
            let schedule = "the \(epochs)-epoch schedule on \(dataset)"
            let who = seed.map { "seed \($0)'s run" } ?? "mean over seeds"
            let unit: String, direction: Direction, column: String, summary: String
            switch quantity {
            case .trainLoss, .validLoss, .testLoss, .trainAcc, .validAcc, .testAcc:
                let split = quantity.name.prefix { $0 != "_" }
                let isLoss = quantity.name.hasSuffix("loss")
                unit = isLoss ? "loss" : "%"
                direction = isLoss ? .min : .max
                column = "\(split)-\(isLoss ? "loss" : "accuracy") (get_more_info\(seed.map { ", is_random=\($0)" } ?? ""))"
                summary = "\(split) \(isLoss ? "loss" : "accuracy (%)") after each epoch 0…\(epochs - 1) of \(schedule), \(who)"
            case .trainSeconds:
                unit = "s"; direction = .min; column = "train-all-time (get_more_info)"
                summary = "cumulative training seconds through each epoch of \(schedule), \(who)"
            case .validEvalSeconds, .testEvalSeconds:
                let split = quantity.name.prefix { $0 != "_" }
                unit = "s"; direction = .min; column = "\(split)-per-time (get_more_info)"
                summary = "seconds per evaluation of the \(split) split through each epoch of \(schedule), \(who)"
            case .params:
                unit = "MB"; direction = .min; column = "params (get_cost_info)"; summary = "parameters (MB), mean over seeds, \(schedule)"
            case .flops:
                unit = "MFLOPs"; direction = .min; column = "flop (get_cost_info)"; summary = "FLOPs (M), mean over seeds, \(schedule)"
            case .latency:
                unit = "s"; direction = .min; column = "latency (get_cost_info)"; summary = "inference latency (s), mean over seeds, \(schedule)"
            }
            return MetricInfo(id: id, dataset: dataset, unit: unit, direction: direction, source: source, sourceColumn: column, summary: summary)
        }
    }

    /// The cell's columns and their values (`key.width` each), in the file's order.
    var columns: [(key: Key, values: [Double])] = []

    typealias LineError = NATSOfficialImporter.LineError

    /// Every (hp, dataset) of one cell file.
    init(_ root: PickleValue, index: Int, arch: String, asNamed: Bool) throws {
        guard let hps = root.dict, hps.count > 0 else { throw LineError(message: "is not a cell file (no hp → results dict)") }
        for (hpKey, results) in zip(hps.keys, hps.values) {
            guard let hp = hpKey.string, let epochs = Int(hp), (1...10_000).contains(epochs) else {
                throw LineError(message: "hp key \(hpKey.typeName) '\(hpKey.string ?? "")' is not an epoch count such as '12' or '200'")
            }
            if !asNamed {
                guard results["arch_index"]?.int == Int64(index) else {
                    throw LineError(message: "hp '\(hp)': arch_index is \(results["arch_index"]?.int.map(String.init) ?? "missing"), not the file's index \(index); the file is misnamed (--as-named reads it as cell \(index) anyway, as the official API does)")
                }
                guard results["arch_str"]?.string == arch else {
                    throw LineError(message: "hp '\(hp)': arch_str '\(results["arch_str"]?.string ?? "")' is not meta.pickle.pbz2's '\(arch)' for index \(index) (--as-named reads it as cell \(index) anyway, as the official API does)")
                }
            }
            guard let datasetSeed = results["dataset_seed"]?.dict, let all = results["all_results"]?.dict else {
                throw LineError(message: "hp '\(hp)': no dataset_seed or all_results dict")
            }
            for (datasetKey, seedList) in zip(datasetSeed.keys, datasetSeed.values) {
                guard let dataset = datasetKey.string, NATSOfficialImporter.datasets.contains(dataset) else { continue }
                guard let seeds = seedList.list?.compactMap(\.int), !seeds.isEmpty else {
                    throw LineError(message: "hp '\(hp)' \(dataset): no seeds in dataset_seed")
                }
                var trials: [Trial] = []
                for seed in seeds {
                    guard let record = all[.tuple([.string(dataset), .int(seed)])] else {
                        throw LineError(message: "hp '\(hp)' \(dataset): dataset_seed lists seed \(seed) but all_results has no (\(dataset), \(seed)) record")
                    }
                    trials.append(try Trial(record, epochs: epochs, context: "hp '\(hp)' \(dataset) seed \(seed)"))
                }
                add(dataset: dataset, epochs: epochs, trials: trials, seeds: seeds)
            }
        }
    }

    /// The columns of one (dataset, hp).
    private mutating func add(dataset: String, epochs: Int, trials: [Trial], seeds: [Int64]) {
        typealias Q = Key.Quantity
        let sets = NATSOfficialPickleImporter.evaluationSets(dataset)
        var mean = [[Double]](repeating: [Double](repeating: .nan, count: epochs), count: 9)
        var train = Running(), valid = Running(), test = Running()
        for e in 0..<epochs {
            let t = train.step(trials.map { $0.train(epoch: e) })
            let v = sets.valid.map { set in valid.step(trials.map { $0.eval(set, epoch: e) }) } ?? .missing
            let s = test.step(trials.map { $0.eval(sets.test, epoch: e) })
            for (q, value) in [(Q.trainLoss, t.loss), (.trainAcc, t.accuracy), (.trainSeconds, t.meanAllTime),
                               (.validLoss, v.loss), (.validAcc, v.accuracy), (.validEvalSeconds, v.perTime(epoch: e)),
                               (.testLoss, s.loss), (.testAcc, s.accuracy), (.testEvalSeconds, s.perTime(epoch: e))] {
                mean[q.rawValue][e] = value
            }
        }
        for q in Q.allCases where q.isCurve {
            columns.append((Key(dataset: dataset, epochs: epochs, quantity: q, seed: nil), mean[q.rawValue]))
        }
        // get_cost_info: means over seeds; latency keeps each seed's mean of positive values.
        let n = Double(trials.count)
        let latencies = trials.map { $0.latency.isEmpty ? Double.nan : $0.latency.reduce(0, +) / Double($0.latency.count) }.filter { $0 > 0 }
        for (q, value) in [(Q.params, trials.map(\.params).reduce(0, +) / n), (.flops, trials.map(\.flops).reduce(0, +) / n),
                           (.latency, latencies.isEmpty ? .nan : latencies.reduce(0, +) / Double(latencies.count))] {
            columns.append((Key(dataset: dataset, epochs: epochs, quantity: q, seed: nil), [value]))
        }
        guard trials.count > 1 else { return }
        for (seed, trial) in zip(seeds, trials) {
            var curves = [[Double]](repeating: [Double](repeating: .nan, count: epochs), count: 6)
            for e in 0..<epochs {
                let samples = [trial.train(epoch: e), sets.valid.map { trial.eval($0, epoch: e) } ?? nil, trial.eval(sets.test, epoch: e)]
                for (split, sample) in samples.enumerated() {
                    guard let sample, sample.recorded else { continue }
                    curves[2 * split][e] = sample.loss
                    curves[2 * split + 1][e] = sample.accuracy
                }
            }
            for (k, q) in [Q.trainLoss, .trainAcc, .validLoss, .validAcc, .testLoss, .testAcc].enumerated() {
                columns.append((Key(dataset: dataset, epochs: epochs, quantity: q, seed: seed), curves[k]))
            }
        }
    }

    /// One (dataset, seed) record (`ResultsCount`) of a cell, the fields the table uses, as
    /// arrays by epoch (NaN where an epoch is not recorded).
    struct Trial {
        let trainLoss: [Double], trainAccuracy: [Double], trainTimes: [Double]
        /// Per evaluation set (`x-valid`, `x-test`, `ori-test`).
        let evalAccuracy: [String: [Double]], evalLoss: [String: [Double]], evalTimes: [String: [Double]]
        let params: Double, flops: Double, latency: [Double]

        init(_ record: PickleValue, epochs: Int, context: String) throws {
            guard let trainLoss = record["train_losses"]?.dict, let trainAccuracy = record["train_acc1es"]?.dict,
                  let trainTimes = record["train_times"]?.dict, let evalAccuracy = record["eval_acc1es"]?.dict,
                  let evalLoss = record["eval_losses"]?.dict, let evalTimes = record["eval_times"]?.dict else {
                throw LineError(message: "\(context): a record without train_losses, train_acc1es, train_times, eval_acc1es, eval_losses or eval_times")
            }
            guard record["epochs"]?.int == Int64(epochs) else {
                throw LineError(message: "\(context): epochs is \(record["epochs"]?.int.map(String.init) ?? "missing"), not the hp's \(epochs)")
            }
            self.trainLoss = Self.byEpoch(trainLoss, epochs: epochs)
            self.trainAccuracy = Self.byEpoch(trainAccuracy, epochs: epochs)
            self.trainTimes = Self.byEpoch(trainTimes, epochs: epochs)
            self.evalAccuracy = Self.bySetAndEpoch(evalAccuracy, epochs: epochs)
            self.evalLoss = Self.bySetAndEpoch(evalLoss, epochs: epochs)
            self.evalTimes = Self.bySetAndEpoch(evalTimes, epochs: epochs)
            params = record["params"]?.double ?? .nan
            flops = record["flop"]?.double ?? .nan
            latency = record["latency"]?.list?.compactMap(\.double) ?? []
        }

        /// A dict int epoch → float as an array; keys outside 0..<epochs are ignored.
        static func byEpoch(_ dict: PickleDict, epochs: Int) -> [Double] {
            var out = [Double](repeating: .nan, count: epochs)
            for (key, value) in zip(dict.keys, dict.values) {
                if let e = key.int, (0..<Int64(epochs)).contains(e), let v = value.double { out[Int(e)] = v }
            }
            return out
        }

        /// A dict `'<set>@<epoch>'` → float as one array per set. The keys are parsed as
        /// bytes: a cell has about 7,000 of them.
        static func bySetAndEpoch(_ dict: PickleDict, epochs: Int) -> [String: [Double]] {
            var names: [String] = [], arrays: [[Double]] = []
            for (key, value) in zip(dict.keys, dict.values) {
                guard case .string(let text) = key, let v = value.double else { continue }
                let utf8 = text.utf8
                guard let at = utf8.lastIndex(of: UInt8(ascii: "@")) else { continue }
                var e = 0, digits = 0, valid = true
                for b in utf8[utf8.index(after: at)...] {
                    guard (48...57).contains(b), digits < 6 else { valid = false; break }
                    e = e * 10 + Int(b - 48)
                    digits += 1
                }
                guard valid, digits > 0, e < epochs else { continue }
                let name = utf8[..<at]
                let slot: Int
                if let i = names.firstIndex(where: { $0.utf8.elementsEqual(name) }) { slot = i } else {
                    names.append(String(Substring(name)))
                    arrays.append([Double](repeating: .nan, count: epochs))
                    slot = names.count - 1
                }
                arrays[slot][e] = v
            }
            return Dictionary(uniqueKeysWithValues: zip(names, arrays))
        }

        /// (loss, accuracy, this epoch's time) of the train set at epoch `e`.
        func train(epoch e: Int) -> Sample? {
            let loss = trainLoss[e], accuracy = trainAccuracy[e]
            return Sample(loss: loss, accuracy: accuracy, time: trainTimes[e], recorded: !loss.isNaN && !accuracy.isNaN)
        }

        /// The same for evaluation set `set` (`x-valid`, `x-test`, `ori-test`). Its time may
        /// be recorded where its loss and accuracy are not (tss hp 200's ori-test on
        /// cifar10-valid): the time is then still summed, as the API sums `eval_times`.
        func eval(_ set: String, epoch e: Int) -> Sample? {
            let time = evalTimes[set]?[e] ?? .nan
            guard let loss = evalLoss[set]?[e], let accuracy = evalAccuracy[set]?[e], !loss.isNaN, !accuracy.isNaN else {
                return Sample(loss: .nan, accuracy: .nan, time: time, recorded: false)
            }
            return Sample(loss: loss, accuracy: accuracy, time: time)
        }
    }

    /// One seed's values at one epoch; `recorded` false where the loss and accuracy are not.
    struct Sample {
        var loss, accuracy, time: Double
        var recorded = true
    }

    /// Per-seed running time sums (Σ_{j≤e} t_j, left to right, as Python's `sum`), and each
    /// epoch's means over seeds (`sum(values) / len(values)`).
    struct Running {
        var allTime: [Double] = []

        struct Epoch {
            var loss = Double.nan, accuracy = Double.nan, meanAllTime = Double.nan
            static let missing = Epoch()
            /// `*-per-time = *-all-time / (iepoch + 1)`.
            func perTime(epoch e: Int) -> Double { meanAllTime / Double(e + 1) }
        }

        /// Adds epoch e's samples (one per seed); the epoch's means, or all NaN when a seed has
        /// no value there (the API leaves the key out).
        mutating func step(_ samples: [Sample?]) -> Epoch {
            if allTime.count != samples.count { allTime = Array(repeating: 0, count: samples.count) }
            for (s, sample) in samples.enumerated() { allTime[s] += sample?.time ?? .nan }
            guard samples.allSatisfy({ $0?.recorded == true }) else { return .missing }
            let values = samples.compactMap { $0 }
            let n = Double(values.count)
            return Epoch(loss: Self.sum(values.map(\.loss)) / n, accuracy: Self.sum(values.map(\.accuracy)) / n,
                         meanAllTime: Self.sum(allTime) / n)
        }

        static func sum(_ values: [Double]) -> Double { values.reduce(0, +) }
    }
}
