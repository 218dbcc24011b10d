/// Reads a file of objective vectors for the CLI (`nasreplay hv points.csv --ref 1,1`).
///
/// ```swift
/// let points = try PointsFile.parse(text: "f1,f2\n0.2,0.6\n0.5,0.3\n", path: "front.csv")
/// try PointsFile.checkReference([1, 1], dimension: points[0].count, path: "front.csv")
/// ```
///
/// Format, one point per row:
/// * a row containing a comma is split on commas (spaces around a cell are ignored);
///   any other row is split on runs of spaces and tabs;
/// * blank lines and lines starting with `#` are skipped; `\r\n` line ends are accepted;
/// * every cell must be a finite decimal number;
/// * header rule: the **first** non-blank, non-comment row is a header of names iff **none**
///   of its cells reads as a number. A first row mixing names and numbers is an error on its
///   first non-numeric cell, and a non-numeric row anywhere later is an error too. (`nan` and
///   `inf` read as numbers, so they are rejected as non-finite rather than taken as names.)
/// * every row, header included, has as many cells as the first one.
///
/// Errors are one line, `path:line: problem`, naming the field (1-based) where one is at
/// fault. DESIGN.md, "Reliability".
public enum PointsFile {
    /// The points of `text`, which was read from `path` (used in error messages only).
    ///
    /// - Throws: `IndicatorError` for ragged rows, empty or non-numeric or non-finite cells,
    ///   and a file without points.
    /// - Complexity: O(size of text)
    public static func parse(text: String, path: String) throws -> [[Double]] {
        var points: [[Double]] = []
        var width: Int?
        var widthLine = 0
        var lineNumber = 0
        // "\r\n" is a single Character in Swift, so it has to be named as a separator.
        let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }
        for line in lines {
            lineNumber += 1
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if trimmed.isEmpty || trimmed.first == "#" { continue }

            let cells = splitCells(line)
            if let w = width, cells.count != w {
                throw IndicatorError("\(path):\(lineNumber): row has \(cells.count) field(s) but line \(widthLine) has \(w); every row needs the same number of objectives")
            }
            let isFirstRow = width == nil
            if width == nil { width = cells.count; widthLine = lineNumber }

            if isFirstRow, cells.allSatisfy({ !$0.isEmpty && Double($0) == nil }) {
                continue   // header of objective names
            }
            var point = [Double]()
            point.reserveCapacity(cells.count)
            for (k, cell) in cells.enumerated() {
                guard !cell.isEmpty else {
                    throw IndicatorError("\(path):\(lineNumber): field \(k + 1) is empty")
                }
                guard let v = Double(cell) else {
                    throw IndicatorError("\(path):\(lineNumber): field \(k + 1) \"\(cell)\" is not a number")
                }
                guard v.isFinite else {
                    throw IndicatorError("\(path):\(lineNumber): field \(k + 1) \"\(cell)\" is not a finite number")
                }
                point.append(v)
            }
            points.append(point)
        }
        guard !points.isEmpty else {
            throw IndicatorError("\(path): no points found; expected one row of numbers per point")
        }
        return points
    }

    /// Checks that `reference` fits points of `dimension` objectives read from `path`.
    ///
    /// - Throws: `IndicatorError` naming the expected and the given dimension, or a
    ///   non-finite coordinate.
    public static func checkReference(_ reference: [Double], dimension: Int, path: String) throws {
        guard reference.count == dimension else {
            throw IndicatorError("reference point: it has \(reference.count) coordinate(s) but the points in \(path) have \(dimension); give \(dimension) values")
        }
        for (j, v) in reference.enumerated() where !v.isFinite {
            throw IndicatorError("reference point: coordinate \(j + 1) is \(v); it must be a finite number")
        }
    }

    /// Parses a reference point given on the command line, e.g. `"1,1"` or `"1 1"`.
    ///
    /// - Parameter field: the option or key it came from, for the error message.
    /// - Throws: `IndicatorError` for empty, non-numeric or non-finite coordinates.
    public static func parseReference(_ text: String, field: String = "--ref") throws -> [Double] {
        let cells = splitCells(Substring(text))
        guard !cells.isEmpty, !(cells.count == 1 && cells[0].isEmpty) else {
            throw IndicatorError("\(field): the reference point is empty; give comma-separated numbers such as 1,1")
        }
        return try cells.enumerated().map { k, cell in
            guard let v = Double(cell), v.isFinite else {
                throw IndicatorError("\(field): coordinate \(k + 1) \"\(cell)\" is not a finite number")
            }
            return v
        }
    }

    /// Commas win over whitespace so that `1, 2` is two cells, not three.
    static func splitCells(_ line: Substring) -> [String] {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        if line.contains(",") {
            return line.split(separator: ",", omittingEmptySubsequences: false).map { cell in
                String(cell.drop(while: isBlank).reversed().drop(while: isBlank).reversed())
            }
        }
        return line.split(whereSeparator: isBlank).map(String.init)
    }
}
