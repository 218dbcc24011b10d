import Foundation
import NASCore
import SearchSpaces

/// The harness's side of one external trial's conversation (docs/PROTOCOL.md, version 1),
/// with no I/O: it writes the `start` message and answers each line the client sends.
///
/// ```swift
/// let session = ExternalSession(space: space, trial: trialEvaluator, context: context)
/// send(session.startMessage)
/// let step = session.handle(line)        // replies to send, and whether the talk is over
/// ```
///
/// Every evaluation goes through the trial's `TrialEvaluator`, so the budget and the cache
/// policy hold exactly as for a built-in algorithm, and the log is the same.
final class ExternalSession<S: SearchSpace, E: Evaluator> where E.Architecture == S.Architecture {
    static var protocolVersion: Int { 1 }

    /// What a line from the client leads to: replies to send, and the end of the talk if
    /// this line ends it.
    struct Step {
        var replies: [String]
        var end: ExternalSessionEnd?
    }

    let space: S
    let trial: TrialEvaluator<E>
    let context: ExternalTrialContext
    private var rng: Xoshiro256StarStar
    private let bounds: [ClosedRange<Int>]

    init(space: S, trial: TrialEvaluator<E>, context: ExternalTrialContext, rng: Xoshiro256StarStar) {
        self.space = space
        self.trial = trial
        self.context = context
        self.rng = rng
        bounds = space.geneBounds
    }

    var startMessage: String {
        let objectives = trial.evaluator.objectives.map { o in
            JSONLine.object([("metric", .string(o.metric)), ("direction", .string(o.direction.rawValue))])
        }
        return JSONLine.object([
            ("type", .string("start")),
            ("protocol", .int(Self.protocolVersion)),
            ("algorithm", .string(context.label)),
            ("trial", .int(context.trial)),
            ("seed", .uint(context.seed)),
            ("budget", budgetObject(total: true)),
            ("objectives", .array(objectives)),
            ("space", JSONLine.space(space, encodings: space.readsDescriptions ? ["genes", "archs"] : ["genes"])),
            ("params", context.params),
        ]).text
    }

    /// `{"evaluations": n}` or `{"simulated_seconds": s}`: the whole budget, or what is left.
    private func budgetObject(total: Bool) -> JSONLine {
        switch trial.budget {
        case .evaluations(let n): .object([("evaluations", .int(total ? n : max(0, n - trial.evaluations)))])
        case .simulatedSeconds(let s): .object([("simulated_seconds", .number(total ? s : max(0, s - trial.spentSeconds)))])
        }
    }

    /// Whether the trial's budget is spent (or its stall guard stopped it).
    var isDone: Bool { trial.isExhausted }

    func handle(_ line: String) -> Step {
        if line.allSatisfy(\.isWhitespace) { return Step(replies: [], end: nil) }
        let message: JSONLine
        do { message = try JSONLine(parsing: line) } catch {
            return fatal("line is not JSON: \(Self.excerpt(line))")
        }
        guard case .string(let type)? = message["type"] else {
            return fatal("a message is a JSON object with a string \"type\": \(Self.excerpt(line))")
        }
        switch type {
        case "evaluate": return evaluate(message)
        case "finish":
            if isDone { return Step(replies: [], end: .finished) }
            return Step(replies: [], end: .failed("sent finish with budget left (\(budgetLeftText))"))
        default:
            return fatal("unknown message type \"\(type)\" (protocol \(Self.protocolVersion) knows evaluate and finish)")
        }
    }

    var budgetLeftText: String {
        switch trial.budget {
        case .evaluations(let n): "\(max(0, n - trial.evaluations)) of \(n) evaluations"
        case .simulatedSeconds(let s): "\(max(0, s - trial.spentSeconds)) of \(s) simulated seconds"
        }
    }

    private func fatal(_ message: String) -> Step {
        let reply = JSONLine.object([("type", .string("error")), ("fatal", .bool(true)), ("message", .string(message))])
        return Step(replies: [reply.text], end: .failed(message))
    }

    private func error(_ message: String) -> Step {
        let reply = JSONLine.object([("type", .string("error")), ("fatal", .bool(false)), ("message", .string(message))])
        return Step(replies: [reply.text], end: nil)
    }

    private func evaluate(_ message: JSONLine) -> Step {
        // The whole batch is checked before any of it is evaluated, so a bad item never
        // leaves the batch half spent.
        let batch: [S.Architecture]
        switch (message["genes"], message["archs"]) {
        case (.array(let items)?, nil):
            switch geneBatch(items) {
            case .success(let genes): batch = genes.map { space.architecture(fromGenes: $0, using: &rng) }
            case .failure(let problem): return error(problem.message)
            }
        case (nil, .array(let items)?):
            guard space.readsDescriptions else {
                return error("evaluate: \(space.name) architectures are named by genes only (the start message's space.encodings); send \"genes\"")
            }
            var architectures: [S.Architecture] = []
            for (i, item) in items.enumerated() {
                guard case .string(let text) = item else { return error("archs[\(i)] is not a string") }
                do { architectures.append(try space.architecture(describedBy: text)) } catch { return self.error("archs[\(i)]: \(error.message)") }
            }
            batch = architectures
        case (nil, nil), (.some, nil), (nil, .some):
            return fatal("evaluate: \"genes\" must be a list of gene vectors, or \"archs\" a list of architecture strings")
        case (.some, .some):
            return error("evaluate: send \"genes\" or \"archs\", not both")
        }
        guard !batch.isEmpty else { return error("evaluate: the batch is empty") }
        guard !isDone else { return error("budget spent: send finish") }
        // The reply is written straight into one string, not built as a JSONLine tree:
        // this is the protocol's hot path (docs/PROTOCOL.md gives its exact form).
        var reply = #"{"type":"results","results":["#
        reply.reserveCapacity(reply.utf8.count + batch.count * 120 + 64)
        for (i, architecture) in batch.enumerated() {
            if i > 0 { reply += "," }
            reply += #"{"arch":"#
            JSONText.appendQuoted(space.describe(architecture), to: &reply)
            // Items after the budget is spent are answered, not evaluated.
            guard !isDone else {
                reply += #","error":"budget spent"}"#
                continue
            }
            guard let answer = trial.evaluate(architecture) else {
                reply += #","error":"#
                JSONText.appendQuoted(isDone ? "budget spent" : "no answer: off the table under a reject policy, or without a training time under a seconds budget (not charged)", to: &reply)
                reply += "}"
                continue
            }
            reply += #","objectives":["#
            for (k, value) in answer.objectives.enumerated() {
                if k > 0 { reply += "," }
                JSONLine.appendNumber(value, to: &reply)
            }
            reply += #"],"cost":"#
            JSONLine.appendNumber(answer.cost, to: &reply)
            reply += answer.isExact ? #","exact":true"# : #","exact":false"#
            reply += trial.lastWasRepeat ? #","charged":false}"# : #","charged":true}"#
        }
        reply += #"],"budget_left":"#
        reply += budgetObject(total: false).text
        reply += isDone ? #","done":true}"# : #","done":false}"#
        return Step(replies: [reply], end: nil)
    }

    /// Gene vectors, each checked against the space's bounds (`genes[i]` in messages).
    private func geneBatch(_ items: [JSONLine]) -> Result<[[Int]], JSONLine.GeneVectorError> {
        var batch: [[Int]] = []
        batch.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            do { batch.append(try item.geneVector(bounds: bounds, space: space.name, field: "genes[\(i)]")) } catch {
                return .failure(error)
            }
        }
        return .success(batch)
    }

    /// The start of a line, for an error message.
    static func excerpt(_ line: String) -> String {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 80 ? String(trimmed.prefix(80)) + "…" : trimmed
    }
}

/// How an external trial's conversation ends, when the client's line ends it.
enum ExternalSessionEnd: Equatable {
    /// The client sent `finish` with its budget spent.
    case finished
    /// The trial cannot go on (a malformed line, `finish` too early).
    case failed(String)
}

/// What the `start` message says about the trial besides its space and budget.
struct ExternalTrialContext: Sendable {
    var label: String
    var trial: Int
    var seed: UInt64
    var params: JSONLine
}
