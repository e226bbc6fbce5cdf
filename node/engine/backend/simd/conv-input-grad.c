// The input gradient of a 2-D convolution (NHWC dy; the filter packed as [Ci/8][KH][KW][Co][8]),
// in WebAssembly SIMD, for any stride, without inserting zeros:
//
//   dx[n][ih][iw][ci] = Σ dy[n][oh][ow][co] · w[kh][kw][ci][co]
//                       over kh, kw, co with oh·sh + kh − pt = ih and ow·sw + kw − pl = iw
//
// An input pixel (ih, iw) is reached by the taps kh ≡ ih + pt (mod sh) and kw ≡ iw + pl (mod sw)
// whose source pixel lies inside dy. The same pixel of 4 batch items has the same taps, so the
// work goes in tiles of 4 batch items × 8 input channels, accumulated in registers over the
// taps and dy's channels.
//
// Like conv-filter-grad.c it runs on tfjs's memory and owns none of it.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(name)))

// The taps of one row or one column: `count` of them, kh (or kw) from `first` in steps of the
// stride, the j-th with its source row (or column) in dy at `source − j`.
typedef struct {
  int first, count, source;
} Taps;

// The taps reaching input position i (kernel k, stride s, padding p, output size o).
static inline Taps taps_for(int i, int k, int s, int p, int o) {
  const int first = (i + p) % s;
  Taps t = {first, 0, (i + p - first) / s};
  // Keep only the taps whose source lies inside [0, o): sources run source, source − 1, …
  int lo = 0, hi = first < k ? (k - 1 - first) / s + 1 : 0;
  if (t.source >= o) lo = t.source - o + 1;
  if (hi > t.source + 1) hi = t.source + 1;
  t.first = first + lo * s;
  t.source -= lo;
  t.count = hi > lo ? hi - lo : 0;
  return t;
}

// The pixel of R batch items (dx steps by xstep floats between them, dy by dstep) × 8 input
// channels, summed over its taps and every output channel. wk points at the packed
// w[ci block][kh = rows.first][kw = cols.first][0].
#define TILE(R)                                                                                      \
  static inline void tile_##R(float *dx, long xstep, const float *dyp, long dstep, Taps rows, Taps cols, \
                              int OW, int Co, int KW, int sh, int sw, const float *wk) {             \
    enum { V = 2 };                                                                                  \
    v128_t acc[R][V];                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_splat(0.0f);                                \
    for (int a = 0; a < rows.count; a++) {                                                           \
      for (int b = 0; b < cols.count; b++) {                                                         \
        const float *d = dyp + ((long)(rows.source - a) * OW + (cols.source - b)) * Co;              \
        const float *wt = wk + ((long)(a * sh) * KW + b * sw) * Co * 8;                              \
        for (int co = 0; co < Co; co++, d++, wt += 8) {                                              \
          v128_t w[V];                                                                               \
          for (int v = 0; v < V; v++) w[v] = wasm_v128_load(wt + 4 * v);                             \
          for (int r = 0; r < R; r++) {                                                              \
            v128_t s = wasm_v128_load32_splat(d + r * dstep);                                        \
            for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(s, w[v])); \
          }                                                                                          \
        }                                                                                            \
      }                                                                                              \
    }                                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) wasm_v128_store(dx + r * xstep + 4 * v, acc[r][v]);                \
  }
TILE(4)
TILE(1)

// dx (Ci a multiple of 8; overwritten) for the batch items [n0, n1), from dy and the packed w.
EXPORT("conv2d_input_grad")
void conv2d_input_grad(const float *dy, const float *w, float *dx, int n0, int n1, int H, int W, int Ci, int OH,
                       int OW, int Co, int KH, int KW, int sh, int sw, int pt, int pl) {
  const long xstep = (long)H * W * Ci, dstep = (long)OH * OW * Co, block = (long)KH * KW * Co * 8;
  for (int ih = 0; ih < H; ih++) {
    const Taps rows = taps_for(ih, KH, sh, pt, OH);
    for (int iw = 0; iw < W; iw++) {
      const Taps cols = taps_for(iw, KW, sw, pl, OW);
      const float *wk = w + ((long)rows.first * KW + cols.first) * Co * 8;
      for (int ci = 0; ci < Ci; ci += 8) {
        float *dx0 = dx + ((long)ih * W + iw) * Ci + ci;
        const float *wb = wk + ci / 8 * block;
        int n = n0;
        for (; n + 4 <= n1; n += 4) tile_4(dx0 + n * xstep, xstep, dy + n * dstep, dstep, rows, cols, OW, Co, KW, sh, sw, wb);
        for (; n < n1; n++) tile_1(dx0 + n * xstep, xstep, dy + n * dstep, dstep, rows, cols, OW, Co, KW, sh, sw, wb);
      }
    }
  }
}

// The filter turned by 180° with its in/out channels swapped, for the stride-1 input gradient
// as an XNNPACK convolution: t[kh][kw][co][ci] = w[KH − 1 − kh][KW − 1 − kw][ci][co]. (tfjs's
// Reverse and Transpose took 2.2 ms for a 3×3×64×64 filter.)
EXPORT("turn_filter")
void turn_filter(const float *w, float *t, int KH, int KW, int Ci, int Co) {
  const long taps = (long)KH * KW, block = (long)Ci * Co;
  for (long k = 0; k < taps; k++) {
    const float *src = w + (taps - 1 - k) * block;
    float *dst = t + k * block;
    for (int ci = 0; ci < Ci; ci++)
      for (int co = 0; co < Co; co++) dst[(long)co * Ci + ci] = src[(long)ci * Co + co];
  }
}
