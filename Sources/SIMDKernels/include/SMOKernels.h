#ifndef SMO_KERNELS_H
#define SMO_KERNELS_H

// The three O(n) passes of the ε-SVR SMO solver (Predictors/SVM/SMOSolver.swift), over the
// active set, eight variables at a time. Each is compiled for AVX-512, AVX2 and the
// baseline, and `simd_variant` chooses which runs; every variant computes
// libsvm's expressions in libsvm's order, with no fused multiply-add, so all give the
// same bits (SIMDVariantTests holds them equal).

#include <stdint.h>

/// The two maxima of WSS 3 over variables 0..<count: max over I_up of −yₜGₜ, with the last
/// index holding it (libsvm's `>=`; −1 when I_up is empty), and max over I_low of yₜGₜ.
typedef struct {
    double up;
    double low;
    int64_t upIndex;
} smo_maxima;

/// The maxima of the signed gradient `h`, with `upBias`/`lowBias` 0 (in the set) or −∞.
smo_maxima smo_compute_maxima(const double *h, const double *upBias, const double *lowBias, int64_t count);

/// hₖ += Kᵢₖ·stepI + Kⱼₖ·stepJ for k in 0..<count, and the new maxima in the same pass.
smo_maxima smo_update_gradient(double *h, const float *rowI, const float *rowJ, double stepI, double stepJ,
                               const double *upBias, const double *lowBias, int64_t count);

/// WSS 3's choice of j given i (its kernel row `rowI`, its diagonal `qdI`) and
/// gMax = max over I_up of −yₜGₜ: the last t minimising −(gMax + hₜ)²/quadₜ over I_low
/// with gMax + hₜ > 0, quadₜ = qdI + QDₜ − 2Kᵢₜ (τ when not positive); −1 when none.
int64_t smo_select_j(const double *h, const double *lowBias, const double *quadDiagonal, const float *rowI,
                     double gMax, double qdI, double tau, int64_t count);

// The same three passes for the paired solver (ε = 0: both variables of a sample share
// one gradient, so a slot stands for a pair). Slots are not in libsvm's order: each carries
// the libsvm position of its candidate (`upPosition`: the last of its variables in I_up,
// `lowPosition`: in I_low), ties go to the larger position, and the results are positions.

smo_maxima smo_paired_compute_maxima(const double *h, const double *upBias, const double *lowBias,
                                     const int64_t *upPosition, int64_t count);

smo_maxima smo_paired_update_gradient(double *h, const float *rowI, const float *rowJ, double stepI, double stepJ,
                                      const double *upBias, const double *lowBias, const int64_t *upPosition,
                                      int64_t count);

int64_t smo_paired_select_j(const double *h, const double *lowBias, const double *quadDiagonal, const float *rowI,
                            const int64_t *lowPosition, double gMax, double qdI, double tau, int64_t count);

#endif
