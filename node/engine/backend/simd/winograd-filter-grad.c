// The filter gradient of a stride-1 3×3 convolution by Winograd's F(2×2, 3×3), in WebAssembly
// SIMD. The forward pass of one 2×2 tile of output pixels is y = Aᵀ [(G g Gᵀ) ⊙ (Bᵀ d B)] A
// (d: the 4×4 input patch under it); differentiated with respect to g, summed over the tiles:
//
//   dg = Gᵀ [ Σ_tiles (A dy Aᵀ) ⊙ (Bᵀ d B) ] G
//
// For each of the 16 positions of the 4×4 transforms, the sum over tiles is a matrix product
// (Ci × tiles by tiles × Co), run by matmul.c's kernel on blocks of tiles, adding into P; the
// direct sum takes 9 multiplications per output pixel, input and output channel, this 4. F(2×2)
// rather than the forward's F(4×4): its coefficients (0, ±1, ±½) keep the long sums' rounding
// error near the direct sum's, where F(4×4)'s reached 1e-5 of the largest value.
//
// x is padded (every tap inside), OH = H − 2 and OW = W − 2 even (the caller pads x and dy
// with zeros to make them so); Ci and Co are multiples of 4. Like the other kernels it runs on
// tfjs's memory and owns none of it: the transformed tiles and P go to `scratch`.
#include <wasm_simd128.h>

#include "matmul.h"
#include "vector.h"

#define EXPORT(name) __attribute__((export_name(name)))

// v[p] = (Bᵀ d B)[p] of the 4×4 patch d at x (4 channels), Bᵀ = [1 0 −1 0; 0 1 1 0; 0 −1 1 0;
// 0 1 0 −1]: Bᵀ's row r is d[i] ± d[j] with (i, j, sign) = (0, 2, −), (1, 2, +), (2, 1, −),
// (1, 3, −), and B's columns combine columns the same way.
static inline void input_tile(const float *x, long xrow, int Ci, float *v, long pstep) {
  for (int r = 0; r < 4; r++) {
    const float *p = x + (r == 3 ? 1 : r) * xrow, *q = x + (r < 2 ? 2 : r == 2 ? 1 : 3) * xrow;
    v128_t d[4];
    for (int c = 0; c < 4; c++) d[c] = r == 1 ? add(load(p + c * Ci), load(q + c * Ci)) : sub(load(p + c * Ci), load(q + c * Ci));
    store(v + (4 * r) * pstep, sub(d[0], d[2]));
    store(v + (4 * r + 1) * pstep, add(d[1], d[2]));
    store(v + (4 * r + 2) * pstep, sub(d[2], d[1]));
    store(v + (4 * r + 3) * pstep, sub(d[1], d[3]));
  }
}

// (a, a + b, a − b, −b): A's rows [1 0; 1 1; 1 −1; 0 −1] applied to the pair (a, b).
static inline void spread(v128_t a, v128_t b, v128_t out[4]) {
  out[0] = a;
  out[1] = add(a, b);
  out[2] = sub(a, b);
  out[3] = sub(wasm_f32x4_splat(0.0f), b);
}

// z[p] = (A g Aᵀ)[p] of the 2×2 output gradient g at dy (4 channels).
static inline void gradient_tile(const float *dy, long dyrow, int Co, float *z, long pstep) {
  v128_t top[4], bottom[4];
  spread(load(dy), load(dy + Co), top);  // the rows' A, then the columns'
  spread(load(dy + dyrow), load(dy + dyrow + Co), bottom);
  for (int c = 0; c < 4; c++) {
    v128_t column[4];
    spread(top[c], bottom[c], column);
    for (int r = 0; r < 4; r++) store(z + (4 * r + c) * pstep, column[r]);
  }
}

// (Gᵀ applied to p0..p3) = (p0 + h, ½(p1 − p2), h + p3) with h = ½(p1 + p2); Gᵀ = [1 ½ ½ 0; 0 ½ −½ 0; 0 ½ ½ 1].
static inline void gather(v128_t p0, v128_t p1, v128_t p2, v128_t p3, v128_t out[3]) {
  const v128_t half = wasm_f32x4_splat(0.5f), h = wasm_f32x4_mul(half, add(p1, p2));
  out[0] = add(p0, h);
  out[1] = wasm_f32x4_mul(half, sub(p1, p2));
  out[2] = add(h, p3);
}

// dw [3][3][Ci][Co] (overwritten) from the batch items [n0, n1) of x [n][H][W][Ci] and dy
// [n][OH][OW][Co], B tiles at a time. scratch: 16·(B·(Ci + Co) + 32 + Ci·Co) floats.
EXPORT("winograd_filter_grad")
void winograd_filter_grad(const float *x, const float *dy, float *dw, float *scratch, int n0, int n1, int H, int W,
                          int Ci, int Co, int B) {
  const int OH = H - 2, OW = W - 2, TH = OH / 2, TW = OW / 2, tiles = (n1 - n0) * TH * TW;
  const long xrow = (long)W * Ci, dyrow = (long)OW * Co, size = (long)Ci * Co;
  // From one position to the next: a cache line more than the tiles need, so that the 16
  // positions do not fall in the same sets of the L1 cache when B·Ci is a multiple of 1 KiB.
  const long vstep = (long)B * Ci + 16, zstep = (long)B * Co + 16;
  float *v = scratch, *z = v + 16 * vstep, *P = z + 16 * zstep;
  for (long i = 0; i < 16 * size; i += 4) store(P + i, wasm_f32x4_splat(0.0f));
  for (int q0 = 0; q0 < tiles; q0 += B) {
    const int count = tiles - q0 < B ? tiles - q0 : B;
    for (int b = 0; b < count; b++) {
      const int q = q0 + b, n = n0 + q / (TH * TW), oh = 2 * (q % (TH * TW) / TW), ow = 2 * (q % TW);
      const float *xs = x + (((long)n * H + oh) * W + ow) * Ci, *ds = dy + (((long)n * OH + oh) * OW + ow) * Co;
      for (int ci = 0; ci < Ci; ci += 4) input_tile(xs + ci, xrow, Ci, v + (long)b * Ci + ci, vstep);
      for (int co = 0; co < Co; co += 4) gradient_tile(ds + co, dyrow, Co, z + (long)b * Co + co, zstep);
    }
    // P[p] += v[p]ᵀ z[p]: a[m = ci][k = tile] at v + k·Ci + ci.
    for (int p = 0; p < 16; p++) matmul(v + p * vstep, z + p * zstep, 0, P + p * size, 0, Ci, count, Co, 1, Ci, BIAS_SELF, ACT_LINEAR);
  }
  // dw = Gᵀ P G: the rows of each column of P, then the columns of each row.
  for (long at = 0; at < size; at += 4) {
    const float *p = P + at;
    v128_t rows[3][4];
    for (int c = 0; c < 4; c++) {
      v128_t g[3];
      gather(load(p + c * size), load(p + (4 + c) * size), load(p + (8 + c) * size), load(p + (12 + c) * size), g);
      for (int r = 0; r < 3; r++) rows[r][c] = g[r];
    }
    for (int r = 0; r < 3; r++) {
      v128_t g[3];
      gather(rows[r][0], rows[r][1], rows[r][2], rows[r][3], g);
      for (int c = 0; c < 3; c++) store(dw + (3 * r + c) * size + at, g[c]);
    }
  }
}
