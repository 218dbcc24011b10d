import Foundation
import NASCore
import Optimizers
import SearchSpaces

/// The `external` algorithm type's optimizer: a client program (docs/PROTOCOL.md) searches,
/// and every architecture it asks for is evaluated through the trial's `TrialEvaluator`.
///
/// ```swift
/// let optimizer = ExternalOptimizer(command: ["python3", "search.py"], folder: "experiments",
///                                   timeout: 600, params: .object([]))
/// try optimizer.run(space: space, trial: trialEvaluator, rng: &rng, label: "mine", trial: 0, seed: seed)
/// ```
///
/// It starts a child process, so unlike the built-in optimizers it lives in Experiments
/// (DESIGN.md: optimizers never touch files or processes) and `TrialRunner` calls its
/// throwing `run`: a failed client fails its trial, not the process.
struct ExternalOptimizer: Optimizer {
    var command: [String]
    /// Where the child runs: the spec file's folder.
    var folder: String
    /// The longest wait for each message from the client, in seconds.
    var timeout: Double
    var params: JSONLine

    func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        preconditionFailure("an external trial runs through TrialRunner, which passes its index and seed")
    }

    func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar,
                                           label: String, trial index: Int, seed: UInt64) throws(ExternalTrialFailure)
        where E.Architecture == S.Architecture {
        func failure(_ reason: String) -> ExternalTrialFailure {
            ExternalTrialFailure(algorithm: label, trial: index, reason: reason)
        }
        let context = ExternalTrialContext(label: label, trial: index, seed: seed, params: params)
        let session = ExternalSession(space: space, trial: trial, context: context, rng: rng)
        let child: ExternalProcess
        do { child = try ExternalProcess(command: command, folder: folder) } catch { throw failure(error.description) }
        func send(_ line: String) throws(ExternalTrialFailure) {
            // A closed stdin shows up as the client's end on the next read; a full one is a hang.
            guard child.send(line, timeout: timeout) == .timedOut else { return }
            child.kill()
            throw failure("the client stopped reading its stdin for \(Self.seconds(timeout)) (timeout_s) and was killed, with \(session.budgetLeftText) left; \(child.stderrSummary)")
        }
        try send(session.startMessage)
        while true {
            switch child.nextLine(timeout: timeout) {
            case .timedOut:
                child.kill()
                throw failure("the client sent nothing for \(Self.seconds(timeout)) (timeout_s) and was killed, with \(session.budgetLeftText) left; \(child.stderrSummary)")
            case .closed:
                // Stdout closed: the client exited or crashed. Complete only with the budget spent.
                let status = child.finish(timeout: timeout)
                if session.isDone && status == 0 { return }
                let how = status == nil ? "closed its output but did not exit" : "\(child.endDescription)"
                throw failure("the client \(how) with \(session.budgetLeftText) left; \(child.stderrSummary)")
            case .line(let line):
                let step = session.handle(line)
                for reply in step.replies { try send(reply) }
                switch step.end {
                case nil: continue
                case .finished?:
                    let status = child.finish(timeout: timeout)
                    guard status == 0 else {
                        let how = status == nil ? "did not exit within \(Self.seconds(timeout)) after finish and was killed" : "\(child.endDescription) after finish"
                        throw failure("the client \(how); \(child.stderrSummary)")
                    }
                    return
                case .failed(let reason)?:
                    child.kill()
                    throw failure("\(reason); \(child.stderrSummary)")
                }
            }
        }
    }

    static func seconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
    }
}
