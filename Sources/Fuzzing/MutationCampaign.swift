import Foundation
import NASCore

/// A seeded fuzzing run of one target without libFuzzer: `inputs` mutants of the seeds, each
/// fed to the target; the seeds themselves go first. Input *i* depends only on the seed,
/// the target and *i*, so any input is replayed by its index (`nasreplay-fuzz replay`).
///
/// ```swift
/// let campaign = MutationCampaign(target: .csv, seeds: seeds, seed: 1, inputs: 100_000)
/// let result = campaign.run(in: scratch, progress: { done, findings in print(done, findings) })
/// result.findings        // [] when every reply kept the invariants
/// ```
public struct MutationCampaign: Sendable {
    public var target: FuzzTarget
    public var seeds: [[UInt8]]
    public var seed: UInt64
    public var inputs: Int
    public var mutator: ByteMutator

    public struct Finding: Sendable {
        public var index: Int
        public var input: [UInt8]
        public var finding: FuzzFinding
    }

    public struct Result: Sendable {
        public var inputs: Int
        public var findings: [Finding]
        public var seconds: Double
        /// The slowest input and its time, the hang watch's measure.
        public var slowestIndex: Int
        public var slowestSeconds: Double
    }

    public init(target: FuzzTarget, seeds: [[UInt8]], seed: UInt64, inputs: Int) {
        self.target = target
        self.seeds = seeds
        self.seed = seed
        self.inputs = inputs
        let longest = seeds.map(\.count).max() ?? 0
        mutator = ByteMutator(dictionary: FuzzDictionary.tokens(for: target, seeds: seeds),
                              maxLength: max(1 << 16, longest + 4096))
    }

    /// Input `index`: a seed for the first `seeds.count`, then a mutant.
    public func input(_ index: Int) -> [UInt8] {
        if index < seeds.count { return seeds[index] }
        guard !seeds.isEmpty else { return [] }
        var rng = Xoshiro256StarStar(seed: StreamSeed.derive(base: seed, labels: ["fuzz", target.rawValue, String(index)]))
        let base = seeds[rng.nextInt(below: seeds.count)]
        return mutator.mutate(base, splicingWith: seeds, using: &rng)
    }

    /// Runs inputs `first ..< first + inputs`; `willRun` sees each index before its input
    /// runs (the driver's crash and hang watch) and `progress` is called every 10,000 inputs
    /// with the count done and the findings so far.
    ///
    /// - Parameter isolated: each input in its own process (`IsolatedInput`).
    public func run(in scratch: FuzzScratch, first: Int = 0, isolated: Bool = false, willRun: (Int) -> Void = { _ in },
                    progress: (_ done: Int, _ findings: Int) -> Void = { _, _ in }) -> Result {
        var findings: [Finding] = []
        let start = DispatchTime.now().uptimeNanoseconds
        var slowest = (index: first, seconds: 0.0)
        for index in first..<(first + inputs) {
            let bytes = input(index)
            willRun(index)
            let began = DispatchTime.now().uptimeNanoseconds
            if isolated {
                if let problem = IsolatedInput.run(target, bytes, in: scratch) {
                    findings.append(Finding(index: index, input: bytes, finding: FuzzFinding(target: target.rawValue, problem: problem)))
                }
            } else {
                do { try target.run(bytes, in: scratch) } catch { findings.append(Finding(index: index, input: bytes, finding: error)) }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
            if seconds > slowest.seconds { slowest = (index, seconds) }
            if (index + 1 - first) % 10_000 == 0 { progress(index + 1 - first, findings.count) }
        }
        return Result(inputs: inputs, findings: findings, seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9,
                      slowestIndex: slowest.index, slowestSeconds: slowest.seconds)
    }
}
