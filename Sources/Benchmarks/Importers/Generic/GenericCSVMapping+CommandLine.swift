import NASCore

/// The command-line spelling of a mapping, for `nasreplay datasets import csv`.
///
/// ```swift
/// let metric = try GenericCSVMapping.Metric(commandLine: "top1:acc_top1:%:max")
/// let gene = try GenericCSVMapping.Gene(commandLine: "ks", listSeparator: "-", options: "3,5,7")
/// ```
///
/// Errors are `MappingError`s that quote the flag and its value, so the CLI prints one line
/// that says what to type instead.
extension GenericCSVMapping.Metric {
    /// `COLUMN[:ID[:UNIT]]:max|min`: the column, the id specs use (default: the column), the
    /// unit (default: none), and which way is better. The direction is always the last part,
    /// so `acc:max` and `acc:top1:%:max` both read naturally.
    public init(commandLine text: String, dataset: String = "custom") throws(GenericCSVMapping.MappingError) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        let usage = "write COLUMN[:ID[:UNIT]]:max|min, e.g. top1:acc_top1:%:max or latency:lat_ms:ms:min"
        guard (2...4).contains(parts.count), let last = parts.last else {
            throw .init(flag: "--metric", value: text, message: usage)
        }
        guard let direction = Direction(rawValue: last) else {
            throw .init(flag: "--metric", value: text, message: "the last part '\(last)' must be max or min; \(usage)")
        }
        guard !parts[0].isEmpty else { throw .init(flag: "--metric", value: text, message: "no column; \(usage)") }
        let id = parts.count >= 3 && !parts[1].isEmpty ? parts[1] : parts[0]
        // The id names a dataset in the file: /metrics/<dataset>/<id>.
        guard !id.contains("/"), id != ".", id != "..", !id.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .init(flag: "--metric", value: text, message: "a metric id cannot be '.' or '..' or contain '/' or control characters")
        }
        self.init(column: parts[0], id: id, direction: direction, unit: parts.count == 4 ? parts[2] : "", dataset: dataset)
    }
}

extension GenericCSVMapping.Gene {
    /// A gene column; `listSeparator` splits a list-valued column (`3-5-7`) into one gene per
    /// position; `options` (`3,5,7`) fixes the option order instead of the ascending distinct
    /// values.
    public init(commandLine column: String, listSeparator: Character? = nil, options: String? = nil) throws(GenericCSVMapping.MappingError) {
        let name = column.trimmingSpaces
        guard !name.isEmpty else { throw .init(flag: "--genes", value: column, message: "empty column name; give column names separated by commas") }
        // The name becomes the dataset /archs/options/<name>.
        guard name != ".", name != "..", !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
            throw .init(flag: "--genes", value: column, message: "a gene column cannot be named '.' or '..' or hold control characters")
        }
        var values: [Double]?
        if let options {
            var parsed: [Double] = []
            for part in options.split(separator: ",") {
                guard let v = Double(String(part).trimmingSpaces), v.isFinite else {
                    throw .init(flag: "--options", value: "\(name)=\(options)", message: "'\(part)' is not a number; write COLUMN=V1,V2,…")
                }
                parsed.append(v)
            }
            guard !parsed.isEmpty, Set(parsed).count == parsed.count else {
                throw .init(flag: "--options", value: "\(name)=\(options)", message: "give each option once, e.g. ks=3,5,7")
            }
            values = parsed
        }
        self.init(column: name, separator: listSeparator, options: values)
    }
}

extension GenericCSVMapping {
    /// A flag whose value cannot be a mapping: `--metric 'acc:best': the last part 'best' must be max or min; …`.
    public struct MappingError: Error, CustomStringConvertible, Sendable {
        public var flag: String
        public var value: String
        public var message: String
        public init(flag: String, value: String, message: String) { self.flag = flag; self.value = value; self.message = message }
        public var description: String { "\(flag) '\(value)': \(message)" }
    }
}
