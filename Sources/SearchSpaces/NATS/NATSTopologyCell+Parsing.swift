/// Why a NATS arch string or tuple was rejected; the message says what would fix it.
public struct NATSArchError: Error, CustomStringConvertible, Sendable {
    public var input: String
    public var problem: String
    public var description: String { "invalid NATS topology architecture '\(input)': \(problem)" }
}

extension NATSTopologyCell {
    /// Parses `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`; every malformed input is an error
    /// that says which part is wrong.
    ///
    /// - Complexity: O(length of the string)
    public init(archString: String) throws(NATSArchError) {
        if let cell = NATSTopologyCell.parseFast(archString) { self = cell; return }
        let nodes = archString.split(separator: "+", omittingEmptySubsequences: false)
        guard nodes.count == 3 else {
            throw NATSArchError(input: archString, problem: "expected 3 nodes separated by '+', found \(nodes.count) (format |op~0|+|op~0|op~1|+|op~0|op~1|op~2|)")
        }
        var ops: [NATSOp] = []
        for (n, node) in nodes.enumerated() {
            guard node.first == "|", node.last == "|", node.count >= 2 else {
                throw NATSArchError(input: archString, problem: "node \(n + 1) must start and end with '|'")
            }
            let inputs = node.dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
            guard inputs.count == n + 1 else {
                throw NATSArchError(input: archString, problem: "node \(n + 1) must have \(n + 1) inputs, found \(inputs.count)")
            }
            for (j, edge) in inputs.enumerated() {
                let parts = edge.split(separator: "~", omittingEmptySubsequences: false)
                guard parts.count == 2 else {
                    throw NATSArchError(input: archString, problem: "edge '\(edge)' must be op~source")
                }
                guard Int(parts[1]) == j else {
                    throw NATSArchError(input: archString, problem: "edge '\(edge)' of node \(n + 1) must come from node \(j)")
                }
                guard let op = NATSOp(name: String(parts[0])) else {
                    let known = NATSOp.allCases.map(\.name).joined(separator: ", ")
                    throw NATSArchError(input: archString, problem: "unknown op '\(parts[0])' (known: \(known))")
                }
                ops.append(op)
            }
        }
        self.init(ops: ops)
    }

    /// Parses NASLib's tuple, `4-3-3-0-0-0` or `(4, 3, 3, 0, 0, 0)`.
    public init(naslibTuple: String) throws(NATSArchError) {
        let cleaned = naslibTuple.filter { !"() []".contains($0) }
        let separator: Character = cleaned.contains(",") ? "," : "-"
        let fields = cleaned.split(separator: separator, omittingEmptySubsequences: false)
        guard fields.count == 6 else {
            throw NATSArchError(input: naslibTuple, problem: "a NASLib tuple has 6 op indices, found \(fields.count)")
        }
        var ops = [NATSOp](repeating: .none, count: 6)
        for (k, field) in fields.enumerated() {
            guard let code = Int(field), let op = NATSOp(naslibCode: code) else {
                throw NATSArchError(input: naslibTuple, problem: "'\(field)' is not a NASLib op index 0…4")
            }
            ops[Self.naslibEdgeOrder[k]] = op
        }
        self.init(ops: ops)
    }
}
