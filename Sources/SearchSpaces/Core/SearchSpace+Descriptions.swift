/// Reading a space's written form back: the external-algorithm protocol lets a client name
/// an architecture by the string `describe` prints (docs/PROTOCOL.md, `archs`).
///
/// ```swift
/// let cell = try NATSTopologySpace(mutation: .natsBench).architecture(describedBy: "|nor_conv_3x3~0|+|…")
/// ```
///
/// A space that can read its written form overrides both members; the others keep these
/// defaults and are named by genes only (NB101, whose written form is a hash, and the
/// tabular spaces of imported CSVs).
extension SearchSpace {
    /// Whether `architecture(describedBy:)` reads `describe`'s form.
    public var readsDescriptions: Bool { false }

    /// The architecture `describe` writes as `text`.
    /// - Throws: `SearchSpaceError` naming what is wrong with `text`, or that this space is
    ///   named by genes only.
    public func architecture(describedBy text: String) throws(SearchSpaceError) -> Architecture {
        throw SearchSpaceError("\(name) architectures are named by genes only; this space cannot read its written form")
    }
}

/// The gene-encoded spaces whose `describe` is a form their own parser reads.
protocol ReadsDescriptionsByParsing: GeneEncodedSpace {
    func architecture(parsing text: String) throws(GeneError) -> GeneVector
}

extension ReadsDescriptionsByParsing {
    public var readsDescriptions: Bool { true }

    public func architecture(describedBy text: String) throws(SearchSpaceError) -> GeneVector {
        do { return try architecture(parsing: text) } catch { throw SearchSpaceError("'\(text)' is not a \(name) architecture: \(error)") }
    }
}

extension OFAMobileNetV3Space: ReadsDescriptionsByParsing {}
extension OFAResNet50Space: ReadsDescriptionsByParsing {}
extension HATTransformerSpace: ReadsDescriptionsByParsing {}
extension NCFSpace: ReadsDescriptionsByParsing {}

extension FBNetSpace {
    public var readsDescriptions: Bool { true }

    public func architecture(describedBy text: String) throws(SearchSpaceError) -> GeneVector {
        do { return try architecture(archString: text) } catch { throw SearchSpaceError("'\(text)' is not an FBNet architecture: \(error)") }
    }
}

extension NATSTopologySpace {
    public var readsDescriptions: Bool { true }

    public func architecture(describedBy text: String) throws(SearchSpaceError) -> NATSTopologyCell {
        do { return try NATSTopologyCell(archString: text) } catch { throw SearchSpaceError(error.description) }
    }
}

extension NATSSizeSpace {
    public var readsDescriptions: Bool { true }

    public func architecture(describedBy text: String) throws(SearchSpaceError) -> NATSSizeCell {
        try NATSSizeCell(parsing: text)
    }
}
