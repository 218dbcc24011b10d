/// Why a gene vector or a configuration does not belong to a space. Each prints as one
/// line naming the field, for the CLI and importers to show as is.
///
/// ```swift
/// do { _ = try GeneVector(validating: [0, 1], layout: OFAMobileNetV3Space().layout) }
/// catch { print(error) }   // expected 45 genes (ks×20, e×20, d×5), got 2
/// ```
public enum GeneError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A gene vector of the wrong length.
    case wrongGeneCount(expected: Int, got: Int, layout: String)
    /// Gene `position` (parameter `field`) is outside 0…upper.
    case geneOutOfRange(position: Int, field: String, value: Int, upper: Int, options: String)
    /// A configuration's list for `field` has the wrong number of values.
    case wrongLength(field: String, expected: Int, got: Int)
    /// A configuration value that is not one of the field's options.
    case notAnOption(field: String, value: String, options: String)
    /// A configuration without a required field.
    case missingField(String)
    /// A configuration with a field the space does not have.
    case unknownField(String, known: String)
    /// Text that is not the expected configuration syntax.
    case syntax(String)

    public var description: String {
        switch self {
        case let .wrongGeneCount(expected, got, layout):
            "expected \(expected) genes (\(layout)), got \(got)"
        case let .geneOutOfRange(position, field, value, upper, options):
            "gene \(position) (\(field)) is \(value); it must be an option index 0…\(upper) (options \(options))"
        case let .wrongLength(field, expected, got):
            "'\(field)' has \(got) values; this space needs \(expected)"
        case let .notAnOption(field, value, options):
            "'\(field)' value \(value) is not an option; use one of \(options)"
        case let .missingField(field):
            "missing field '\(field)'"
        case let .unknownField(field, known):
            "unknown field '\(field)'; the space has \(known)"
        case let .syntax(message):
            message
        }
    }
}
