#ifndef SIMD_KERNELS_H
#define SIMD_KERNELS_H

// The project's only C: loops Swift cannot compile for the processor it runs on (Swift has
// no per-function target). Each is written once on fixed-width vectors and compiled for
// the x86-64 baseline, AVX2 and AVX-512; the widest the processor runs is chosen once.
// Every variant gives the same bits: no fused multiply-add, each sum in its reference
// order (SIMDVariantTests holds them equal).

#include "SMOKernels.h"
#include "DenseKernels.h"

/// Which variant runs: 0 the baseline, 1 AVX2, 2 AVX-512 (the widest the processor has,
/// unless `simd_force_variant` chose one).
int simd_variant(void);

/// Makes every later call use `variant` (clamped to what the processor runs); −1 restores
/// the automatic choice. For tests and `bench`.
void simd_force_variant(int variant);

#endif
