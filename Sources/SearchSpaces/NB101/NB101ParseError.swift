/// Why text could not be read as a NAS-Bench-101 cell. Each case prints as one line that
/// says what was wrong and what is expected, for the CLI to show as is.
///
/// ```swift
/// do { _ = try NB101Cell(adjacency: "0110", ops: "in,c3,out") }
/// catch { print(error) }   // adjacency has 4 bits but 3 ops need 9 (3×3)
/// ```
public enum NB101ParseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bit string whose length is not V² for the number of ops V.
    case wrongLength(bits: Int, ops: Int)
    /// Rows of different lengths, or a row count different from the column count.
    case notSquare(rows: Int, columns: Int)
    /// An edge on or below the diagonal.
    case notUpperTriangular(row: Int, column: Int)
    /// A character other than 0/1 in a bit string, or a matrix entry other than 0/1.
    case notBinary(String)
    case unknownOp(String)
    /// The first op is not `in`, the last not `out`, or an inner op is `in`/`out`.
    case badEnds(ops: String)
    /// Fewer than 2 or more than 7 vertices.
    case vertexCount(Int)

    public var description: String {
        switch self {
        case let .wrongLength(bits, ops):
            "adjacency has \(bits) bits but \(ops) ops need \(ops * ops) (\(ops)×\(ops), row-major)"
        case let .notSquare(rows, columns):
            "adjacency is not square: \(rows) rows, \(columns) columns"
        case let .notUpperTriangular(row, column):
            "adjacency has an edge \(row)→\(column) on or below the diagonal; a cell is strictly upper-triangular"
        case let .notBinary(text):
            "adjacency entry '\(text)' is not 0 or 1"
        case let .unknownOp(token):
            "unknown op '\(token)'; expected one of in, c3, c1, mp3, out"
        case let .badEnds(ops):
            "ops '\(ops)' must start with 'in', end with 'out', and use only c3, c1, mp3 in between"
        case let .vertexCount(n):
            "a cell has 2 to 7 vertices, not \(n)"
        }
    }
}
