internal import HDF5Kit

// The store's mapping between a table's attributes and HDF5's: one case each way, so a
// saved and reloaded table keeps every attribute and the file keeps its bytes.
extension TableAttribute {
    init(_ attribute: H5Attribute) {
        switch attribute {
        case .int(let v): self = .int(v)
        case .double(let v): self = .double(v)
        case .string(let v): self = .string(v)
        case .ints(let v): self = .ints(v)
        case .doubles(let v): self = .doubles(v)
        }
    }

    var h5: H5Attribute {
        switch self {
        case .int(let v): .int(v)
        case .double(let v): .double(v)
        case .string(let v): .string(v)
        case .ints(let v): .ints(v)
        case .doubles(let v): .doubles(v)
        }
    }
}

extension Dictionary where Key == String, Value == TableAttribute {
    init(_ attributes: [String: H5Attribute]) { self = attributes.mapValues(TableAttribute.init) }
    var h5: [String: H5Attribute] { mapValues(\.h5) }
}
