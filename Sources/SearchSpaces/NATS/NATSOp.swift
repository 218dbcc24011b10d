/// The five candidate operations on a NATS-Bench topology-space (NAS-Bench-201) edge,
/// in xautodl's `NAS_BENCH_201` order, which the raw values follow.
public enum NATSOp: UInt8, CaseIterable, Sendable, Hashable {
    case none = 0
    case skipConnect = 1
    case conv1x1 = 2
    case conv3x3 = 3
    case avgPool3x3 = 4

    /// The name used in arch strings.
    public var name: String {
        switch self {
        case .none: "none"
        case .skipConnect: "skip_connect"
        case .conv1x1: "nor_conv_1x1"
        case .conv3x3: "nor_conv_3x3"
        case .avgPool3x3: "avg_pool_3x3"
        }
    }

    public init?(name: String) {
        guard let op = NATSOp.allCases.first(where: { $0.name == name }) else { return nil }
        self = op
    }

    /// NASLib's op index: 0 = skip_connect, 1 = none, 2 = conv3x3, 3 = conv1x1, 4 = avg_pool
    /// (`naslib/search_spaces/nasbench201`, ALGORITHMS.md §3.3).
    public var naslibCode: Int {
        switch self {
        case .skipConnect: 0
        case .none: 1
        case .conv3x3: 2
        case .conv1x1: 3
        case .avgPool3x3: 4
        }
    }

    public init?(naslibCode: Int) {
        guard let op = NATSOp.allCases.first(where: { $0.naslibCode == naslibCode }) else { return nil }
        self = op
    }
}
