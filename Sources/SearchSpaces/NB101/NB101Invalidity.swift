/// Why a NAS-Bench-101 cell is not in the benchmark, as nasbench's `_check_spec` decides on
/// the pruned graph (`api.py`, ALGORITHMS.md §4.2).
///
/// ```swift
/// do { _ = try cell.validated() }
/// catch { print(error) }   // "cell is invalid: input is not connected to output"
/// ```
public enum NB101Invalidity: Error, Hashable, Sendable, CustomStringConvertible {
    /// No path from input to output: pruning removes every vertex.
    case disconnected
    /// More than 7 vertices after pruning.
    case tooManyVertices(Int)
    /// More than 9 edges after pruning.
    case tooManyEdges(Int)

    public var description: String {
        switch self {
        case .disconnected: "cell is invalid: input is not connected to output"
        case let .tooManyVertices(n): "cell is invalid: \(n) vertices after pruning, at most 7 allowed"
        case let .tooManyEdges(n): "cell is invalid: \(n) edges after pruning, at most 9 allowed"
        }
    }
}
