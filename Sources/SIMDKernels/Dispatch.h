#ifndef SIMD_KERNELS_DISPATCH_H
#define SIMD_KERNELS_DISPATCH_H

#include "SIMDKernels.h"

/// Calls the build of `name` (name_avx512, name_avx2, name_baseline) that `simd_variant`
/// chose, with `arguments` in parentheses: `DISPATCH(return, select_j, (h, w, n))` in a
/// function with a result, `DISPATCH(, relu, (x, count))` in one without.
#if defined(__x86_64__)
#define DISPATCH(result, name, arguments)          \
    switch (simd_variant()) {                      \
    case 2: result name##_avx512 arguments; break; \
    case 1: result name##_avx2 arguments; break;   \
    default: result name##_baseline arguments; break; \
    }
#else
#define DISPATCH(result, name, arguments) result name##_baseline arguments;
#endif

#endif
