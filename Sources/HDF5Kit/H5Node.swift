/// An HDF5 file as plain Swift values: groups of datasets and subgroups, each with
/// attributes. Files are read whole into this model and written whole from it.
///
/// ```swift
/// var root = H5Group()
/// root.attributes["name"] = .string("nats-tss")
/// root.set("metrics/cifar10/acc", H5Dataset(.float32([0.9, 0.8])))
/// try HDF5File.write(root, to: "t.h5")
/// ```
public struct H5Group: Sendable, Equatable {
    public var attributes: [String: H5Attribute] = [:]
    /// Children in creation order.
    public private(set) var children: [(name: String, node: H5Node)] = []

    public init() {}

    public static func == (a: H5Group, b: H5Group) -> Bool {
        a.attributes == b.attributes && a.children.count == b.children.count
            && zip(a.children, b.children).allSatisfy { $0.name == $1.name && $0.node == $1.node }
    }

    public subscript(name: String) -> H5Node? {
        get { children.first { $0.name == name }?.node }
        set {
            if let i = children.firstIndex(where: { $0.name == name }) {
                if let newValue { children[i].node = newValue } else { children.remove(at: i) }
            } else if let newValue {
                children.append((name, newValue))
            }
        }
    }

    /// Adds a child whose name the group does not hold yet (an HDF5 group's link names are
    /// unique), in O(1): the reader's way in, where the subscript's search would make a
    /// group of n children cost O(n²).
    mutating func appendNew(_ name: String, _ node: H5Node) { children.append((name, node)) }

    /// The node at a slash-separated path, or nil.
    public func node(at path: String) -> H5Node? {
        let parts = path.split(separator: "/").map(String.init)
        guard let first = parts.first else { return .group(self) }
        guard let child = self[first] else { return nil }
        if parts.count == 1 { return child }
        guard case .group(let g) = child else { return nil }
        return g.node(at: parts.dropFirst().joined(separator: "/"))
    }

    public func group(at path: String) -> H5Group? {
        if case .group(let g)? = node(at: path) { return g }
        return nil
    }

    public func dataset(at path: String) -> H5Dataset? {
        if case .dataset(let d)? = node(at: path) { return d }
        return nil
    }

    /// Stores a node at a slash-separated path, creating intermediate groups.
    public mutating func set(_ path: String, _ node: H5Node) {
        var parts = path.split(separator: "/").map(String.init)
        guard !parts.isEmpty else { return }
        let name = parts.removeFirst()
        if parts.isEmpty { self[name] = node; return }
        var child: H5Group
        if case .group(let g)? = self[name] { child = g } else { child = H5Group() }
        child.set(parts.joined(separator: "/"), node)
        self[name] = .group(child)
    }

    public mutating func set(_ path: String, _ dataset: H5Dataset) { set(path, .dataset(dataset)) }
}

public indirect enum H5Node: Sendable, Equatable {
    case group(H5Group)
    case dataset(H5Dataset)

    /// The uncompressed bytes of every dataset below, an upper bound on a file's data.
    var rawByteCount: Int {
        switch self {
        case .dataset(let d): d.data.rawByteCount
        case .group(let g): g.children.reduce(0) { $0 + $1.node.rawByteCount }
        }
    }
}

/// A 1-D or 2-D typed array with attributes. `shape` is row-major.
public struct H5Dataset: Sendable, Equatable {
    public var data: H5Data
    public var shape: [Int]
    public var attributes: [String: H5Attribute]
    /// Where a skipped dataset's values lie in its file, when they can be read from there
    /// later (contiguous little-endian floats); nil otherwise.
    public var stored: StoredValues?

    public init(_ data: H5Data, shape: [Int]? = nil, attributes: [String: H5Attribute] = [:]) {
        self.data = data
        self.shape = shape ?? [data.count]
        self.attributes = attributes
    }

    /// Its values were left out by a read (`HDF5File.read`'s `skip`): an extent but no data.
    public var isSkipped: Bool {
        data.count == 0 && shape.allSatisfy { $0 > 0 }
    }
}

/// The element types NASReplay stores. Strings are fixed-width UTF-8 (NUL-padded):
/// variable-length strings are ten times larger and slower to read.
public enum H5Data: Sendable, Equatable {
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

    /// The bytes of the values as stored uncompressed (a string counts its UTF-8 length).
    var rawByteCount: Int {
        switch self {
        case .int8(let a): a.count
        case .uint8(let a): a.count
        case .int32(let a): 4 * a.count
        case .int64(let a): 8 * a.count
        case .uint64(let a): 8 * a.count
        case .float32(let a): 4 * a.count
        case .float64(let a): 8 * a.count
        case .strings(let a): a.reduce(0) { $0 + $1.utf8.count + 1 }
        }
    }

    /// Values as doubles, for numeric columns; nil for strings.
    public var doubles: [Double]? {
        switch self {
        case .int8(let a): a.map(Double.init)
        case .uint8(let a): a.map(Double.init)
        case .int32(let a): a.map(Double.init)
        case .int64(let a): a.map(Double.init)
        case .uint64(let a): a.map(Double.init)
        case .float32(let a): a.map(Double.init)
        case .float64(let a): a
        case .strings: nil
        }
    }

    public var typeName: String {
        switch self {
        case .int8: "int8"
        case .uint8: "uint8"
        case .int32: "int32"
        case .int64: "int64"
        case .uint64: "uint64"
        case .float32: "float32"
        case .float64: "float64"
        case .strings: "string"
        }
    }
}

public enum H5Attribute: Sendable, Equatable, CustomStringConvertible {
    case int(Int64)
    case double(Double)
    case string(String)
    case ints([Int64])
    case doubles([Double])

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    public var doubleValue: Double? { if case .double(let d) = self { d } else { nil } }

    public var description: String {
        switch self {
        case .int(let v): "\(v)"
        case .double(let v): "\(v)"
        case .string(let v): v
        case .ints(let v): "\(v)"
        case .doubles(let v): "\(v)"
        }
    }
}
