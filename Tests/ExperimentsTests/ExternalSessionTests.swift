import Benchmarks
import Foundation
import NASCore
import SearchSpaces
import Testing
@testable import Experiments

/// The harness's side of the protocol without a process (no python3 needed): each kind of
/// bad line, the cache policy and a simulated-seconds budget.
@Suite struct ExternalSessionTests {
    /// Feeds `lines` to a session on a table's space; what it replied and how it ended.
    struct Probe: SearchVisitor {
        var lines: [String]
        var budget: Budget
        var cache: CachePolicy

        struct Outcome {
            var start: String
            var replies: [String]
            var end: ExternalSessionEnd?
            var evaluations: Int
            var spent: Double
        }

        func visit<S: SearchSpace, E: Evaluator>(space: S, evaluator: E) throws -> Outcome where E.Architecture == S.Architecture {
            let trial = TrialEvaluator(evaluator, budget: budget, cache: cache)
            let session = ExternalSession(space: space, trial: trial,
                                          context: ExternalTrialContext(label: "t", trial: 0, seed: 1, params: .object([])),
                                          rng: Xoshiro256StarStar(seed: 1))
            var replies: [String] = []
            var end: ExternalSessionEnd?
            for line in lines where end == nil {
                let step = session.handle(line)
                replies += step.replies
                end = step.end
            }
            return Outcome(start: session.startMessage, replies: replies, end: end, evaluations: trial.evaluations, spent: trial.spentSeconds)
        }
    }

    func run(_ lines: [String], budget: Budget = .evaluations(3), cache: CachePolicy = .charge, table: String = "nats-tss") throws -> Probe.Outcome {
        let spec = try ExperimentSpec.parse("""
            name = "session"
            trials = 1
            [benchmark]
            name = "\(table)"
            objectives = ["c10_valid_200ep:max"]
            [budget]
            evaluations = 3
            [[algorithm]]
            type = "random-search"
            """, file: "s.toml")
        let experiment = try ValidatedExperiment(spec: spec, catalog: ExperimentFixtures.catalog)
        return try experiment.binding.withSearch(mutation: nil, objectives: [Objective(metric: "c10_valid_200ep", direction: .max)],
                                                 reported: [], cost: experiment.cost, Probe(lines: lines, budget: budget, cache: cache))
    }

    @Test("a malformed line fails the trial with a fatal error reply", arguments: [
        ("not json", "line is not JSON: not json"),
        ("[1, 2]", "a message is a JSON object with a string \\\"type\\\": [1, 2]"),
        (#"{"type":"hello"}"#, "unknown message type \\\"hello\\\" (protocol 1 knows evaluate and finish)"),
        (#"{"type":"evaluate","genes":"0,1,2"}"#, "evaluate: \\\"genes\\\" must be a list of gene vectors, or \\\"archs\\\" a list of architecture strings"),
        (#"{"type":"evaluate"}"#, "evaluate: \\\"genes\\\" must be a list of gene vectors, or \\\"archs\\\" a list of architecture strings"),
    ])
    func malformedLinesAreFatal(line: String, message: String) throws {
        let outcome = try run([line, #"{"type":"evaluate","genes":[[0,0,0,0,0,0]]}"#])
        #expect(outcome.replies == [#"{"type":"error","fatal":true,"message":"\#(message)"}"#])
        guard case .failed? = outcome.end else { Issue.record("the trial went on"); return }
        #expect(outcome.evaluations == 0)
    }

    @Test("bad genes get an error reply, nothing of the batch is charged, and the trial goes on", arguments: [
        (#"[[0,0,0,0,0,0],[0,0,0,0,0,0.5]]"#, "genes[1][5] is not an integer"),
        (#"[[1e30,0,0,0,0,0]]"#, "genes[0][0] is not an integer"),
        (#"[[99999999999999999999,0,0,0,0,0]]"#, "genes[0][0] is not an integer"),
        (#"[[-9223372036854775808,0,0,0,0,0]]"#, "genes[0][0] = -9223372036854775808 is outside its bounds [0, 4]"),
        (#"[[0,0,0,0,0,0,0]]"#, "genes[0] has 7 genes; nats-topology has 6"),
        (#"[0]"#, "genes[0] is not a list of integers"),
        (#"[]"#, "evaluate: the batch is empty"),
    ])
    func badGenesAreAnsweredAndTheTrialGoesOn(genes: String, message: String) throws {
        let outcome = try run([#"{"type":"evaluate","genes":\#(genes)}"#, #"{"type":"evaluate","genes":[[1,1,1,1,1,1]]}"#])
        #expect(try JSONLine(parsing: outcome.replies[0]) == .object([("type", .string("error")), ("fatal", .bool(false)), ("message", .string(message))]))
        #expect(outcome.end == nil && outcome.evaluations == 1)
    }

    @Test("architecture strings evaluate as the genes they write; the start message offers them")
    func architectureStrings() throws {
        let strings = #"["|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"]"#
        let byString = try run([#"{"type":"evaluate","archs":\#(strings)}"#])
        let byGenes = try run([#"{"type":"evaluate","genes":[[3,3,3,1,3,3]]}"#])
        #expect(byString.start.contains(#""encodings":["genes","archs"]"#))
        #expect(byString.replies == byGenes.replies && byString.evaluations == 1)
        let reply = try JSONLine(parsing: byString.replies[0])
        guard case .array(let items)? = reply["results"] else { Issue.record("no results"); return }
        #expect(items[0]["arch"] == .string("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|"))
    }

    @Test("a bad architecture string, or genes and archs together, get an error reply and nothing is charged", arguments: [
        (#""archs":["|nor_conv_3x3~0|+|"]"#, "archs[0]: invalid NATS topology architecture"),
        (#""archs":[3]"#, "archs[0] is not a string"),
        (#""archs":[],"genes":[]"#, "evaluate: send \"genes\" or \"archs\", not both"),
        (#""archs":[]"#, "evaluate: the batch is empty"),
    ])
    func badArchitectureStrings(fields: String, message: String) throws {
        let outcome = try run([#"{"type":"evaluate",\#(fields)}"#, #"{"type":"evaluate","genes":[[1,1,1,1,1,1]]}"#])
        let reply = try JSONLine(parsing: outcome.replies[0])
        #expect(reply["type"] == .string("error") && reply["fatal"] == .bool(false))
        guard case .string(let text)? = reply["message"] else { Issue.record("no message"); return }
        #expect(text.hasPrefix(message), "\(text)")
        #expect(outcome.end == nil && outcome.evaluations == 1)
    }

    @Test("finish with budget left fails the trial; with the budget spent it completes")
    func finishNeedsTheBudgetSpent() throws {
        let early = try run([#"{"type":"evaluate","genes":[[1,1,1,1,1,1]]}"#, #"{"type":"finish"}"#])
        #expect(early.end == .failed("sent finish with budget left (2 of 3 evaluations)"))
        let spent = try run([#"{"type":"evaluate","genes":[[1,1,1,1,1,1],[2,2,2,2,2,2],[3,3,3,3,3,3]]}"#, #"{"type":"finish"}"#])
        #expect(spent.end == .finished && spent.evaluations == 3)
    }

    @Test("under cache = free a repeat is answered uncharged and does not spend the budget")
    func freeCacheRepeats() throws {
        let outcome = try run([#"{"type":"evaluate","genes":[[1,1,1,1,1,1],[1,1,1,1,1,1],[2,2,2,2,2,2]]}"#], cache: .free)
        let results = try JSONLine(parsing: outcome.replies[0])
        guard case .array(let items)? = results["results"] else { Issue.record("no results"); return }
        #expect(items.map { $0["charged"] } == [.bool(true), .bool(false), .bool(true)])
        #expect(results["budget_left"] == .object([("evaluations", .int(1))]))
        #expect(outcome.evaluations == 2)
    }

    @Test("a simulated-seconds budget: the crossing evaluation finishes, the rest are answered budget spent")
    func simulatedSeconds() throws {
        let genes = (0..<5).map { i in "[\(i % 5),\((i + 1) % 5),0,0,0,0]" }.joined(separator: ",")
        let outcome = try run([#"{"type":"evaluate","genes":[\#(genes)]}"#], budget: .simulatedSeconds(250), table: ExperimentFixtures.timedName)
        #expect(outcome.start.contains(#""budget":{"simulated_seconds":250}"#))
        let reply = try JSONLine(parsing: outcome.replies[0])
        guard case .array(let items)? = reply["results"] else { Issue.record("no results"); return }
        let evaluated = items.filter { $0["cost"] != nil }.count
        #expect(evaluated == outcome.evaluations && outcome.spent >= 250)
        #expect(items.dropFirst(evaluated).allSatisfy { $0["error"] == .string("budget spent") })
        #expect(reply["done"] == .bool(true) && reply["budget_left"] == .object([("simulated_seconds", .int(0))]))
    }
}
