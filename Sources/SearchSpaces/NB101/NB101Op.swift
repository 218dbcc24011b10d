/// A vertex operation of a NAS-Bench-101 cell.
///
/// ```swift
/// let op = try NB101Op(token: "c3")        // .conv3x3
/// op.nasbenchName                          // "conv3x3-bn-relu"
/// ```
///
/// The raw values of the three inner ops are their index in nasbench's `canonical_ops`
/// (`lib/graph_util.py`, ALGORITHMS.md §4.3): the hash labels them by that index, and the
/// integer-gene view reuses it, so one number means the same op everywhere.
public enum NB101Op: UInt8, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    case conv3x3 = 0
    case conv1x1 = 1
    case maxpool3x3 = 2
    case input = 3
    case output = 4

    /// The three ops an inner vertex may take, in `canonical_ops` order.
    public static let innerOps: [NB101Op] = [.conv3x3, .conv1x1, .maxpool3x3]

    /// Parses a data-file token (`in`, `c3`, `c1`, `mp3`, `out`) or a nasbench op name
    /// (`input`, `conv3x3-bn-relu`, `conv1x1-bn-relu`, `maxpool3x3`, `output`).
    public init(token: some StringProtocol) throws(NB101ParseError) {
        switch token {
        case "in", "input": self = .input
        case "c3", "conv3x3-bn-relu", "conv3x3": self = .conv3x3
        case "c1", "conv1x1-bn-relu", "conv1x1": self = .conv1x1
        case "mp3", "maxpool3x3": self = .maxpool3x3
        case "out", "output": self = .output
        default: throw .unknownOp(String(token))
        }
    }

    /// The token of the data files (`nb101_*.csv.gz`).
    public var token: String {
        switch self {
        case .input: "in"
        case .conv3x3: "c3"
        case .conv1x1: "c1"
        case .maxpool3x3: "mp3"
        case .output: "out"
        }
    }

    /// The name nasbench's `ModelSpec` uses.
    public var nasbenchName: String {
        switch self {
        case .input: "input"
        case .conv3x3: "conv3x3-bn-relu"
        case .conv1x1: "conv1x1-bn-relu"
        case .maxpool3x3: "maxpool3x3"
        case .output: "output"
        }
    }

    /// The vertex label of `hash_module`: −1 input, −2 output, else the `canonical_ops` index.
    public var hashLabel: Int {
        switch self {
        case .input: -1
        case .output: -2
        default: Int(rawValue)
        }
    }

    public var isInner: Bool { rawValue < 3 }

    public var description: String { token }
}
