internal import SMOKernels

/// Which build of the SMO solver's three O(n) passes runs (the C target SMOKernels): the
/// same eight-lane code compiled for the baseline, AVX2 and AVX-512. Every variant computes
/// libsvm's expressions in libsvm's order without fused multiply-adds, so all give the
/// same bits; only the time differs.
public enum SMOKernelVariant: Int, CaseIterable, Sendable, CustomStringConvertible {
    case baseline = 0, avx2 = 1, avx512 = 2

    /// The variant solves use now: the widest the processor and the OS run, unless
    /// `use(_:)` chose another.
    public static var current: SMOKernelVariant { SMOKernelVariant(rawValue: Int(smo_variant())) ?? .baseline }

    /// Makes every later solve, on every thread, use `variant`, or the widest the processor
    /// runs when it runs no wider (`nil`: the automatic choice). For tests and `bench`.
    public static func use(_ variant: SMOKernelVariant?) { smo_force_variant(Int32(variant?.rawValue ?? -1)) }

    public var description: String {
        switch self {
        case .baseline: "baseline"
        case .avx2: "AVX2"
        case .avx512: "AVX-512"
        }
    }
}
