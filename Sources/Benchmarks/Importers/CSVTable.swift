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

    public init(path: String, header: [String], rows: [[String]]) {
        self.path = path; self.header = header; self.rows = rows
    }

    public static func read(_ path: String) throws(ImportError) -> CSVTable {
        let bytes = try GzipFile.read(path)
        return try parse(bytes, path: path)
    }

    /// - Complexity: O(n) in the size of the text.
    public static func parse(_ bytes: [UInt8], path: String) throws(ImportError) -> CSVTable {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        var line = 1
        var recordLine = 1
        var lineOfRecord: [Int] = []
        let n = bytes.count
        func finishField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        }
        while i < n {
            let b = bytes[i]
            if inQuotes {
                if b == UInt8(ascii: "\"") {
                    if i + 1 < n && bytes[i + 1] == UInt8(ascii: "\"") { field.append(b); i += 1 } else { inQuotes = false }
                } else {
                    if b == UInt8(ascii: "\n") { line += 1 }
                    field.append(b)
                }
            } else if b == UInt8(ascii: "\"") && field.isEmpty {
                inQuotes = true
            } else if b == UInt8(ascii: ",") {
                finishField()
            } else if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") {
                if b == UInt8(ascii: "\r") && i + 1 < n && bytes[i + 1] == UInt8(ascii: "\n") { i += 1 }
                finishField()
                if !(record.count == 1 && record[0].isEmpty) { records.append(record); lineOfRecord.append(recordLine) }
                record.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            } else {
                field.append(b)
            }
            i += 1
        }
        if inQuotes { throw ImportError(file: path, line: recordLine, message: "unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty {
            finishField()
            records.append(record); lineOfRecord.append(recordLine)
        }
        guard let header = records.first else { throw ImportError(file: path, message: "empty file: expected a header line") }
        let width = header.count
        for (k, r) in records.enumerated().dropFirst() where r.count != width {
            throw ImportError(file: path, line: lineOfRecord[k],
                              message: "has \(r.count) fields, the header has \(width); fix the row or the header")
        }
        return CSVTable(path: path, header: header.map { $0.trimmingSpaces }, rows: Array(records.dropFirst()))
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
                throw ImportError(file: path, line: k + 2, message: "column '\(name)' has non-numeric value '\(text)'")
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
                throw ImportError(file: path, line: k + 2, message: "column '\(name)' has non-integer value '\(row[c])'")
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
