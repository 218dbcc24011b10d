/// A dense row-major matrix of `Double`: the one layout every model here reads.
///
/// ```swift
/// let x = try Matrix(rows: [[1, 2], [3, 4]])
/// x[1, 0]          // 3
/// x.row(1)         // [3, 4] as a slice of the flat storage
/// ```
///
/// Row-major flat storage keeps a sample's features adjacent, which is what dot
/// products, kernel rows and tree scans walk. Building from `[[Double]]` checks that all
/// rows have one width, so later code never has to.
/// - Complexity: O(rows · columns) to build; O(1) element access.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var values: [Double]

    /// Wraps flat row-major storage; `values.count` must be `rows * columns`.
    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(rows >= 0 && columns >= 0 && values.count == rows * columns,
                     "Matrix storage has \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    /// A zero matrix.
    public init(rows: Int, columns: Int) {
        self.init(rows: rows, columns: columns, values: [Double](repeating: 0, count: rows * columns))
    }

    /// Copies an array of rows, rejecting ragged input.
    /// - Throws: `PredictorError.raggedRows` naming the first row whose width differs from row 0.
    public init(rows data: [[Double]]) throws {
        let width = data.first?.count ?? 0
        var flat = [Double]()
        flat.reserveCapacity(data.count * width)
        for (index, row) in data.enumerated() {
            guard row.count == width else {
                throw PredictorError.raggedRows(row: index, width: row.count, expected: width)
            }
            flat.append(contentsOf: row)
        }
        self.init(rows: data.count, columns: width, values: flat)
    }

    @inlinable public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    @inlinable public func row(_ index: Int) -> ArraySlice<Double> {
        values[(index * columns)..<((index + 1) * columns)]
    }

    /// The rows at `indices`, in that order.
    /// - Complexity: O(indices.count · columns).
    public func selectingRows(_ indices: [Int]) -> Matrix {
        var flat = [Double]()
        flat.reserveCapacity(indices.count * columns)
        for index in indices { flat.append(contentsOf: row(index)) }
        return Matrix(rows: indices.count, columns: columns, values: flat)
    }

    /// The columns at `indices`, in that order.
    /// - Complexity: O(rows · indices.count).
    public func selectingColumns(_ indices: [Int]) -> Matrix {
        var flat = [Double]()
        flat.reserveCapacity(rows * indices.count)
        for r in 0..<rows {
            let base = r * columns
            for c in indices { flat.append(values[base + c]) }
        }
        return Matrix(rows: rows, columns: indices.count, values: flat)
    }

    /// The array-of-rows form, for printing and JSON.
    public var arrayOfRows: [[Double]] { (0..<rows).map { Array(row($0)) } }
}
