/// One column of `/archs`: a value per row ([rows]), a fixed-width vector per row
/// ([rows, width], row-major), or a lookup table such as `op_names`.
///
/// ```swift
/// let ops = ArchColumn(.int8(codes), shape: [rows, 7])
/// ops.values.count                                  // rows × 7
/// ```
public struct ArchColumn: Sendable, Equatable {
    public var values: Values
    /// Row-major; `[values.count]` for a 1-D column.
    public var shape: [Int]

    public init(_ values: Values, shape: [Int]? = nil) {
        self.values = values
        self.shape = shape ?? [values.count]
    }

    /// The element types an `/archs` column may have. Strings are stored fixed-width.
    public enum Values: Sendable, Equatable {
        case int8([Int8])
        case uint8([UInt8])
        case int32([Int32])
        case int64([Int64])
        case uint64([UInt64])
        case float32([Float])
        case float64([Double])
        case strings([String])

        public var count: Int {
            switch self {
            case .int8(let a): a.count
            case .uint8(let a): a.count
            case .int32(let a): a.count
            case .int64(let a): a.count
            case .uint64(let a): a.count
            case .float32(let a): a.count
            case .float64(let a): a.count
            case .strings(let a): a.count
            }
        }
    }
}
