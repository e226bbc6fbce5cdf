// A stride-1 3×3 convolution of an already padded NHWC input by Winograd's minimal filtering
// F(4×4, 3×3) (Lavin & Gray, "Fast Algorithms for Convolutional Neural Networks", 2015), in
// WebAssembly SIMD. Each 4×4 block of output pixels ("tile") comes from the 6×6 input patch
// under it:
//
//   Y = Aᵀ [ Σ_ci (G g Gᵀ) ⊙ (Bᵀ d B) ] A
//
// 36 multiplications per tile, input and output channel, where the direct sum takes 144, for
// additions and multiplications by small constants in the transforms. The 36 element-wise
// products summed over ci are 36 matrix products (tiles × Ci by Ci × Co), run by matmul.c's
// kernel on blocks of tiles. The results differ from the direct sum's by rounding, relative to
// the largest output: a few 1e-6 at ResNet-20's 16–64 input channels, ~2e-5 at VGG's 256–512
// (the transforms scale by up to 8 and 1/24), as for the F(4×4, 3×3) of cuDNN and NNPACK.
//
// y has Co channels, u (the transformed filter) and the matrix products Cw (Co rounded up to a
// multiple of 4); Ci must be a multiple of 4. Like the other kernels it runs on tfjs's memory
// and owns none of it: the transformed tiles go to `scratch`.
#include <wasm_simd128.h>

#include "matmul.h"
#include "vector.h"

#define EXPORT(name) __attribute__((export_name(name)))

static inline v128_t times(float k, v128_t a) { return wasm_f32x4_mul(wasm_f32x4_splat(k), a); }

// The three transforms, each applied to the rows and then the columns of a tile, on 6 (or 3)
// vectors at p, p + step, …, written to q, q + step, … (q may be p: all are read first).
//
// Bᵀ = [4 0 −5 0 1 0; 0 −4 −4 1 1 0; 0 4 −4 −1 1 0; 0 −2 −1 2 1 0; 0 2 −1 −2 1 0; 0 4 0 −5 0 1]
static inline void input_6(const float *p, long step, float *q, long qstep) {
  const v128_t d0 = load(p), d1 = load(p + step), d2 = load(p + 2 * step), d3 = load(p + 3 * step),
               d4 = load(p + 4 * step), d5 = load(p + 5 * step);
  const v128_t a = sub(d4, times(4.0f, d2)), b = sub(times(4.0f, d1), d3);  // rows 1 and 2
  const v128_t c = sub(d4, d2), d = times(2.0f, sub(d1, d3));               // rows 3 and 4
  store(q, add(sub(times(4.0f, d0), times(5.0f, d2)), d4));
  store(q + qstep, sub(a, b));
  store(q + 2 * qstep, add(a, b));
  store(q + 3 * qstep, sub(c, d));
  store(q + 4 * qstep, add(c, d));
  store(q + 5 * qstep, add(sub(times(4.0f, d1), times(5.0f, d3)), d5));
}

// G = [¼ 0 0; −⅙ −⅙ −⅙; −⅙ ⅙ −⅙; 1⁄24 1⁄12 ⅙; 1⁄24 −1⁄12 ⅙; 0 0 1]
static inline void filter_3(const float *p, long step, float *q, long qstep) {
  const v128_t g0 = load(p), g1 = load(p + step), g2 = load(p + 2 * step);
  const v128_t even = add(g0, g2), odd = times(1.0f / 24, add(g0, times(4.0f, g2)));
  store(q, times(0.25f, g0));
  store(q + qstep, times(-1.0f / 6, add(even, g1)));
  store(q + 2 * qstep, times(-1.0f / 6, sub(even, g1)));
  store(q + 3 * qstep, add(odd, times(1.0f / 12, g1)));
  store(q + 4 * qstep, sub(odd, times(1.0f / 12, g1)));
  store(q + 5 * qstep, g2);
}

// Aᵀ = [1 1 1 1 1 0; 0 1 −1 2 −2 0; 0 1 1 4 4 0; 0 1 −1 8 −8 1]
static inline void output_6(const float *p, long step, v128_t y[4]) {
  const v128_t m1 = load(p + step), m2 = load(p + 2 * step), m3 = load(p + 3 * step), m4 = load(p + 4 * step);
  const v128_t a = add(m1, m2), b = sub(m1, m2), c = add(m3, m4), d = sub(m3, m4);
  y[0] = add(add(load(p), a), c);
  y[1] = add(b, times(2.0f, d));
  y[2] = add(a, times(4.0f, c));
  y[3] = add(add(b, times(8.0f, d)), load(p + 5 * step));
}

// u[p][ci][co] (p = 6·row + column) = (G g Gᵀ) of the 3×3 taps w[·][·][ci][co]; w is HWIO with Cw
// columns. G down each of g's 3 columns gives a 6×3 intermediate, kept in u's positions 18–35;
// G along each of its 6 rows then writes u's positions 6r … 6r + 5, which overwrite only rows
// already read.
EXPORT("winograd_filter")
void winograd_filter(const float *w, float *u, int Ci, int Cw) {
  const long tap = (long)Ci * Cw;  // floats from one tap of w (one position of u) to the next
  for (long at = 0; at < tap; at += 4) {
    for (int c = 0; c < 3; c++) filter_3(w + at + c * tap, 3 * tap, u + at + (18 + c) * tap, 3 * tap);
    for (int r = 0; r < 6; r++) filter_3(u + at + (18 + 3 * r) * tap, tap, u + at + 6 * r * tap, tap);
  }
}

// Where tile q of the batch items from n0 starts: x's patch, and y's first pixel. A tile row or
// column that would pass the last output pixel starts earlier instead, overlapping its neighbour
// (which gets the same values again).
typedef struct {
  long x, y;
} Tile;
static inline Tile tile_at(int q, int n0, int TH, int TW, int H, int W, int OH, int OW, int Ci, int Co) {
  const int n = n0 + q / (TH * TW), r = q % (TH * TW), ti = r / TW, tj = r % TW;
  const int oh = 4 * ti < OH - 3 ? 4 * ti : OH - 4, ow = 4 * tj < OW - 3 ? 4 * tj : OW - 4;
  Tile t = {(((long)n * H + oh) * W + ow) * Ci, (((long)n * OH + oh) * OW + ow) * Co};
  return t;
}

// y [n][OH][OW][Co] for the batch items [n0, n1) of x [n][H][W][Ci] (OH = H − 2, OW = W − 2, both
// at least 4), B tiles at a time. scratch: 36·(B·(Ci + Cw) + 32) floats.
EXPORT("winograd_conv3x3")
void winograd_conv3x3(const float *x, const float *u, float *y, float *scratch, int n0, int n1, int H, int W, int Ci,
                      int Co, int Cw, int B) {
  const int OH = H - 2, OW = W - 2, TH = (OH + 3) / 4, TW = (OW + 3) / 4, tiles = (n1 - n0) * TH * TW;
  const long xrow = (long)W * Ci, yrow = (long)OW * Co;
  // From one position p to the next: one cache line more than the tiles need, so that the 36
  // positions do not all fall in the same sets of the L1 cache when B·Ci is a multiple of 1 KiB.
  const long vstep = (long)B * Ci + 16, mstep = (long)B * Cw + 16;
  float *v = scratch, *m = v + 36 * vstep;
  for (int q0 = 0; q0 < tiles; q0 += B) {
    const int count = tiles - q0 < B ? tiles - q0 : B;
    // V = Bᵀ d B: columns into v, then v's rows in place.
    for (int b = 0; b < count; b++) {
      const float *d = x + tile_at(q0 + b, n0, TH, TW, H, W, OH, OW, Ci, Co).x;
      float *vb = v + (long)b * Ci;
      for (int ci = 0; ci < Ci; ci += 4) {
        for (int c = 0; c < 6; c++) input_6(d + ci + c * Ci, xrow, vb + ci + c * vstep, 6 * vstep);
        for (int r = 0; r < 6; r++) input_6(vb + ci + 6 * r * vstep, vstep, vb + ci + 6 * r * vstep, vstep);
      }
    }
    for (int p = 0; p < 36; p++) matmul(v + p * vstep, u + (long)p * Ci * Cw, 0, m + p * mstep, 0, count, Ci, Cw, Ci, 1, BIAS_NONE, ACT_LINEAR);
    // Y = Aᵀ M A: columns into m's first 4 rows, then those rows out to y.
    for (int b = 0; b < count; b++) {
      float *ys = y + tile_at(q0 + b, n0, TH, TW, H, W, OH, OW, Ci, Co).y, *mb = m + (long)b * Cw;
      for (int co = 0; co < Cw; co += 4) {
        const int lanes = Co - co < 4 ? Co - co : 4;
        for (int c = 0; c < 6; c++) {
          v128_t s[4];
          output_6(mb + co + c * mstep, 6 * mstep, s);
          for (int r = 0; r < 4; r++) store(mb + co + (6 * r + c) * mstep, s[r]);
        }
        for (int r = 0; r < 4; r++) {
          v128_t s[4];
          output_6(mb + co + 6 * r * mstep, mstep, s);
          for (int c = 0; c < 4; c++) store_n(ys + r * yrow + c * Co + co, s[c], lanes);
        }
      }
    }
  }
}
