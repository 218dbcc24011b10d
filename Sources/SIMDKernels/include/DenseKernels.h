#ifndef DENSE_KERNELS_H
#define DENSE_KERNELS_H

// The dense products and element-wise steps of the neural predictors (MLP, GCN), on
// row-major float storage. Each result has the bits of the scalar loop it replaces
// (Predictors/Neural/DenseKernels.swift documents each; DenseKernelsTests compares them).

#include <stdint.h>

/// out (+)= a·w, a: rows×inner, w: inner×columns; terms with a = 0 skipped (their ±0
/// changes nothing). `scratch`: inner × (columns rounded up to 16) floats.
void dense_multiply(const float *a, const float *w, float *out, int64_t rows, int64_t inner, int64_t columns,
                    int accumulate, float *scratch);

/// g += aᵀ·d, a: rows×inner, d: rows×columns, g: inner×columns; terms with a = 0 skipped.
/// `scratch`: rows × (columns rounded up to 16) floats.
void dense_accumulate_transposed_product(const float *a, const float *d, float *g, int64_t rows, int64_t inner,
                                         int64_t columns, float *scratch);

/// out (+)= d·wᵀ, d: rows×columns, w: inner×columns, out: rows×inner; each output the sum
/// over columns from 0, then added to the output when `accumulate`. `scratch`: columns ×
/// (inner rounded up to 16) floats.
void dense_multiply_transposed(const float *d, const float *w, float *out, int64_t rows, int64_t inner,
                               int64_t columns, int accumulate, float *scratch);

/// out(row) = Σₑ weight[e]·x(from[e]) for e in rowStart[row] ..< rowStart[row + 1], in that
/// order, from 0; x and out: rows of `width` floats.
void dense_gather_rows(const float *x, int64_t width, const intptr_t *rowStart, const intptr_t *from,
                       const float *weight, float *out, int64_t rows);

/// x = 0 where x < 0.
void dense_relu(float *x, int64_t count);

/// d = 0 where y ≤ 0.
void dense_mask_relu(float *d, const float *y, int64_t count);

/// One Adam step: m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g·g; p −= rate·m / (√v + ε).
void dense_adam_step(float *p, const float *g, float *m, float *v, int64_t count, float beta1, float beta2,
                     float epsilon, float rate);

#endif
