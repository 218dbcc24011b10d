#include "SIMDKernels.h"

#include <stdatomic.h>

#if defined(__x86_64__)
/// What the processor and the operating system both support: AVX2 needs the AVX state
/// saved by the OS (XCR0 bits 1–2), AVX-512 also its mask and upper-register state (5–7).
static int widest_variant(void) {
    unsigned a, b, c, d;
    __asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(0), "c"(0));
    unsigned maxLeaf = a;
    if (maxLeaf < 7) return 0;
    __asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(1), "c"(0));
    if (!(c & (1u << 27))) return 0;  // OSXSAVE: xgetbv is available
    unsigned lo, hi;
    __asm__("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    __asm__("cpuid" : "=a"(a), "=b"(b), "=c"(c), "=d"(d) : "a"(7), "c"(0));
    int avxState = (lo & 0x6) == 0x6, avx512State = (lo & 0xE6) == 0xE6;
    if ((b & (1u << 16)) && avx512State) return 2;
    if ((b & (1u << 5)) && avxState) return 1;
    return 0;
}
#else
static int widest_variant(void) { return 0; }
#endif

/// −1 until the first call chooses.
static _Atomic int chosen = -1;

int simd_variant(void) {
    int v = atomic_load_explicit(&chosen, memory_order_relaxed);
    if (v < 0) {
        v = widest_variant();
        atomic_store_explicit(&chosen, v, memory_order_relaxed);
    }
    return v;
}

void simd_force_variant(int variant) {
    int widest = widest_variant();
    atomic_store_explicit(&chosen, variant < 0 ? widest : (variant < widest ? variant : widest), memory_order_relaxed);
}
