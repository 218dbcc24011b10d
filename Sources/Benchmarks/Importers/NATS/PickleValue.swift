/// A value read by `RestrictedUnpickler`: the plain data of NATS-Bench's official files.
///
/// ```swift
/// let cell = try RestrictedUnpickler.load(bytes, file: path)
/// cell["200"]?["arch_str"]?.string      // "|avg_pool_3x3~0|+|…"
/// ```
///
/// Dicts keep their insertion order (Python dicts and `OrderedDict` both do), and keys may
/// be tuples (`all_results` is keyed by `(dataset, seed)`). There are no objects: the three
/// callables the files name become `numpyDType`, a numpy float64 scalar becomes
/// `numpyFloat64`, and an `OrderedDict()` a plain dict.
public enum PickleValue: Hashable, Sendable {
    case none
    case bool(Bool)
    case int(Int64)
    case float(Double)
    case string(String)
    case bytes([UInt8])
    case list([PickleValue])
    case tuple([PickleValue])
    case dict(PickleDict)
    case set([PickleValue])
    /// A `STACK_GLOBAL` the reader allows, before it is called (`REDUCE`).
    case global(String)
    /// `numpy.dtype('f8', 0, 1)`, little-endian after its `BUILD`.
    case numpyDType
    /// `numpy.core.multiarray.scalar(dtype, 8 bytes)`.
    case numpyFloat64(Double)

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var int: Int64? { if case .int(let i) = self { i } else { nil } }
    /// A Python float, a numpy float64 or an int, as a Double.
    public var double: Double? {
        switch self {
        case .float(let d), .numpyFloat64(let d): d
        case .int(let i): Double(i)
        default: nil
        }
    }
    public var list: [PickleValue]? { if case .list(let a) = self { a } else { nil } }
    public var tuple: [PickleValue]? { if case .tuple(let a) = self { a } else { nil } }
    public var dict: PickleDict? { if case .dict(let d) = self { d } else { nil } }

    /// The dict entry under the string key `key`.
    public subscript(key: String) -> PickleValue? { dict?[.string(key)] }

    /// A short description of the value's type, for error messages.
    var typeName: String {
        switch self {
        case .none: "None"
        case .bool: "bool"
        case .int: "int"
        case .float: "float"
        case .string: "str"
        case .bytes: "bytes"
        case .list: "list"
        case .tuple: "tuple"
        case .dict: "dict"
        case .set: "set"
        case .global(let name): name
        case .numpyDType: "numpy.dtype"
        case .numpyFloat64: "numpy.float64"
        }
    }
}

/// An insertion-ordered dict with any hashable pickle value as key.
///
/// Stored as two arrays, without a hash index: the official files' dicts are either small
/// (a record's dozen keys) or read by walking them (a curve's 200 epochs), and hashing every
/// key of 15,625 cells was a sixth of an import. A lookup scans from the end, so the last
/// value set for a key wins, as in Python. A key set again is updated in place while the
/// dict is small; past `dedupeLimit` entries it is appended (the official files never set a
/// key twice), and a lookup still sees its last value.
public struct PickleDict: Hashable, Sendable {
    public private(set) var keys: [PickleValue] = []
    public private(set) var values: [PickleValue] = []
    static let dedupeLimit = 64

    public init() {}

    public var count: Int { keys.count }

    public subscript(key: PickleValue) -> PickleValue? {
        var i = keys.count - 1
        while i >= 0 {
            if keys[i] == key { return values[i] }
            i -= 1
        }
        return nil
    }

    /// Python's `d[key] = value`.
    mutating func set(_ key: PickleValue, _ value: PickleValue) {
        if keys.count <= Self.dedupeLimit, let i = keys.firstIndex(of: key) {
            values[i] = value
            return
        }
        keys.append(key)
        values.append(value)
    }
}
