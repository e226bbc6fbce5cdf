// A matrix product with an optional bias and ReLU / ReLU6, in WebAssembly SIMD:
//
//   c[m][n] = act(bias + Σ_k a[m][k] · b[k][n])      m in [m0, m1), n in [0, N)
//
// a is read with any strides (ars between rows, acs between columns: a transposed a is free);
// b is K rows of N contiguous floats, c M rows of N. The tile of c in registers is R rows × V
// vectors of 4 columns: one vector load of b per vector and one splat load of a per row feed
// R·V multiply-adds. N need not be a multiple of 4: the last vector of a row loads and stores
// only the columns there are, never reading or writing past the end of b, bias or c.
//
// Like the other kernels it runs on tfjs's memory and owns none of it (no stack, no data).
#include <wasm_simd128.h>

#include "matmul.h"
#include "vector.h"

#define EXPORT(name) __attribute__((export_name(name)))

static inline v128_t activate(v128_t x, int act) {
  if (act == ACT_LINEAR) return x;
  x = wasm_f32x4_max(x, wasm_f32x4_splat(0.0f));  // max, not pmax: NaN stays NaN, as in tfjs
  return act == ACT_RELU6 ? wasm_f32x4_min(x, wasm_f32x4_splat(6.0f)) : x;
}

// One tile of c: R rows × V vectors, the last vector `last` (1–4) columns wide.
#define TILE(R, V)                                                                                              \
  static inline void tile_##R##x##V(const float *a, int ars, int acs, const float *b, int N, int K,             \
                                    const float *bias, int bias_mode, int act, float *c, int last) {            \
    v128_t acc[R][V];                                                                                           \
    for (int r = 0; r < R; r++)                                                                                 \
      for (int v = 0; v < V; v++) {                                                                             \
        const int n = v == V - 1 ? last : 4;                                                                    \
        acc[r][v] = bias_mode == BIAS_COLUMNS  ? load_n(bias + 4 * v, n)                                        \
                    : bias_mode == BIAS_SCALAR ? wasm_v128_load32_splat(bias)                                   \
                    : bias_mode == BIAS_SELF   ? load_n(c + (long)r * N + 4 * v, n)                             \
                                               : wasm_f32x4_splat(0.0f);                                        \
      }                                                                                                         \
    for (int k = 0; k < K; k++, a += acs, b += N) {                                                             \
      v128_t bv[V];                                                                                             \
      for (int v = 0; v < V; v++) bv[v] = load_n(b + 4 * v, v == V - 1 ? last : 4);                             \
      for (int r = 0; r < R; r++) {                                                                             \
        const v128_t x = wasm_v128_load32_splat(a + (long)r * ars);                                             \
        for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(x, bv[v]));            \
      }                                                                                                         \
    }                                                                                                           \
    for (int r = 0; r < R; r++)                                                                                 \
      for (int v = 0; v < V; v++) store_n(c + (long)r * N + 4 * v, activate(acc[r][v], act), v == V - 1 ? last : 4); \
  }
TILE(4, 2)
TILE(4, 1)
TILE(1, 2)
TILE(1, 1)

// One column strip of c (V vectors, the last `last` columns wide), rows [m0, m1): 4 rows at a time,
// then 1. The strip of b (K × 4V floats) stays in the L1 cache while the rows go past.
#define STRIP(V)                                                                                                \
  static inline void strip_##V(const float *a, int ars, int acs, const float *b, int N, int K, const float *bias, \
                               int bias_mode, int act, float *c, int m0, int m1, int last) {                    \
    int m = m0;                                                                                                 \
    for (; m + 4 <= m1; m += 4) tile_4x##V(a + (long)m * ars, ars, acs, b, N, K, bias, bias_mode, act, c + (long)m * N, last); \
    for (; m < m1; m++) tile_1x##V(a + (long)m * ars, ars, acs, b, N, K, bias, bias_mode, act, c + (long)m * N, last); \
  }
STRIP(2)
STRIP(1)

// The rows [m0, m1) of c = act(a · b + bias), as matmul.h describes: strips of 8 columns, then
// of 4, then the last 1–3 columns.
EXPORT("matmul")
void matmul(const float *a, const float *b, const float *bias, float *c, int m0, int m1, int K, int N, int ars,
            int acs, int bias_mode, int act) {
  const int cols = bias_mode == BIAS_COLUMNS;
  int n = 0;
  for (; n + 8 <= N; n += 8) strip_2(a, ars, acs, b + n, N, K, bias + cols * n, bias_mode, act, c + n, m0, m1, 4);
  for (; n < N; n += 4) strip_1(a, ars, acs, b + n, N, K, bias + cols * n, bias_mode, act, c + n, m0, m1, N - n < 4 ? N - n : 4);
}
