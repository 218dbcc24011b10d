import NASCore
import SearchSpaces

/// Aging (regularized) evolution, Real et al. 2019, Algorithm 1 (ALGORITHMS.md §3).
///
/// ```swift
/// AgingEvolution(preset: .natsBench).run(space: space, trial: trial, rng: &rng)
/// ```
///
/// P random architectures are evaluated; then, until the budget is spent, S members are
/// sampled, the fittest is mutated, the child is evaluated and appended, and the *oldest*
/// member is removed.
///
/// Presets follow the two reference implementations:
/// - `natsBench` (`AutoDL-Projects/exps/NATS-algos/regularized_ea.py`, §3.2): P = 10,
///   S = 3, sampling *with* replacement, ties to the first maximum drawn;
/// - `nasbench` (`google-research/nasbench` notebook, §3.4): P = 50, S = 10, sampling
///   *without* replacement (`random_combination`, candidates in population order) and
///   `sorted(…)[-1]`, so ties go to the candidate latest in the population.
public struct AgingEvolution: Optimizer {
    public enum Preset: String, Sendable, CaseIterable {
        case natsBench = "nats-bench"
        case nasbench = "nasbench"
    }

    public var population: Int
    public var sampleSize: Int
    public var withReplacement: Bool

    public init(population: Int, sampleSize: Int, withReplacement: Bool) {
        self.population = population
        self.sampleSize = sampleSize
        self.withReplacement = withReplacement
    }

    public init(preset: Preset) {
        switch preset {
        case .natsBench: self.init(population: 10, sampleSize: 3, withReplacement: true)
        case .nasbench: self.init(population: 50, sampleSize: 10, withReplacement: false)
        }
    }

    public func run<S: SearchSpace, E: Evaluator>(space: S, trial: TrialEvaluator<E>, rng: inout Xoshiro256StarStar)
        where E.Architecture == S.Architecture {
        guard let objective = trial.evaluator.objectives.first else { return }
        // A ring buffer: `oldest` is the next slot to overwrite once the population is full.
        // Architectures and fitnesses in separate arrays: this code is generic in the
        // architecture, and a field of `Individual<A>` after an `A` of unknown size costs a
        // metadata lookup on every comparison of the tournament.
        var architectures: [S.Architecture] = []
        var fitnesses: [Double] = []
        architectures.reserveCapacity(population)
        fitnesses.reserveCapacity(population)
        var oldest = 0
        var attempts = 0
        while architectures.count < population {
            let candidate = space.sample(using: &rng)
            guard let logged = trial.evaluateLogged(candidate) else {
                attempts += 1
                if trial.isExhausted || attempts > 1_000_000 { return }
                continue
            }
            architectures.append(candidate)
            fitnesses.append(fitness(trial.objective(0, at: logged), objective))
        }
        var chosen = [Int](repeating: 0, count: sampleSize)
        while !trial.isExhausted {
            // Positions are in age order: position 0 is the oldest member.
            let parentPosition: Int
            if withReplacement {
                var best = rng.nextInt(below: population)
                for _ in 1..<max(1, sampleSize) {
                    let p = rng.nextInt(below: population)
                    if fitnesses[(oldest + p) % population] > fitnesses[(oldest + best) % population] { best = p }
                }
                parentPosition = best
            } else {
                sampleWithoutReplacement(population, into: &chosen, rng: &rng)
                var best = chosen[0]
                for p in chosen.dropFirst() where fitnesses[(oldest + p) % population] >= fitnesses[(oldest + best) % population] {
                    best = p
                }
                parentPosition = best
            }
            let child = space.mutate(architectures[(oldest + parentPosition) % population], using: &rng)
            guard let logged = trial.evaluateLogged(child) else {
                if trial.isExhausted { return }
                continue
            }
            architectures[oldest] = child
            fitnesses[oldest] = fitness(trial.objective(0, at: logged), objective)
            oldest = (oldest + 1) % population
        }
    }

    /// `sampleSize` distinct positions in increasing order (Python's `random_combination`).
    private func sampleWithoutReplacement(_ n: Int, into chosen: inout [Int], rng: inout Xoshiro256StarStar) {
        let k = min(sampleSize, n)
        // Floyd's algorithm: k distinct values from 0..<n in O(k) draws.
        var picked = Set<Int>(minimumCapacity: k)
        for j in (n - k)..<n {
            let t = rng.nextInt(below: j + 1)
            picked.insert(picked.contains(t) ? j : t)
        }
        chosen = picked.sorted()
    }
}
