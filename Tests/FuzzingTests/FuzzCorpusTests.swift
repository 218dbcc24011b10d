import Foundation
import NASCore
import Testing
@testable import Fuzzing

/// The short corpus run of `make test` (scripts/fuzz/README.md): every target's real seeds,
/// then a fixed set of seeded mutants, in this process. The full runs (100,000 inputs per
/// target, libFuzzer and the seeded driver) are `scripts/fuzz/run.sh`; BENCHMARKS.md has
/// their counts.
@Suite(.serialized) struct FuzzCorpusTests {
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    static let sharedData = SharedFolder.path("data", near: #filePath)

    func campaign(_ target: FuzzTarget, inputs: Int, scratch: FuzzScratch) throws -> MutationCampaign.Result {
        let seeds = try FuzzSeeds(projectRoot: Self.projectRoot, sharedData: Self.sharedData).inputs(for: target, scratch: scratch)
        #expect(!seeds.isEmpty)
        return MutationCampaign(target: target, seeds: seeds, seed: 1, inputs: inputs).run(in: scratch)
    }

    /// Every target keeps its invariants on its seeds and 2,000 mutants (`table` 500: each
    /// input is a file). `table-resealed`, the hostile tables with a forged checksum, is
    /// left to the full run, which gives each input its own process: libhdf5 1.10 crashes on
    /// some of them (scripts/fuzz/README.md, "What the runs found"). Inputs that once broke one are among them: the spec
    /// mutant `[, …` that stopped the process inside toml++ (input 123), the header-only CSV
    /// that imported an empty table (csv input 456), lines with a bare CR quoted into
    /// two-line messages (points 1461, samples 1381).
    @Test(arguments: FuzzTarget.allCases.filter { $0 != .tableResealed })
    func shortCorpusRunKeepsTheInvariants(_ target: FuzzTarget) throws {
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        // A table or a NATS cell is large, so fewer of those (each is a whole file).
        let inputs = target == .table ? 500 : target == .pickle || target == .pbz2 ? 200 : 2_000
        let result = try campaign(target, inputs: inputs, scratch: scratch)
        #expect(result.inputs == inputs)
        for finding in result.findings.prefix(5) {
            Issue.record("input \(finding.index): \(finding.finding)")
        }
    }

    /// The same seed gives the same inputs, so a finding is replayed by its index.
    @Test func inputsAreAFunctionOfSeedTargetAndIndex() throws {
        let scratch = try FuzzScratch()
        defer { scratch.remove() }
        let seeds = try FuzzSeeds(projectRoot: Self.projectRoot, sharedData: Self.sharedData)
        for target in [FuzzTarget.spec, .tableResealed] {
            let a = MutationCampaign(target: target, seeds: try seeds.inputs(for: target, scratch: scratch), seed: 7, inputs: 10)
            let b = MutationCampaign(target: target, seeds: try seeds.inputs(for: target, scratch: scratch), seed: 7, inputs: 10)
            let c = MutationCampaign(target: target, seeds: try seeds.inputs(for: target, scratch: scratch), seed: 8, inputs: 10)
            #expect(a.input(5_000) == b.input(5_000))
            #expect(a.input(5_000) != c.input(5_000))
            #expect(a.input(0) == a.seeds[0])
        }
    }
}
