import NASCore

/// The per-epoch values of one (dataset, hp) training schedule of the NATS-Bench official
/// export, as the importer collects them: one [capacity × epochs] array per measured
/// quantity, indexed by the official architecture index, NaN until a line fills it.
struct NATSOfficialSchedule {
    /// The exporter's measured columns, in its order, with what each becomes in the table.
    struct Quantity {
        var column: String
        /// NATS-Bench's `get_more_info` key the exporter read it from.
        var natsKey: String
        var unit: String
        var direction: Direction
        /// Times are costs (`/costs`); losses and accuracies are metrics.
        var isTime: Bool { unit == "s" }
    }

    static let quantities: [Quantity] = [
        Quantity(column: "train_loss", natsKey: "train-loss", unit: "loss", direction: .min),
        Quantity(column: "train_acc", natsKey: "train-accuracy", unit: "%", direction: .max),
        Quantity(column: "train_time_s", natsKey: "train-per-time", unit: "s", direction: .min),
        Quantity(column: "valid_loss", natsKey: "valid-loss", unit: "loss", direction: .min),
        Quantity(column: "valid_acc", natsKey: "valid-accuracy", unit: "%", direction: .max),
        Quantity(column: "valid_time_s", natsKey: "valid-per-time", unit: "s", direction: .min),
        Quantity(column: "test_loss", natsKey: "test-loss", unit: "loss", direction: .min),
        Quantity(column: "test_acc", natsKey: "test-accuracy", unit: "%", direction: .max),
        Quantity(column: "test_time_s", natsKey: "test-per-time", unit: "s", direction: .min),
    ]

    let dataset: String
    /// The hp setting: the number of epochs of the schedule (`12`, `200`; sss `01`, `12`, `90`).
    let epochs: Int
    private let capacity: Int
    /// One row-major [capacity × epochs] array per quantity; empty until a value arrives
    /// (cifar10 has no valid split: 3 of its 9 quantities never take any memory).
    private var values: [[Float]]
    /// 1 where a line has filled (index, epoch); catches duplicated lines.
    private var filled: [UInt8]

    init(dataset: String, epochs: Int, capacity: Int) {
        self.dataset = dataset; self.epochs = epochs; self.capacity = capacity
        values = Array(repeating: [], count: Self.quantities.count)
        filled = [UInt8](repeating: 0, count: capacity * epochs)
    }

    /// Stores one line's values; false when (index, epoch) was already filled.
    mutating func fill(index: Int, epoch: Int, with measured: [Double]) -> Bool {
        let slot = index * epochs + epoch
        guard filled[slot] == 0 else { return false }
        filled[slot] = 1
        for q in measured.indices where !measured[q].isNaN {
            if values[q].isEmpty { values[q] = [Float](repeating: .nan, count: capacity * epochs) }
            values[q][slot] = Float(measured[q])
        }
        return true
    }

    /// `<dataset>_<column>@<epochs>ep`: ids must be unique across datasets (FORMAT.md).
    func id(_ name: String) -> String { "\(dataset)_\(name)@\(epochs)ep" }

    /// The schedule's columns for the table's rows (official indices `indices`, ascending):
    /// losses and accuracies as metric curves; per-epoch evaluation seconds and cumulative
    /// training seconds as costs. Columns without a single value (NATS-Bench has no `valid`
    /// split for `cifar10`) are left out and returned by id in `empty`.
    ///
    /// - Complexity: O(rows × epochs × quantities)
    func columns(indices: [Int], source: String) -> (metrics: [MetricColumn], costs: [MetricColumn], empty: [String]) {
        let rows = indices.count
        var metrics: [MetricColumn] = [], costs: [MetricColumn] = [], empty: [String] = []
        func gather(_ q: Int) -> [Float] {
            if values[q].isEmpty { return [Float](repeating: .nan, count: rows * epochs) }
            // Every index of the space, in order: share the storage instead of copying it.
            if rows == capacity && indices.elementsEqual(0..<capacity) { return values[q] }
            var out = [Float](); out.reserveCapacity(rows * epochs)
            for i in indices { out.append(contentsOf: values[q][(i * epochs)..<(i * epochs + epochs)]) }
            return out
        }
        for (q, quantity) in Self.quantities.enumerated() {
            var series = gather(q)
            var name = quantity.column
            var summary: String
            let when = "epoch 0…\(epochs - 1) of the \(epochs)-epoch schedule on \(dataset), mean over seeds"
            if quantity.column == "train_time_s" {
                // Cumulative, so the value at epoch e is what training up to e costs; a
                // missing epoch makes every later sum NaN rather than too small.
                for r in 0..<rows {
                    var sum = 0.0
                    for e in 0..<epochs {
                        sum += Double(series[r * epochs + e])
                        series[r * epochs + e] = Float(sum)
                    }
                }
                name = "train_seconds"
                summary = "cumulative training seconds through each epoch (sum of train-per-time), \(when)"
            } else if quantity.isTime {
                name = quantity.column.replacingOccurrences(of: "_time_s", with: "_eval_seconds")
                summary = "seconds to evaluate the \(quantity.column.prefix(while: { $0 != "_" })) split at each epoch, \(when)"
            } else {
                summary = "\(quantity.column.replacingOccurrences(of: "_", with: " ")) at each \(when)"
            }
            let info = MetricInfo(id: id(name), dataset: dataset, unit: quantity.unit, direction: quantity.direction,
                                  source: source, sourceColumn: "\(quantity.column) (NATS-Bench '\(quantity.natsKey)')", summary: summary)
            guard series.contains(where: { !$0.isNaN }) else { empty.append(info.id); continue }
            let column = MetricColumn(info: info, series: MetricSeries(axis: .epoch, width: epochs, values: series), rows: rows)
            if quantity.isTime { costs.append(column) } else { metrics.append(column) }
        }
        return (metrics, costs, empty)
    }
}
