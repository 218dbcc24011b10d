import Foundation
import NASCore
import Predictors

/// Numeric CSV files for `nasreplay predictors fit-predict`: one sample per line, the
/// target in the last column.
///
/// ```swift
/// let train = try RegressionCSV.read("train.csv")                          // x and y
/// let test = try RegressionCSV.readFeatures("test.csv", featureCount: train.x.columns)
/// ```
///
/// Cells are separated by commas and trimmed; blank lines and lines starting with `#` are
/// skipped; an optional first line of column names (no cell numeric) is skipped. Every
/// other cell must be a finite number and every row as wide as the first. A test file may
/// carry the target column (it is ignored) or leave it out.
public enum RegressionCSV {
    /// A problem with a CSV file: `file:line: message`, one line.
    public struct InputError: Error, CustomStringConvertible, Sendable, Equatable {
        public var description: String
        init(_ file: String, _ line: Int?, _ message: String) {
            description = OneLineText.escapingControls(line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)")
        }
    }

    /// Training data: features and targets.
    public static func read(_ path: String) throws(InputError) -> (x: Matrix, y: [Double]) {
        let rows = try table(path)
        guard let width = rows.first?.values.count, width >= 2 else {
            throw InputError(path, rows.first?.line, "a training file needs at least one feature column and the target column")
        }
        var features: [Double] = [], targets: [Double] = []
        for row in rows {
            let target = row.values[width - 1]
            guard target.isFinite else { throw InputError(path, row.line, "target is \(target); targets must be finite") }
            for (c, v) in row.values.dropLast().enumerated() where !v.isFinite {
                throw InputError(path, row.line, "column \(c + 1) is \(v); features must be finite")
            }
            features.append(contentsOf: row.values.dropLast())
            targets.append(target)
        }
        return (Matrix(rows: rows.count, columns: width - 1, values: features), targets)
    }

    /// Test features for a model fitted on `featureCount` features; a last target column,
    /// if present, is dropped.
    public static func readFeatures(_ path: String, featureCount: Int) throws(InputError) -> Matrix {
        let rows = try table(path)
        guard let width = rows.first?.values.count else { return Matrix(rows: 0, columns: featureCount) }
        guard width == featureCount || width == featureCount + 1 else {
            throw InputError(path, rows[0].line,
                             "\(width) columns, but the training file has \(featureCount) features (give \(featureCount), or \(featureCount + 1) with the target last)")
        }
        var features: [Double] = []
        for row in rows {
            let values = row.values.prefix(featureCount)
            for (c, v) in values.enumerated() where !v.isFinite {
                throw InputError(path, row.line, "column \(c + 1) is \(v); features must be finite")
            }
            features.append(contentsOf: values)
        }
        return Matrix(rows: rows.count, columns: featureCount, values: features)
    }

    /// The numeric rows of a file with their 1-based line numbers, checked for width.
    static func table(_ path: String) throws(InputError) -> [(line: Int, values: [Double])] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(path, nil, "file not found or unreadable")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    static func parse(_ text: String, path: String) throws(InputError) -> [(line: Int, values: [Double])] {
        var rows: [(line: Int, values: [Double])] = []
        var width: (count: Int, line: Int)?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let numbers = cells.map { Double($0) }
            if rows.isEmpty, width == nil, numbers.allSatisfy({ $0 == nil }) {
                width = (cells.count, index + 1)   // a header row: names only
                continue
            }
            if let bad = numbers.firstIndex(where: { $0 == nil }) {
                throw InputError(path, index + 1, "column \(bad + 1) is '\(cells[bad])', not a number")
            }
            if let width, width.count != cells.count {
                throw InputError(path, index + 1, "\(cells.count) columns, but line \(width.line) has \(width.count)")
            }
            if width == nil { width = (cells.count, index + 1) }
            rows.append((index + 1, numbers.map { $0 ?? .nan }))
        }
        guard !rows.isEmpty else { throw InputError(path, nil, "no data rows") }
        return rows
    }
}
