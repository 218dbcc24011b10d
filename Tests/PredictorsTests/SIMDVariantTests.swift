import Foundation
import Testing
@testable import Predictors

/// The SMO solver's passes are one C body compiled for the baseline, AVX2 and AVX-512
/// (SMOKernels); a solve must take the same path in each, bit for bit. A fused
/// multiply-add in the wider builds, or a lane order that changed the ties, would fail here.
@Suite(.serialized) struct SIMDVariantTests {
    @Test("every kernel build the processor runs gives the same solution, bit for bit")
    func everyVariantSolvesAlike() throws {
        try SIMDVariant.whileForcing { try solveInEveryVariant(widest: $0.last ?? .baseline) }
    }

    private func solveInEveryVariant(widest: SIMDVariant) throws {
        SIMDVariant.use(.baseline)
        #expect(SIMDVariant.current == .baseline)
        var compared = 0
        for id in OracleDataset.ids where OracleDataset.named(id).xTrain.rows <= 250 {
            let ds = OracleDataset.named(id)
            let d = Double(ds.xTrain.columns)
            for kernel in [Kernel.rbf(gamma: 1 / d), .linear] {
                let km = KernelMatrix(ds.xTrain, kernel: kernel)
                for (c, epsilon) in [(1.0, 0.01), (10, 0), (100, 0.01)] {
                    func solve(_ variant: SIMDVariant) -> SVRSolution {
                        SIMDVariant.use(variant)
                        return SMOSolver.solveEpsilonSVR(kernel: km, targets: ds.yTrain, c: c, epsilon: epsilon,
                                                         maxIterations: 1_000_000)
                    }
                    let reference = solve(.baseline)
                    for variant in SIMDVariant.allCases where variant.rawValue <= widest.rawValue && variant != .baseline {
                        let other = solve(variant)
                        let at = "\(id) \(kernel) C = \(c) ε = \(epsilon), \(variant)"
                        #expect(other.coefficients.map(\.bitPattern) == reference.coefficients.map(\.bitPattern), "\(at)")
                        #expect(other.rho.bitPattern == reference.rho.bitPattern && other.iterations == reference.iterations, "\(at)")
                        #expect(other.largestBoxComparison == reference.largestBoxComparison, "\(at)")
                        compared += 1
                    }
                }
            }
        }
        // On a processor with only the baseline there is nothing to compare; say so.
        if widest == .baseline { withKnownIssue("this processor runs only the baseline build") { Issue.record("nothing compared") } }
        else { #expect(compared > 0) }
    }

    @Test("every build trains the same GCN (both layer kinds, both readouts) and MLP, bit for bit")
    func everyVariantTrainsAlike() throws {
        let data = try GCNTests.syntheticCells(count: 90, seed: 5)
        let rows = Matrix(rows: 90, columns: 6, values: data.targets.indices.flatMap { i in
            (0..<6).map { Double((i * 7 + $0 * 3) % 11) / 5 - Double($0 == 0 ? 1 : 0) }
        })
        func train(_ variant: SIMDVariant) throws -> [[Float]] {
            SIMDVariant.use(variant)
            var weights: [[Float]] = []
            for (layer, readout) in [(GraphConvolution.sageMean, GraphReadout.max), (.kipfWelling, .mean)] {
                var gcn = GraphConvolutionalNetwork(configuration: .init(layer: layer, widths: [37, 18, 9], readout: readout,
                                                                         head: [4], epochs: 4, batchSize: 16, seed: 3))
                try gcn.fit(graphs: data.graphs, targets: data.targets)
                weights.append(gcn.parameters)
            }
            var mlp = MLPRegressor(hiddenLayers: [33, 17], epochs: 5, seed: 2)
            try mlp.fit(rows, data.targets)
            weights.append(mlp.parameters)
            return weights
        }
        let trained = try SIMDVariant.whileForcing { runnable in try runnable.map { ($0, try train($0)) } }
        let reference = trained[0].1
        for (variant, other) in trained.dropFirst() {
            for (model, (a, b)) in zip(["GCN sage-mean", "GCN Kipf-Welling", "MLP"], zip(other, reference)) {
                #expect(!b.isEmpty && DenseKernelsTests.differingBits(a, b) == 0, "\(model), \(variant)")
            }
        }
    }

    #if os(Linux)
    /// What Linux says the processor runs (its flags list only what the kernel enabled).
    static var cpuinfoWidest: SIMDVariant? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let set = Set(flags.split(separator: " ").map(String.init))
        return set.contains("avx512f") ? .avx512 : set.contains("avx2") ? .avx2 : .baseline
    }

    @Test("the automatic choice is the widest build the processor runs, and a wider one is never forced")
    func theChoiceFollowsTheProcessor() throws {
        let expected = try #require(Self.cpuinfoWidest, "no /proc/cpuinfo")
        SIMDVariant.whileForcing { _ in checkTheChoice(expected) }
    }

    private func checkTheChoice(_ expected: SIMDVariant) {
        SIMDVariant.use(nil)
        #expect(SIMDVariant.current == expected)
        SIMDVariant.use(.avx512)
        #expect(SIMDVariant.current == expected)
        SIMDVariant.use(.baseline)
        #expect(SIMDVariant.current == .baseline)
    }
    #endif
}

extension SIMDVariant {
    private static let forcing = NSLock()

    /// Runs `body` with the builds this processor runs (the widest last), holding the lock
    /// that every test which forces a build holds: the choice is process-wide and suites run
    /// in parallel. The automatic choice is restored before and after.
    static func whileForcing<T>(_ body: ([SIMDVariant]) throws -> T) rethrows -> T {
        forcing.lock()
        defer { use(nil); forcing.unlock() }
        use(nil)
        let widest = current
        return try body(allCases.filter { $0.rawValue <= widest.rawValue })
    }
}
