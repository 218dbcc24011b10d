import Testing
@testable import NASCore

/// `evaluateLogged` is `evaluate` without building an `Evaluation`: the same counting,
/// charging, caching and log, and `evaluation(at:)` gives back what the evaluator answered.
@Suite struct TrialEvaluatorLeanPathTests {
    /// Architecture i: objectives (i, −i), reported 10·i, cost i; odd i answer as the
    /// nearest row at distance i, multiples of 5 as a surrogate, 13 not at all.
    struct Mixed: Evaluator {
        typealias Architecture = Int
        var objectives: [Objective] { [Objective(metric: "a", direction: .max), Objective(metric: "b", direction: .min)] }
        var reported: [String] { ["r"] }
        func evaluate(_ i: Int) -> Evaluation? {
            if i == 13 { return nil }
            let answer: Evaluation.Answer = i % 5 == 0 ? .surrogate(name: "knn") : i % 2 == 1 ? .nearest(distance: Double(i)) : .exact
            return Evaluation(row: i % 5 == 0 ? nil : i, objectives: [Double(i), -Double(i)], reported: [10 * Double(i)],
                              cost: Double(i), answer: answer)
        }
    }

    @Test(arguments: [CachePolicy.charge, .free])
    func bothFormsLogAndAnswerAlike(cache: CachePolicy) {
        let queries = [2, 3, 5, 13, 3, 4, 2, 7, 10, 13, 8]
        let plain = TrialEvaluator(Mixed(), budget: .evaluations(8), cache: cache)
        let lean = TrialEvaluator(Mixed(), budget: .evaluations(8), cache: cache)
        for q in queries {
            let answer = plain.evaluate(q)
            let logged = lean.evaluateLogged(q)
            #expect((answer == nil) == (logged == nil), "query \(q)")
            if let answer, let logged {
                #expect(lean.evaluation(at: logged) == answer, "query \(q)")
                #expect(lean.objective(1, at: logged) == answer.objectives[1])
            }
            #expect(plain.lastWasRepeat == lean.lastWasRepeat)
        }
        #expect(plain.log == lean.log)
        #expect(plain.unanswered == lean.unanswered && plain.spentSeconds == lean.spentSeconds)
        #expect(plain.isExhausted == lean.isExhausted)
        // Under `.free` a repeat is answered from the first answer's entry, uncharged.
        if cache == .free {
            #expect(lean.log.rows == [2, 3, -1, 4, 7, -1, 8])
        } else {
            #expect(lean.log.rows == [2, 3, -1, 3, 4, 2, 7, -1])
        }
    }
}
