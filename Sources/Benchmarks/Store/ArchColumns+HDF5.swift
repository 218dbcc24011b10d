internal import HDF5Kit

// `/archs` as the store writes and reads it: a column named `a/b` is dataset `b` of
// subgroup `a`. Columns go into the group in their order, which `content_sha256` hashes.
extension ArchColumns {
    var group: H5Group {
        var group = H5Group()
        group.attributes = attributes.h5
        for (name, column) in columns { group.set(name, H5Dataset(column.values.h5, shape: column.shape)) }
        return group
    }

    /// Every dataset under `group`, subgroups flattened into slash names. Dataset
    /// attributes are not kept: no `/archs` layout has any.
    init(_ group: H5Group) {
        self.init()
        attributes = [String: TableAttribute](group.attributes)
        func add(_ g: H5Group, prefix: String) {
            for (name, node) in g.children {
                switch node {
                case .dataset(let ds): appendNew(prefix + name, ArchColumn(ArchColumn.Values(ds.data), shape: ds.shape))
                case .group(let child): add(child, prefix: prefix + name + "/")
                }
            }
        }
        add(group, prefix: "")
    }
}

extension ArchColumn.Values {
    init(_ data: H5Data) {
        switch data {
        case .int8(let a): self = .int8(a)
        case .uint8(let a): self = .uint8(a)
        case .int32(let a): self = .int32(a)
        case .int64(let a): self = .int64(a)
        case .uint64(let a): self = .uint64(a)
        case .float32(let a): self = .float32(a)
        case .float64(let a): self = .float64(a)
        case .strings(let a): self = .strings(a)
        }
    }

    var h5: H5Data {
        switch self {
        case .int8(let a): .int8(a)
        case .uint8(let a): .uint8(a)
        case .int32(let a): .int32(a)
        case .int64(let a): .int64(a)
        case .uint64(let a): .uint64(a)
        case .float32(let a): .float32(a)
        case .float64(let a): .float64(a)
        case .strings(let a): .strings(a)
        }
    }
}
