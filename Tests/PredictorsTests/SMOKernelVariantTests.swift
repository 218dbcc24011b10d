import Testing
@testable import Predictors

/// The SMO solver's passes are one C body compiled for the baseline, AVX2 and AVX-512
/// (SMOKernels); a solve must take the same path in each, bit for bit. A fused
/// multiply-add in the wider builds, or a lane order that changed the ties, would fail here.
@Suite(.serialized) struct SMOKernelVariantTests {
    @Test("every kernel build the processor runs gives the same solution, bit for bit")
    func everyVariantSolvesAlike() throws {
        defer { SMOKernelVariant.use(nil) }
        let widest = SMOKernelVariant.current
        SMOKernelVariant.use(.baseline)
        #expect(SMOKernelVariant.current == .baseline)
        var compared = 0
        for id in OracleDataset.ids where OracleDataset.named(id).xTrain.rows <= 250 {
            let ds = OracleDataset.named(id)
            let d = Double(ds.xTrain.columns)
            for kernel in [Kernel.rbf(gamma: 1 / d), .linear] {
                let km = KernelMatrix(ds.xTrain, kernel: kernel)
                for (c, epsilon) in [(1.0, 0.01), (10, 0), (100, 0.01)] {
                    func solve(_ variant: SMOKernelVariant) -> SVRSolution {
                        SMOKernelVariant.use(variant)
                        return SMOSolver.solveEpsilonSVR(kernel: km, targets: ds.yTrain, c: c, epsilon: epsilon,
                                                         maxIterations: 1_000_000)
                    }
                    let reference = solve(.baseline)
                    for variant in SMOKernelVariant.allCases where variant.rawValue <= widest.rawValue && variant != .baseline {
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

    #if os(Linux)
    /// What Linux says the processor runs (its flags list only what the kernel enabled).
    static var cpuinfoWidest: SMOKernelVariant? {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let flags = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let set = Set(flags.split(separator: " ").map(String.init))
        return set.contains("avx512f") ? .avx512 : set.contains("avx2") ? .avx2 : .baseline
    }

    @Test("the automatic choice is the widest build the processor runs, and a wider one is never forced")
    func theChoiceFollowsTheProcessor() throws {
        defer { SMOKernelVariant.use(nil) }
        let expected = try #require(Self.cpuinfoWidest, "no /proc/cpuinfo")
        SMOKernelVariant.use(nil)
        #expect(SMOKernelVariant.current == expected)
        SMOKernelVariant.use(.avx512)
        #expect(SMOKernelVariant.current == expected)
        SMOKernelVariant.use(.baseline)
        #expect(SMOKernelVariant.current == .baseline)
    }
    #endif
}
