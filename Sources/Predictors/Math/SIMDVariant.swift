internal import SIMDKernels

/// Which build of the predictors' C loops runs (the C target SIMDKernels: the SMO solver's
/// O(n) passes, the neural networks' dense products): the same fixed-width code compiled
/// for the baseline, AVX2 and AVX-512. Every variant computes each expression in its
/// reference order without fused multiply-adds, so all give the same bits; only the time
/// differs.
public enum SIMDVariant: Int, CaseIterable, Sendable, CustomStringConvertible {
    case baseline = 0, avx2 = 1, avx512 = 2

    /// The variant the loops use now: the widest the processor and the OS run, unless
    /// `use(_:)` chose another.
    public static var current: SIMDVariant { SIMDVariant(rawValue: Int(simd_variant())) ?? .baseline }

    /// Makes every later call, on every thread, use `variant`, or the widest the processor
    /// runs when it runs no wider (`nil`: the automatic choice). For tests and `bench`.
    public static func use(_ variant: SIMDVariant?) { simd_force_variant(Int32(variant?.rawValue ?? -1)) }

    public var description: String {
        switch self {
        case .baseline: "baseline"
        case .avx2: "AVX2"
        case .avx512: "AVX-512"
        }
    }
}
