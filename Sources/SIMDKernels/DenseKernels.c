#include "Dispatch.h"

#include <string.h>

// The loops of the neural predictors (Predictors/Neural/DenseKernels.swift): the dense
// products, the graph propagation, ReLU and the Adam step. Every output is the sum a scalar
// loop would build: each product rounded, then added, in the loop's order. A fused
// multiply-add would round once where that loop rounds twice.
//
// The speed comes from keeping sums in registers: a block of about eight 16-lane sums (two
// output rows × 64 columns, or four rows of a narrower last chunk) takes every term before
// it is stored, where the loops they replace loaded and stored the output once per term.
// Operands read in whole vectors are first copied with their rows padded to a multiple of
// 16 (`pad_rows`).
#pragma clang fp contract(off)

// Sixteen lanes, whatever the target: the baseline compiles them as four SSE pairs, AVX2
// as two halves, AVX-512 as one register.
typedef float lanes __attribute__((ext_vector_type(16)));
enum { lane_count = 16, chunk_vectors = 4, chunk = lane_count * chunk_vectors };

#define BODY static inline __attribute__((always_inline))
#pragma clang diagnostic ignored "-Wpsabi"

BODY lanes load(const float *p) { lanes v; memcpy(&v, p, sizeof v); return v; }
BODY void store(float *p, lanes v) { memcpy(p, &v, sizeof v); }
/// The first `count` (< 16) lanes at p, zeros after.
BODY lanes load_part(const float *p, int64_t count) {
    float part[lane_count] = {0};
    memcpy(part, p, (size_t)count * sizeof(float));
    return load(part);
}
BODY void store_part(float *p, lanes v, int64_t count) {
    float part[lane_count];
    store(part, v);
    memcpy(p, part, (size_t)count * sizeof(float));
}
BODY int64_t padded(int64_t n) { return (n + lane_count - 1) / lane_count * lane_count; }

/// `source` (rows × columns) into `target` with rows of `stride` ≥ columns floats, zeros
/// in the padding, so every row can be read in whole vectors.
BODY void pad_rows(const float *source, float *target, int64_t rows, int64_t columns, int64_t stride) {
    for (int64_t r = 0; r < rows; r++) {
        memcpy(target + r * stride, source + r * columns, (size_t)columns * sizeof(float));
        memset(target + r * stride + columns, 0, (size_t)(stride - columns) * sizeof(float));
    }
}

/// What a product does with the output it computes.
enum { overwrite = 0, continue_sum = 1, add_sum = 2 };

enum { most_block_rows = 4 };

/// One block of out = x·y: `block_rows` output rows from r and `vectors` vectors of
/// columns from j, the last vector holding `tail` columns (16 when whole). Called with
/// constants for both counts, so each shape compiles to its own loop with every sum in a
/// register. sum(r, c) = Σₜ x(r, t)·y(t, c), t ascending, each product rounded and then
/// added: the reference loops' order. x(r, t) is x[r·xRow + t·xStep]; y is padded to whole
/// vectors (rows of yStride floats). `mode`: overwrite writes the sum (from 0); continue_sum
/// starts it from the output; add_sum adds the finished sum to the output.
BODY void product_block(const float *x, int64_t xRow, int64_t xStep, const float *y, int64_t yStride,
                        float *out, int64_t outStride, int64_t r, int block_rows, int64_t j, int vectors,
                        int64_t tail, int64_t terms, int mode) {
    lanes acc[most_block_rows][chunk_vectors];
    for (int row = 0; row < block_rows; row++) {
        for (int v = 0; v < vectors; v++) {
            const float *o = out + (r + row) * outStride + j + v * lane_count;
            int64_t count = v == vectors - 1 ? tail : lane_count;
            acc[row][v] = mode != continue_sum ? (lanes)0 : count == lane_count ? load(o) : load_part(o, count);
        }
    }
    for (int64_t t = 0; t < terms; t++) {
        lanes s[most_block_rows];
        for (int row = 0; row < block_rows; row++) s[row] = (lanes)x[(r + row) * xRow + t * xStep];
        const float *yt = y + t * yStride + j;
        for (int v = 0; v < vectors; v++) {
            lanes yv = load(yt + v * lane_count);
            for (int row = 0; row < block_rows; row++) acc[row][v] = acc[row][v] + s[row] * yv;
        }
    }
    for (int row = 0; row < block_rows; row++) {
        for (int v = 0; v < vectors; v++) {
            float *o = out + (r + row) * outStride + j + v * lane_count;
            int64_t count = v == vectors - 1 ? tail : lane_count;
            lanes sum = acc[row][v];
            if (mode == add_sum) sum = (count == lane_count ? load(o) : load_part(o, count)) + sum;
            if (count == lane_count) store(o, sum); else store_part(o, sum, count);
        }
    }
}

/// `product_block` with constant counts: block_rows 1…4 × vectors 1…4.
BODY void product_block_of_shape(const float *x, int64_t xRow, int64_t xStep, const float *y, int64_t yStride,
                                 float *out, int64_t outStride, int64_t r, int block_rows, int64_t j, int vectors,
                                 int64_t tail, int64_t terms, int mode) {
#define SHAPE(R, V)                                                                                          \
    case (R - 1) * chunk_vectors + V - 1:                                                                    \
        product_block(x, xRow, xStep, y, yStride, out, outStride, r, R, j, V, tail, terms, mode); break;
    switch ((block_rows - 1) * chunk_vectors + vectors - 1) {
    SHAPE(1, 1) SHAPE(1, 2) SHAPE(1, 3) SHAPE(1, 4)
    SHAPE(2, 1) SHAPE(2, 2) SHAPE(2, 3) SHAPE(2, 4)
    SHAPE(3, 1) SHAPE(3, 2) SHAPE(3, 3) SHAPE(3, 4)
    SHAPE(4, 1) SHAPE(4, 2) SHAPE(4, 3) SHAPE(4, 4)
    }
#undef SHAPE
}

/// out (rows × columns, row stride outStride) = x·y over `terms`, y padded (yStride). A
/// block holds about eight sums in registers: two rows of a chunk of four vectors, four
/// rows of a narrower last chunk (a block with fewer sums waits on the latency of each add).
BODY void product_body(const float *x, int64_t xRow, int64_t xStep, const float *y, int64_t yStride, float *out,
                       int64_t outStride, int64_t rows, int64_t columns, int64_t terms, int mode) {
    for (int64_t r = 0; r < rows; r += most_block_rows) {
        int here = rows - r < most_block_rows ? (int)(rows - r) : most_block_rows;
        for (int64_t j = 0; j < columns; j += chunk) {
            int64_t left = columns - j;
            int vectors = left >= chunk ? chunk_vectors : (int)((left + lane_count - 1) / lane_count);
            int64_t tail = left >= chunk ? lane_count : left - (int64_t)(vectors - 1) * lane_count;
            if (vectors <= 2) {
                product_block_of_shape(x, xRow, xStep, y, yStride, out, outStride, r, here, j, vectors, tail, terms, mode);
                continue;
            }
            for (int64_t pair = r; pair < r + here; pair += 2) {
                int two = r + here - pair < 2 ? 1 : 2;
                product_block_of_shape(x, xRow, xStep, y, yStride, out, outStride, pair, two, j, vectors, tail, terms, mode);
            }
        }
    }
}

/// Whether every value is finite.
BODY int all_finite(const float *x, int64_t count) {
    int finite = 1;
    for (int64_t i = 0; i < count; i++) finite &= __builtin_isfinite(x[i]);
    return finite;
}

/// Whether any value is −0.
BODY int any_negative_zero(const float *x, int64_t count) {
    int found = 0;
    for (int64_t i = 0; i < count; i++) found |= x[i] == 0 && __builtin_signbit(x[i]);
    return found;
}

// The products below replace loops that skip a zero multiplier (one-hot inputs, ReLU
// zeros). A block includes those terms instead: 0·y is ±0 when y is finite, and adding
// ±0 changes no sum that is not −0. A sum that starts from +0 never becomes −0 (x + y is
// −0 only when both are), so the result is the skipping loop's exactly when y is finite
// and no output the sums start from is −0. Both are checked first (O(size of y + output),
// against O(rows·inner·columns) for the product), and the skipping loop runs otherwise.

/// out (+)= a·w: a rows×inner, w inner×columns.
BODY void multiply_body(const float *a, const float *w, float *out, int64_t rows, int64_t inner, int64_t columns,
                        int accumulate, float *scratch) {
    if (!all_finite(w, inner * columns) || (accumulate && any_negative_zero(out, rows * columns))) {
        for (int64_t r = 0; r < rows; r++) {
            float *o = out + r * columns;
            if (!accumulate) memset(o, 0, (size_t)columns * sizeof(float));
            for (int64_t k = 0; k < inner; k++) {
                float s = a[r * inner + k];
                if (s == 0) continue;
                for (int64_t j = 0; j < columns; j++) o[j] += s * w[k * columns + j];
            }
        }
        return;
    }
    int64_t stride = padded(columns);
    pad_rows(w, scratch, inner, columns, stride);
    product_body(a, inner, 1, scratch, stride, out, columns, rows, columns, inner, accumulate ? continue_sum : overwrite);
}

/// g (inner × columns) += aᵀ·d: output row k is over a's column k, the terms are the rows.
BODY void accumulate_transposed_product_body(const float *a, const float *d, float *g, int64_t rows, int64_t inner,
                                             int64_t columns, float *scratch) {
    if (!all_finite(d, rows * columns) || any_negative_zero(g, inner * columns)) {
        for (int64_t r = 0; r < rows; r++) {
            for (int64_t k = 0; k < inner; k++) {
                float s = a[r * inner + k];
                if (s == 0) continue;
                for (int64_t j = 0; j < columns; j++) g[k * columns + j] += s * d[r * columns + j];
            }
        }
        return;
    }
    int64_t stride = padded(columns);
    pad_rows(d, scratch, rows, columns, stride);
    product_body(a, 1, inner, scratch, stride, g, columns, inner, columns, rows, continue_sum);
}

/// out (rows × inner) (+)= d·wᵀ: y is wᵀ (columns × inner), padded.
BODY void multiply_transposed_body(const float *d, const float *w, float *out, int64_t rows, int64_t inner,
                                   int64_t columns, int accumulate, float *scratch) {
    int64_t stride = padded(inner);
    for (int64_t j = 0; j < columns; j++) {
        float *row = scratch + j * stride;
        for (int64_t k = 0; k < inner; k++) row[k] = w[k * columns + j];
        for (int64_t k = inner; k < stride; k++) row[k] = 0;
    }
    product_body(d, columns, 1, scratch, stride, out, inner, rows, inner, columns, accumulate ? add_sum : overwrite);
}

/// out(row) = Σₑ weight[e]·x(from[e]) over the entries e of row (rowStart[row] ..<
/// rowStart[row + 1]), in that order: a sparse product whose entries are grouped by output
/// row, each row's entries in the order the reference loop adds them.
BODY void gather_rows_body(const float *x, int64_t width, const intptr_t *rowStart, const intptr_t *from,
                           const float *weight, float *out, int64_t rows) {
    for (int64_t row = 0; row < rows; row++) {
        float *o = out + row * width;
        for (int64_t j = 0; j < width; j += chunk) {
            int64_t left = width - j;
            int vectors = left >= chunk ? chunk_vectors : (int)((left + lane_count - 1) / lane_count);
            int64_t tail = left >= chunk ? lane_count : left - (int64_t)(vectors - 1) * lane_count;
            lanes acc[chunk_vectors];
            for (int v = 0; v < chunk_vectors; v++) acc[v] = (lanes)0;
            for (intptr_t e = rowStart[row]; e < rowStart[row + 1]; e++) {
                lanes s = (lanes)weight[e];
                const float *xe = x + from[e] * width + j;
                for (int v = 0; v < chunk_vectors; v++) {
                    if (v >= vectors) continue;
                    int64_t count = v == vectors - 1 ? tail : lane_count;
                    lanes xv = count == lane_count ? load(xe + v * lane_count) : load_part(xe + v * lane_count, count);
                    acc[v] = acc[v] + s * xv;
                }
            }
            for (int v = 0; v < chunk_vectors; v++) {
                if (v >= vectors) continue;
                int64_t count = v == vectors - 1 ? tail : lane_count;
                if (count == lane_count) store(o + j + v * lane_count, acc[v]);
                else store_part(o + j + v * lane_count, acc[v], count);
            }
        }
    }
}

/// x = 0 where x < 0 (NaN and −0 stay as they are).
BODY void relu_body(float *restrict x, int64_t count) {
    for (int64_t i = 0; i < count; i++) x[i] = x[i] < 0 ? 0 : x[i];
}

/// d = 0 where the ReLU output y ≤ 0.
BODY void mask_relu_body(float *restrict d, const float *restrict y, int64_t count) {
    for (int64_t i = 0; i < count; i++) d[i] = y[i] <= 0 ? 0 : d[i];
}

/// One Adam step (AdamOptimizer.swift), each expression in its order.
BODY void adam_step_body(float *restrict p, const float *restrict g, float *restrict m, float *restrict v,
                         int64_t count, float beta1, float beta2, float epsilon, float rate) {
    float keep1 = 1 - beta1, keep2 = 1 - beta2;
    for (int64_t i = 0; i < count; i++) {
        float gi = g[i];
        m[i] = beta1 * m[i] + keep1 * gi;
        v[i] = beta2 * v[i] + keep2 * gi * gi;
        p[i] -= rate * m[i] / (__builtin_sqrtf(v[i]) + epsilon);
    }
}

#define VARIANTS(suffix, attributes)                                                                        \
    attributes static void multiply_##suffix(const float *a, const float *w, float *out, int64_t rows,      \
                                             int64_t inner, int64_t columns, int accumulate, float *scratch) { \
        multiply_body(a, w, out, rows, inner, columns, accumulate, scratch);                                 \
    }                                                                                                       \
    attributes static void accumulate_transposed_product_##suffix(const float *a, const float *d, float *g, \
                                                                  int64_t rows, int64_t inner,              \
                                                                  int64_t columns, float *scratch) {        \
        accumulate_transposed_product_body(a, d, g, rows, inner, columns, scratch);                          \
    }                                                                                                       \
    attributes static void multiply_transposed_##suffix(const float *d, const float *w, float *out,         \
                                                        int64_t rows, int64_t inner, int64_t columns,        \
                                                        int accumulate, float *scratch) {                    \
        multiply_transposed_body(d, w, out, rows, inner, columns, accumulate, scratch);                      \
    }                                                                                                       \
    attributes static void gather_rows_##suffix(const float *x, int64_t width, const intptr_t *rowStart,    \
                                                const intptr_t *from, const float *weight, float *out,       \
                                                int64_t rows) {                                              \
        gather_rows_body(x, width, rowStart, from, weight, out, rows);                                       \
    }                                                                                                       \
    attributes static void relu_##suffix(float *x, int64_t count) { relu_body(x, count); }                 \
    attributes static void mask_relu_##suffix(float *d, const float *y, int64_t count) {                    \
        mask_relu_body(d, y, count);                                                                         \
    }                                                                                                       \
    attributes static void adam_step_##suffix(float *p, const float *g, float *m, float *v, int64_t count,  \
                                              float b1, float b2, float eps, float rate) {                   \
        adam_step_body(p, g, m, v, count, b1, b2, eps, rate);                                                \
    }

VARIANTS(baseline, )
#if defined(__x86_64__)
VARIANTS(avx2, __attribute__((target("avx2"))))
VARIANTS(avx512, __attribute__((target("avx512f"))))
#endif

void dense_multiply(const float *a, const float *w, float *out, int64_t rows, int64_t inner, int64_t columns,
                    int accumulate, float *scratch) {
    DISPATCH(, multiply, (a, w, out, rows, inner, columns, accumulate, scratch))
}

void dense_accumulate_transposed_product(const float *a, const float *d, float *g, int64_t rows, int64_t inner,
                                         int64_t columns, float *scratch) {
    DISPATCH(, accumulate_transposed_product, (a, d, g, rows, inner, columns, scratch))
}

void dense_multiply_transposed(const float *d, const float *w, float *out, int64_t rows, int64_t inner,
                               int64_t columns, int accumulate, float *scratch) {
    DISPATCH(, multiply_transposed, (d, w, out, rows, inner, columns, accumulate, scratch))
}

void dense_gather_rows(const float *x, int64_t width, const intptr_t *rowStart, const intptr_t *from,
                       const float *weight, float *out, int64_t rows) {
    DISPATCH(, gather_rows, (x, width, rowStart, from, weight, out, rows))
}

void dense_relu(float *x, int64_t count) {
    DISPATCH(, relu, (x, count))
}

void dense_mask_relu(float *d, const float *y, int64_t count) {
    DISPATCH(, mask_relu, (d, y, count))
}

void dense_adam_step(float *p, const float *g, float *m, float *v, int64_t count, float beta1, float beta2,
                     float epsilon, float rate) {
    DISPATCH(, adam_step, (p, g, m, v, count, beta1, beta2, epsilon, rate))
}
