#include "Dispatch.h"

#include <string.h>

// libsvm computes each product and sum on its own; a fused multiply-add would round once
// where it rounds twice, and the solver's path (and scikit-learn agreement) would change.
#pragma clang fp contract(off)

// Eight lanes, whatever the target: the baseline compiles them as four SSE2 pairs, AVX2 as
// two halves, AVX-512 as one register. The bodies below are written once and inlined into
// one entry point per target.
typedef double lanes_d __attribute__((ext_vector_type(8)));
typedef float lanes_f __attribute__((ext_vector_type(8)));
typedef int64_t lanes_i __attribute__((ext_vector_type(8)));
enum { width = 8 };

#define BODY static inline __attribute__((always_inline))
// The helpers pass eight-lane vectors by value, which the ABI passes differently with and
// without AVX-512; they are always inlined into each entry point, so no call crosses it.
#pragma clang diagnostic ignored "-Wpsabi"

BODY lanes_d load_d(const double *p) { lanes_d v; memcpy(&v, p, sizeof v); return v; }
BODY lanes_d load_f(const float *p) { lanes_f v; memcpy(&v, p, sizeof v); return __builtin_convertvector(v, lanes_d); }
BODY void store_d(double *p, lanes_d v) { memcpy(p, &v, sizeof v); }
/// a where `mask` (all ones), b elsewhere.
BODY lanes_d blend_d(lanes_i mask, lanes_d a, lanes_d b) { return (lanes_d)(((lanes_i)a & mask) | ((lanes_i)b & ~mask)); }
BODY lanes_i blend_i(lanes_i mask, lanes_i a, lanes_i b) { return (a & mask) | (b & ~mask); }

/// Per-lane maxima: lane k sees variables k, k + 8, …, and keeps the last index of its
/// maximum of `up` (`>=`, as libsvm); the last index of the overall maximum is then the
/// largest of the lanes' indices that hold it.
typedef struct {
    lanes_d up, low;
    lanes_i at;
} lane_maxima;

BODY lane_maxima maxima_start(void) {
    lane_maxima m;
    m.up = (lanes_d)(-__builtin_inf());
    m.low = (lanes_d)(-__builtin_inf());
    m.at = (lanes_i)(-1);
    return m;
}

BODY void maxima_add(lane_maxima *m, lanes_i index, lanes_d u, lanes_d w) {
    lanes_i better = u >= m->up;
    m->up = blend_d(better, u, m->up);
    m->at = blend_i(better, index, m->at);
    m->low = blend_d(w > m->low, w, m->low);
}

/// One variable after the full blocks, in lane 0 (its index is above every other).
BODY void maxima_add_one(lane_maxima *m, int64_t t, double u, double w) {
    if (u >= m->up[0]) { m->up[0] = u; m->at[0] = t; }
    if (w > m->low[0]) { m->low[0] = w; }
}

BODY smo_maxima maxima_finish(const lane_maxima *m) {
    smo_maxima r = { m->up[0], m->low[0], -1 };
    for (int k = 1; k < width; k++) {
        if (m->up[k] > r.up) r.up = m->up[k];
        if (m->low[k] > r.low) r.low = m->low[k];
    }
    for (int k = 0; k < width; k++) {
        if (m->up[k] == r.up && m->at[k] > r.upIndex) r.upIndex = m->at[k];
    }
    return r;
}

BODY lanes_i first_indices(void) { return (lanes_i){0, 1, 2, 3, 4, 5, 6, 7}; }

BODY smo_maxima compute_maxima_body(const double *h, const double *upBias, const double *lowBias, int64_t count) {
    lane_maxima m = maxima_start();
    lanes_i index = first_indices();
    int64_t t = 0;
    for (; t + width <= count; t += width) {
        lanes_d g = load_d(h + t);
        maxima_add(&m, index, -g + load_d(upBias + t), g + load_d(lowBias + t));
        index += width;
    }
    for (; t < count; t++) maxima_add_one(&m, t, -h[t] + upBias[t], h[t] + lowBias[t]);
    return maxima_finish(&m);
}

BODY smo_maxima update_gradient_body(double *h, const float *rowI, const float *rowJ, double stepI, double stepJ,
                                     const double *upBias, const double *lowBias, int64_t count) {
    lane_maxima m = maxima_start();
    lanes_i index = first_indices();
    lanes_d si = (lanes_d)stepI, sj = (lanes_d)stepJ;
    int64_t t = 0;
    for (; t + width <= count; t += width) {
        lanes_d g = load_d(h + t) + (load_f(rowI + t) * si + load_f(rowJ + t) * sj);
        store_d(h + t, g);
        maxima_add(&m, index, -g + load_d(upBias + t), g + load_d(lowBias + t));
        index += width;
    }
    for (; t < count; t++) {
        double g = h[t] + ((double)rowI[t] * stepI + (double)rowJ[t] * stepJ);
        h[t] = g;
        maxima_add_one(&m, t, -g + upBias[t], g + lowBias[t]);
    }
    return maxima_finish(&m);
}

/// Per-lane minima of WSS 3's objective over the candidates, each lane keeping the last
/// index of its minimum (libsvm's `<=`); the overall choice is the largest of the lanes'
/// indices that hold the overall minimum: libsvm's j, which its sequential scan leaves at
/// the last index of the minimum.
typedef struct {
    lanes_d objective;
    lanes_i at;
} lane_minima;

BODY void minima_add_one(lane_minima *m, int64_t t, double gradDiff, double numerator, double denominator) {
    if (gradDiff > 0) {
        double objective = -numerator / denominator;
        if (objective <= m->objective[0]) { m->objective[0] = objective; m->at[0] = t; }
    }
}

BODY int64_t select_j_body(const double *h, const double *lowBias, const double *quadDiagonal, const float *rowI,
                           double gMax, double qdI, double tau, int64_t count) {
    lane_minima m = { (lanes_d)__builtin_inf(), (lanes_i)(-1) };
    lanes_d gMaxLanes = (lanes_d)gMax, qdILanes = (lanes_d)qdI, tauLanes = (lanes_d)tau;
    lanes_i index = first_indices();
    int64_t t = 0;
    // Every variable's objective is computed, as libsvm does, eight at a time: whether
    // gradDiff > 0 is a coin flip from one variable to the next, so a branch per variable
    // would be mispredicted half the time.
    for (; t + width <= count; t += width) {
        lanes_d gradDiff = gMaxLanes + (load_d(h + t) + load_d(lowBias + t));
        lanes_d quad = qdILanes + load_d(quadDiagonal + t) - 2.0 * load_f(rowI + t);
        lanes_d denominator = blend_d(quad > 0, quad, tauLanes);
        lanes_d objective = -(gradDiff * gradDiff) / denominator;
        lanes_i better = (gradDiff > 0) & (objective <= m.objective);
        m.objective = blend_d(better, objective, m.objective);
        m.at = blend_i(better, index, m.at);
        index += width;
    }
    for (; t < count; t++) {
        double gradDiff = gMax + (h[t] + lowBias[t]);
        double quad = qdI + quadDiagonal[t] - 2.0 * (double)rowI[t];
        minima_add_one(&m, t, gradDiff, gradDiff * gradDiff, quad > 0 ? quad : tau);
    }
    double least = m.objective[0];
    for (int k = 1; k < width; k++) {
        if (m.objective[k] < least) least = m.objective[k];
    }
    int64_t j = -1;
    for (int k = 0; k < width; k++) {
        if (m.objective[k] == least && m.at[k] > j) j = m.at[k];
    }
    return j;
}

// The paired solver's passes (PairedSMOSolver.swift: ε = 0, where both variables of a
// sample share one gradient). Its slots are not in libsvm's order, so each slot carries
// the libsvm position that stands for it, and ties go to the larger position: the same
// variable libsvm's sequential `>=` / `<=` scans settle on. That order, (value, position),
// is total, so the scans keep two independent sets of lanes (16 slots a step) and merge
// them at the end: one set would wait on its own compare-and-blend chain every step. The
// last slots take one masked step, not a scalar loop: active sets here are short.
enum { sets = 2 };

BODY void paired_maxima_add(lane_maxima *m, lanes_i position, lanes_d u, lanes_d w) {
    lanes_i better = (u > m->up) | ((u == m->up) & (position > m->at));
    m->up = blend_d(better, u, m->up);
    m->at = blend_i(better, position, m->at);
    m->low = blend_d(w > m->low, w, m->low);
}

/// All ones in the lanes of slots t, t + 1, … below `count`. The last, partial step reads
/// whole lanes: the solver pads every per-slot array (and the kernel) to a multiple of eight.
BODY lanes_i tail_mask(int64_t t, int64_t count) { return (first_indices() + t) < count; }
BODY lanes_d minus_infinity(void) { return (lanes_d)(-__builtin_inf()); }

/// The sets merged into the first, lane by lane, in the same (value, position) order.
BODY smo_maxima paired_maxima_finish(lane_maxima *m) {
    for (int k = 1; k < sets; k++) paired_maxima_add(&m[0], m[k].at, m[k].up, m[k].low);
    return maxima_finish(&m[0]);
}

BODY lanes_i load_i(const int64_t *p) { lanes_i v; memcpy(&v, p, sizeof v); return v; }

BODY smo_maxima paired_compute_maxima_body(const double *h, const double *upBias, const double *lowBias,
                                           const int64_t *upPosition, int64_t count) {
    lane_maxima m[sets];
    for (int k = 0; k < sets; k++) m[k] = maxima_start();
    int64_t t = 0;
    for (; t + sets * width <= count; t += sets * width) {
        for (int k = 0; k < sets; k++) {
            int64_t at = t + k * width;
            lanes_d g = load_d(h + at);
            paired_maxima_add(&m[k], load_i(upPosition + at), -g + load_d(upBias + at), g + load_d(lowBias + at));
        }
    }
    for (; t < count; t += width) {
        lanes_i in = tail_mask(t, count);
        lanes_d g = load_d(h + t);
        paired_maxima_add(&m[0], blend_i(in, load_i(upPosition + t), (lanes_i)(-1)),
                          blend_d(in, -g + load_d(upBias + t), minus_infinity()),
                          blend_d(in, g + load_d(lowBias + t), minus_infinity()));
    }
    return paired_maxima_finish(m);
}

BODY smo_maxima paired_update_gradient_body(double *h, const float *rowI, const float *rowJ, double stepI,
                                            double stepJ, const double *upBias, const double *lowBias,
                                            const int64_t *upPosition, int64_t count) {
    lane_maxima m[sets];
    for (int k = 0; k < sets; k++) m[k] = maxima_start();
    lanes_d si = (lanes_d)stepI, sj = (lanes_d)stepJ;
    int64_t t = 0;
    for (; t + sets * width <= count; t += sets * width) {
        for (int k = 0; k < sets; k++) {
            int64_t at = t + k * width;
            lanes_d g = load_d(h + at) + (load_f(rowI + at) * si + load_f(rowJ + at) * sj);
            store_d(h + at, g);
            paired_maxima_add(&m[k], load_i(upPosition + at), -g + load_d(upBias + at), g + load_d(lowBias + at));
        }
    }
    for (; t < count; t += width) {
        // Slots from `count` on keep their values: inactive ones are stale until reconstructed.
        lanes_i in = tail_mask(t, count);
        lanes_d old = load_d(h + t);
        lanes_d g = blend_d(in, old + (load_f(rowI + t) * si + load_f(rowJ + t) * sj), old);
        store_d(h + t, g);
        paired_maxima_add(&m[0], blend_i(in, load_i(upPosition + t), (lanes_i)(-1)),
                          blend_d(in, -g + load_d(upBias + t), minus_infinity()),
                          blend_d(in, g + load_d(lowBias + t), minus_infinity()));
    }
    return paired_maxima_finish(m);
}

BODY void paired_minima_add(lane_minima *m, lanes_i candidate, lanes_i position, lanes_d objective) {
    lanes_i better = candidate & ((objective < m->objective) | ((objective == m->objective) & (position > m->at)));
    m->objective = blend_d(better, objective, m->objective);
    m->at = blend_i(better, position, m->at);
}

BODY int64_t paired_select_j_body(const double *h, const double *lowBias, const double *quadDiagonal,
                                  const float *rowI, const int64_t *lowPosition, double gMax, double qdI,
                                  double tau, int64_t count) {
    lane_minima m[sets];
    for (int k = 0; k < sets; k++) m[k] = (lane_minima){ (lanes_d)__builtin_inf(), (lanes_i)(-1) };
    lanes_d gMaxLanes = (lanes_d)gMax, qdILanes = (lanes_d)qdI, tauLanes = (lanes_d)tau;
    int64_t t = 0;
    for (; t + sets * width <= count; t += sets * width) {
        for (int k = 0; k < sets; k++) {
            int64_t at = t + k * width;
            lanes_d gradDiff = gMaxLanes + (load_d(h + at) + load_d(lowBias + at));
            lanes_d quad = qdILanes + load_d(quadDiagonal + at) - 2.0 * load_f(rowI + at);
            lanes_d denominator = blend_d(quad > 0, quad, tauLanes);
            lanes_d objective = -(gradDiff * gradDiff) / denominator;
            paired_minima_add(&m[k], gradDiff > 0, load_i(lowPosition + at), objective);
        }
    }
    for (; t < count; t += width) {
        lanes_d gradDiff = gMaxLanes + (load_d(h + t) + load_d(lowBias + t));
        lanes_d quad = qdILanes + load_d(quadDiagonal + t) - 2.0 * load_f(rowI + t);
        lanes_d denominator = blend_d(quad > 0, quad, tauLanes);
        lanes_d objective = -(gradDiff * gradDiff) / denominator;
        paired_minima_add(&m[0], tail_mask(t, count) & (gradDiff > 0), load_i(lowPosition + t), objective);
    }
    for (int k = 1; k < sets; k++) paired_minima_add(&m[0], m[k].at >= 0, m[k].at, m[k].objective);
    double least = m[0].objective[0];
    for (int k = 1; k < width; k++) {
        if (m[0].objective[k] < least) least = m[0].objective[k];
    }
    int64_t j = -1;
    for (int k = 0; k < width; k++) {
        if (m[0].objective[k] == least && m[0].at[k] > j) j = m[0].at[k];
    }
    return j;
}

// One entry point per target for each body.
#define VARIANTS(suffix, attributes)                                                                            \
    attributes static smo_maxima compute_maxima_##suffix(const double *h, const double *u, const double *w,   \
                                                         int64_t n) {                                        \
        return compute_maxima_body(h, u, w, n);                                                               \
    }                                                                                                         \
    attributes static smo_maxima update_gradient_##suffix(double *h, const float *ri, const float *rj,        \
                                                          double si, double sj, const double *u,             \
                                                          const double *w, int64_t n) {                      \
        return update_gradient_body(h, ri, rj, si, sj, u, w, n);                                              \
    }                                                                                                         \
    attributes static int64_t select_j_##suffix(const double *h, const double *w, const double *qd,           \
                                                const float *ri, double g, double q, double tau, int64_t n) { \
        return select_j_body(h, w, qd, ri, g, q, tau, n);                                                     \
    }                                                                                                         \
    attributes static smo_maxima paired_compute_maxima_##suffix(const double *h, const double *u,             \
                                                                const double *w, const int64_t *p,           \
                                                                int64_t n) {                                 \
        return paired_compute_maxima_body(h, u, w, p, n);                                                     \
    }                                                                                                         \
    attributes static smo_maxima paired_update_gradient_##suffix(double *h, const float *ri, const float *rj, \
                                                                 double si, double sj, const double *u,      \
                                                                 const double *w, const int64_t *p,          \
                                                                 int64_t n) {                                \
        return paired_update_gradient_body(h, ri, rj, si, sj, u, w, p, n);                                    \
    }                                                                                                         \
    attributes static int64_t paired_select_j_##suffix(const double *h, const double *w, const double *qd,    \
                                                       const float *ri, const int64_t *p, double g, double q, \
                                                       double tau, int64_t n) {                              \
        return paired_select_j_body(h, w, qd, ri, p, g, q, tau, n);                                           \
    }

VARIANTS(baseline, )
#if defined(__x86_64__)
VARIANTS(avx2, __attribute__((target("avx2"))))
VARIANTS(avx512, __attribute__((target("avx512f"))))
#endif

smo_maxima smo_compute_maxima(const double *h, const double *upBias, const double *lowBias, int64_t count) {
    DISPATCH(return, compute_maxima, (h, upBias, lowBias, count))
}

smo_maxima smo_update_gradient(double *h, const float *rowI, const float *rowJ, double stepI, double stepJ,
                               const double *upBias, const double *lowBias, int64_t count) {
    DISPATCH(return, update_gradient, (h, rowI, rowJ, stepI, stepJ, upBias, lowBias, count))
}

int64_t smo_select_j(const double *h, const double *lowBias, const double *quadDiagonal, const float *rowI,
                     double gMax, double qdI, double tau, int64_t count) {
    DISPATCH(return, select_j, (h, lowBias, quadDiagonal, rowI, gMax, qdI, tau, count))
}

smo_maxima smo_paired_compute_maxima(const double *h, const double *upBias, const double *lowBias,
                                     const int64_t *upPosition, int64_t count) {
    DISPATCH(return, paired_compute_maxima, (h, upBias, lowBias, upPosition, count))
}

smo_maxima smo_paired_update_gradient(double *h, const float *rowI, const float *rowJ, double stepI, double stepJ,
                                      const double *upBias, const double *lowBias, const int64_t *upPosition,
                                      int64_t count) {
    DISPATCH(return, paired_update_gradient, (h, rowI, rowJ, stepI, stepJ, upBias, lowBias, upPosition, count))
}

int64_t smo_paired_select_j(const double *h, const double *lowBias, const double *quadDiagonal, const float *rowI,
                            const int64_t *lowPosition, double gMax, double qdI, double tau, int64_t count) {
    DISPATCH(return, paired_select_j, (h, lowBias, quadDiagonal, rowI, lowPosition, gMax, qdI, tau, count))
}
