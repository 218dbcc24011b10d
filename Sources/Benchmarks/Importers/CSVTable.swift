/// A CSV file read into memory: a header and rows of string fields (RFC 4180 quoting).
///
/// ```swift
/// let table = try CSVTable.read("../shared/data/nats-tss/nats_tss_15625.csv.gz")
/// let accuracy = try table.doubles("c10_valid_200ep__naswt")
/// ```
///
/// Gzip input is inflated transparently. Every accessor that can fail names the file, the
/// line and the column, because the person who sees the error has to fix that file.
public struct CSVTable: Sendable {
    public let path: String
    public let header: [String]
    public let rows: [[String]]
    /// The line each row starts on (1-based), for errors; a quoted field may span lines.
    public let rowLines: [Int]

    public init(path: String, header: [String], rows: [[String]], rowLines: [Int]? = nil) {
        self.path = path; self.header = header; self.rows = rows
        self.rowLines = rowLines ?? rows.indices.map { $0 + 2 }
    }

    /// The most text a `CSVTable` holds, inflated (256 MiB; datasets/FORMAT.md, "Limits").
    /// Each line is at most `CSVRecordReader.maxRecordBytes`.
    public static let maxBytes = 256 << 20
    /// The most fields (data lines × columns) a `CSVTable` holds: each becomes a `String`
    /// of 16 bytes or more, so this bounds the memory a file of many short fields takes.
    public static let maxCells = 20_000_000

    /// Reads a CSV file (plain or gzip) record by record, within `maxBytes`.
    public static func read(_ path: String) throws(ImportError) -> CSVTable {
        try records(CSVRecordReader(path: path), path: path)
    }

    /// - Complexity: O(n) in the size of the text.
    public static func parse(_ bytes: [UInt8], path: String) throws(ImportError) -> CSVTable {
        try records(CSVRecordReader(bytes: bytes, path: path), path: path)
    }

    private static func records(_ reader: CSVRecordReader, path: String) throws(ImportError) -> CSVTable {
        guard let (_, header) = try reader.next() else {
            throw ImportError(file: path, message: "empty file: expected a header line")
        }
        var rows: [[String]] = []
        var lines: [Int] = []
        while let (line, fields) = try reader.next() {
            guard reader.bytesRead <= maxBytes else {
                throw ImportError(file: path, line: line, message: "more than \(maxBytes >> 20) MiB of text, the most a CSV table may have (datasets/FORMAT.md, Limits); split the file")
            }
            guard (rows.count + 1) * max(header.count, 1) <= maxCells else {
                throw ImportError(file: path, line: line, message: "more than \(maxCells) fields (lines × columns), the most a CSV table may have (datasets/FORMAT.md, Limits); split the file")
            }
            guard fields.count == header.count else {
                throw ImportError(file: path, line: line,
                                  message: "has \(fields.count) fields, the header has \(header.count); fix the row or the header")
            }
            rows.append(fields)
            lines.append(line)
        }
        return CSVTable(path: path, header: header.map { $0.trimmingSpaces }, rows: rows, rowLines: lines)
    }

    public var rowCount: Int { rows.count }

    /// The index of a column, or an error naming the file, the column and what exists.
    public func column(_ name: String) throws(ImportError) -> Int {
        guard let index = header.firstIndex(of: name) else {
            throw ImportError(file: path, line: 1, message: "missing column '\(name)'; the source table must have it (found \(header.count) columns)")
        }
        return index
    }

    public func strings(_ name: String) throws(ImportError) -> [String] {
        let c = try column(name)
        return rows.map { $0[c] }
    }

    /// Parses a numeric column; an empty cell or `nan` becomes NaN.
    public func doubles(_ name: String) throws(ImportError) -> [Double] {
        let c = try column(name)
        var out = [Double](); out.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            let text = row[c]
            if text.isEmpty || text == "nan" || text == "NaN" { out.append(.nan); continue }
            guard let v = Double(text) else {
                throw ImportError(file: path, line: rowLines[k], message: "column '\(name)' has non-numeric value '\(text)'")
            }
            out.append(v)
        }
        return out
    }

    public func ints(_ name: String) throws(ImportError) -> [Int] {
        let c = try column(name)
        var out = [Int](); out.reserveCapacity(rows.count)
        for (k, row) in rows.enumerated() {
            guard let v = Int(row[c]) else {
                throw ImportError(file: path, line: rowLines[k], message: "column '\(name)' has non-integer value '\(row[c])'")
            }
            out.append(v)
        }
        return out
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
