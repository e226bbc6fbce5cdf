// A stride-1 3×3 convolution of an already padded NHWC input by Winograd's minimal filtering
// F(2×2, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015), in
// WebAssembly SIMD. Each 2×2 block of output pixels ("tile") comes from the 4×4 input patch
// under it:
//
//   Y = Aᵀ [ Σ_ci (G g Gᵀ) ⊙ (Bᵀ d B) ] A
//
// 16 multiplications per tile, input and output channel instead of the 36 of the direct sum, for
// a few additions in the transforms. The 16 element-wise products summed over ci are 16 matrix
// products (tiles × Ci by Ci × Co), run by matmul.c's kernel. Its results differ from the direct
// sum's by rounding only (the transforms' coefficients are 0, ±1 and ±½).
//
// y has Co channels, u (the transformed filter) and the matrix products Cw (Co rounded up to a
// multiple of 4); Ci must be a multiple of 4. Like the other kernels it runs on tfjs's memory
// and owns none of it: the transformed tiles go to `scratch`.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(name)))

// matmul.c: the rows [m0, m1) of c = a · b (+ bias, activation).
void matmul(const float *a, const float *b, const float *bias, float *c, int m0, int m1, int K, int N, int ars, int acs,
            int bias_mode, int act);

static inline v128_t add(v128_t a, v128_t b) { return wasm_f32x4_add(a, b); }
static inline v128_t sub(v128_t a, v128_t b) { return wasm_f32x4_sub(a, b); }
static inline v128_t load(const float *p) { return wasm_v128_load(p); }

// u[p][ci][co] (p = 4·row + column of the 4×4 transform) = (G g Gᵀ) of the 3×3 taps w[·][·][ci][co],
// with G = [1 0 0; ½ ½ ½; ½ −½ ½; 0 0 1]. w is HWIO with Cw columns.
EXPORT("winograd_filter")
void winograd_filter(const float *w, float *u, int Ci, int Cw) {
  const long tap = (long)Ci * Cw;  // floats from one tap of w (one position of u) to the next
  const v128_t half = wasm_f32x4_splat(0.5f);
  for (long at = 0; at < tap; at += 4) {
    const float *g = w + at;
    float *out = u + at;
    // G g: rows 0–3 of 3 columns, column by column.
    v128_t t[4][3];
    for (int c = 0; c < 3; c++) {
      const v128_t g0 = load(g + c * tap), g1 = load(g + (3 + c) * tap), g2 = load(g + (6 + c) * tap);
      t[0][c] = g0;
      t[1][c] = wasm_f32x4_mul(half, add(add(g0, g1), g2));
      t[2][c] = wasm_f32x4_mul(half, add(sub(g0, g1), g2));
      t[3][c] = g2;
    }
    // (G g) Gᵀ, row by row.
    for (int r = 0; r < 4; r++) {
      const v128_t a = t[r][0], b = t[r][1], c = t[r][2];
      wasm_v128_store(out + (4 * r) * tap, a);
      wasm_v128_store(out + (4 * r + 1) * tap, wasm_f32x4_mul(half, add(add(a, b), c)));
      wasm_v128_store(out + (4 * r + 2) * tap, wasm_f32x4_mul(half, add(sub(a, b), c)));
      wasm_v128_store(out + (4 * r + 3) * tap, c);
    }
  }
}

// v[p][tile][ci] = (Bᵀ d B) of the 4×4 patch d at x, 4 channels, with Bᵀ = [1 0 −1 0; 0 1 1 0;
// 0 −1 1 0; 0 1 0 −1]: Bᵀ's row r combines two rows of d, B's columns two of their columns.
static inline void input_tile(const float *x, long xrow, int Ci, float *v, long pstep) {
  for (int r = 0; r < 4; r++) {
    const float *p = x + (r == 3 ? 1 : r) * xrow, *q = x + (r < 2 ? 2 : r == 2 ? 1 : 3) * xrow;
    v128_t d[4];
    for (int c = 0; c < 4; c++) {
      const v128_t a = load(p + c * Ci), b = load(q + c * Ci);
      d[c] = r == 1 ? add(a, b) : sub(a, b);
    }
    wasm_v128_store(v + (4 * r) * pstep, sub(d[0], d[2]));
    wasm_v128_store(v + (4 * r + 1) * pstep, add(d[1], d[2]));
    wasm_v128_store(v + (4 * r + 2) * pstep, sub(d[2], d[1]));
    wasm_v128_store(v + (4 * r + 3) * pstep, sub(d[1], d[3]));
  }
}

// The first `count` (1–4) lanes of v at y.
static inline void store_lanes(float *y, v128_t v, int count) {
  if (count == 4) {
    wasm_v128_store(y, v);
    return;
  }
  wasm_v128_store32_lane(y, v, 0);
  if (count > 1) wasm_v128_store32_lane(y + 1, v, 1);
  if (count > 2) wasm_v128_store32_lane(y + 2, v, 2);
}

// The 2×2 output pixels at y from m[p] (4 channels, the first `count` stored): Aᵀ m A with
// Aᵀ = [1 1 1 0; 0 1 −1 −1].
static inline void output_tile(const float *m, long pstep, float *y, long yrow, int Co, int count) {
  v128_t s0[4], s1[4];
  for (int c = 0; c < 4; c++) {
    const v128_t m0 = load(m + c * pstep), m1 = load(m + (4 + c) * pstep), m2 = load(m + (8 + c) * pstep),
                 m3 = load(m + (12 + c) * pstep);
    s0[c] = add(add(m0, m1), m2);
    s1[c] = sub(sub(m1, m2), m3);
  }
  store_lanes(y, add(add(s0[0], s0[1]), s0[2]), count);
  store_lanes(y + Co, sub(sub(s0[1], s0[2]), s0[3]), count);
  store_lanes(y + yrow, add(add(s1[0], s1[1]), s1[2]), count);
  store_lanes(y + yrow + Co, sub(sub(s1[1], s1[2]), s1[3]), count);
}

// y [n][OH][OW][Co] for the batch items [n0, n1) of x [n][H][W][Ci] (OH = H − 2, OW = W − 2, both
// at least 2), one row of tiles at a time. A tile row or column that would pass the last output
// pixel (odd OH or OW) starts one pixel earlier instead, overlapping its neighbour, which gets the
// same values again. scratch: 16·T·(Ci + Cw) floats, T = ⌈OW/2⌉ tiles per row.
EXPORT("winograd_conv3x3")
void winograd_conv3x3(const float *x, const float *u, float *y, float *scratch, int n0, int n1, int H, int W, int Ci,
                      int Co, int Cw) {
  const int OH = H - 2, OW = W - 2, T = (OW + 1) / 2;
  const long xrow = (long)W * Ci, yrow = (long)OW * Co;
  const long vstep = (long)T * Ci, mstep = (long)T * Cw;  // from one position p to the next
  float *v = scratch, *m = v + 16 * vstep;
  for (int n = n0; n < n1; n++) {
    for (int i = 0; i < OH; i += 2) {
      const int oh = i < OH - 1 ? i : OH - 2;
      const float *xs = x + ((long)n * H + oh) * xrow;
      float *ys = y + ((long)n * OH + oh) * yrow;
      for (int t = 0; t < T; t++) {
        const int ow = 2 * t < OW - 1 ? 2 * t : OW - 2;
        for (int ci = 0; ci < Ci; ci += 4) input_tile(xs + (long)ow * Ci + ci, xrow, Ci, v + (long)t * Ci + ci, vstep);
      }
      for (int p = 0; p < 16; p++) matmul(v + p * vstep, u + (long)p * Ci * Cw, 0, m + p * mstep, 0, T, Ci, Cw, Ci, 1, 0, 0);
      for (int t = 0; t < T; t++) {
        const int ow = 2 * t < OW - 1 ? 2 * t : OW - 2;
        for (int co = 0; co < Cw; co += 4)
          output_tile(m + (long)t * Cw + co, mstep, ys + (long)ow * Co + co, yrow, Co, Co - co < 4 ? Co - co : 4);
      }
    }
  }
}
