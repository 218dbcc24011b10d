import Foundation
import Optimizers

/// `type = "external"`: a program of your own searches, in any language, talking to the
/// harness over its stdin and stdout (docs/PROTOCOL.md); one child process per trial.
///
/// ```toml
/// [[algorithm]]
/// name = "my-rs"
/// type = "external"
/// command = ["python3", "../examples/algorithms/random_search.py"]
/// params = { batch = 10 }
/// ```
///
/// The child runs in the spec file's folder, so relative paths in `command` resolve
/// against it; a bare program name is looked up on PATH.
enum ExternalType: AlgorithmType {
    static let name = "external"
    static let aliases = ["byo"]
    static let summary = "your own program, one child process per trial, over JSON lines (docs/PROTOCOL.md)"
    static let reference = "docs/PROTOCOL.md (bring your own algorithm)"
    static let keys = [
        AlgorithmKey("command", .strings(options: nil), default: .derived("required"),
                     "the program and its arguments, run in the spec file's folder, e.g. [\"python3\", \"search.py\"]"),
        AlgorithmKey("timeout_s", .double(0.001...1e9), default: .value(.int(600)),
                     "seconds the harness waits for each message from the program (and for it to take each reply) before it kills it and fails the trial"),
        AlgorithmKey("params", .freeTable, default: .value(.table(SpecTable(path: "params", line: 0, entries: []))),
                     "a table of any keys, handed to the program as JSON in its start message"),
    ]

    static func makeOptimizer(_ keys: inout AlgorithmKeyValues) throws(SpecError) -> any Optimizer {
        guard let command = try keys.strings("command"), let program = command.first, !program.isEmpty else {
            throw keys.error(at: keys.isGiven("command") ? "command" : nil,
                             "type external needs command = [\"program\", \"argument\", …]")
        }
        let folder = URL(fileURLWithPath: keys.file).deletingLastPathComponent().path
        let params = try keys.freeTable("params").map { JSONLine(.table($0)) } ?? .object([])
        return ExternalOptimizer(command: command, folder: folder, timeout: try keys.double("timeout_s") ?? 600, params: params)
    }
}
