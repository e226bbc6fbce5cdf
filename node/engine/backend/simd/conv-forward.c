// A stride-1 2-D convolution of an already padded NHWC input ("valid": every tap of every output
// pixel lies inside x) with an HWIO filter, in WebAssembly SIMD:
//
//   y[n][oh][ow][co] = Σ_{kh, kw, ci} x[n][oh + kh][ow + kw][ci] · w[kh][kw][ci][co]
//
// Netwright's stride-1 convolutions, forward and as stride-1 input gradients: 1.1–1.5× XNNPACK's
// on ResNet-20's layers, and up to 2.4× on the narrow ones XNNPACK handles poorly (LeNet-5's C1,
// one input channel; C3's input gradient, six output channels). Tiles of 4 neighbouring pixels
// × 8 output channels are accumulated in registers; for one kh the (kw, ci) terms are
// consecutive both in a row of x and in w, so the reduction runs over them in one loop.
//
// w has Cw columns (Co rounded up to a multiple of 4, the extra ones zero); y has Co channels.
// Only rows [r0, r1) and columns [c0, c1) of x may be nonzero (the rest is padding): the taps
// that would read padding alone are skipped, which halves the work of LeNet-5's C3 input gradient.
// Like the other kernels it runs on tfjs's memory and owns none of it.
#include <wasm_simd128.h>

#include "vector.h"

#define EXPORT(name) __attribute__((export_name(name)))

// R pixels (x steps by Ci between them, y by Co) × V vectors of output channels from co (of
// which `last` lanes of the last vector are stored), over the taps kh ∈ [t.khlo, t.khhi) and
// (kw, ci) = j ∈ [t.jlo, t.jhi). xs and ws point at tap (kh = 0, kw = 0, ci = 0).
typedef struct {
  int khlo, khhi, jlo, jhi;
} Taps;

#define TILE(R, V)                                                                                   \
  static inline void tile_##R##x##V(const float *xs, long xrow, const float *ws, float *y, int Ci, int Co, \
                                    int Cw, int J, Taps t, int last) {                              \
    v128_t acc[R][V];                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_splat(0.0f);                                \
    for (int kh = t.khlo; kh < t.khhi; kh++) {                                                       \
      const float *xk = xs + kh * xrow;                                                              \
      const float *wj = ws + ((long)kh * J + t.jlo) * Cw;                                            \
      for (int j = t.jlo; j < t.jhi; j++, wj += Cw) {                                                \
        v128_t b[V];                                                                                 \
        for (int v = 0; v < V; v++) b[v] = wasm_v128_load(wj + 4 * v);                               \
        for (int r = 0; r < R; r++) {                                                                \
          v128_t a = wasm_v128_load32_splat(xk + r * Ci + j);                                        \
          for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(a, b[v])); \
        }                                                                                            \
      }                                                                                              \
    }                                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) store_n(y + r * Co + 4 * v, acc[r][v], v == V - 1 ? last : 4); \
  }
TILE(4, 2)
TILE(4, 1)
TILE(1, 2)
TILE(1, 1)

// Every block of output channels of R pixels.
#define PIXELS(R)                                                                                    \
  static inline void pixels_##R(const float *xs, long xrow, const float *w, float *y, int Ci, int Co, int Cw, \
                                int J, Taps t) {                                                     \
    int co = 0;                                                                                      \
    for (; co + 8 <= Cw; co += 8) tile_##R##x2(xs, xrow, w + co, y + co, Ci, Co, Cw, J, t, co + 8 <= Co ? 4 : Co - co - 4); \
    if (co < Cw) tile_##R##x1(xs, xrow, w + co, y + co, Ci, Co, Cw, J, t, co + 4 <= Co ? 4 : Co - co); \
  }
PIXELS(4)
PIXELS(1)

static inline int max(int a, int b) { return a > b ? a : b; }
static inline int min(int a, int b) { return a < b ? a : b; }

// The taps of R pixels from (oh, ow) that reach a nonzero row or column of x.
static inline Taps taps_for(int oh, int ow, int R, int KH, int KW, int Ci, int r0, int r1, int c0, int c1) {
  Taps t = {max(0, r0 - oh), min(KH, r1 - oh), max(0, c0 - (ow + R - 1)) * Ci, min(KW, c1 - ow) * Ci};
  return t;
}

// y [n][OH][OW][Co] for the batch items [n0, n1) of x [n][H][W][Ci], OH = H − KH + 1, OW = W − KW + 1.
EXPORT("conv2d_valid")
void conv2d_valid(const float *x, const float *w, float *y, int n0, int n1, int H, int W, int Ci, int Co, int Cw, int KH,
                  int KW, int r0, int r1, int c0, int c1) {
  const int OH = H - KH + 1, OW = W - KW + 1, J = KW * Ci;
  const long xrow = (long)W * Ci;
  for (int n = n0; n < n1; n++) {
    for (int oh = 0; oh < OH; oh++) {
      const float *xs = x + ((long)n * H + oh) * xrow;
      float *ys = y + ((long)n * OH + oh) * OW * Co;
      if (OW < 4) {
        for (int ow = 0; ow < OW; ow++)
          pixels_1(xs + (long)ow * Ci, xrow, w, ys + (long)ow * Co, Ci, Co, Cw, J, taps_for(oh, ow, 1, KH, KW, Ci, r0, r1, c0, c1));
        continue;
      }
      // Whole tiles of 4; the last one ends at the last pixel, overlapping its neighbour (which
      // gets the same values again) rather than leaving 1–3 pixels to the slow 1-pixel tiles.
      for (int ow = 0;; ow += 4) {
        if (ow > OW - 4) ow = OW - 4;
        pixels_4(xs + (long)ow * Ci, xrow, w, ys + (long)ow * Co, Ci, Co, Cw, J, taps_for(oh, ow, 4, KH, KW, Ci, r0, r1, c0, c1));
        if (ow == OW - 4) break;
      }
    }
  }
}
