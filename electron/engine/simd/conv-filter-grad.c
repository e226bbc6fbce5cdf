// The filter gradient of a 2-D convolution (NHWC input, HWIO filter), in WebAssembly SIMD:
//
//   dw[kh][kw][ci][co] = Σ_{n, oh, ow} x[n][oh·sh + kh − pt][ow·sw + kw − pl][ci] · dy[n][oh][ow][co]
//
// It runs on the memory of tfjs's wasm module (imported), reading x and dy where tfjs keeps them
// and writing dw into a tensor tfjs allocated. So it must not touch any other memory: no stack,
// no static data (scripts/build-simd.mjs checks the binary for both).
//
// Why not XNNPACK: as one convolution it packs dy as its "filter" on every call, and it needs
// two transposes; that made the filter gradient 2.5× slower than the forward convolution.
// Here dw is a small matrix accumulated in registers while dy and x stream past.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(name)))

// The output pixels [lo, hi) of one row whose input column ow·sw + kw − pl lies inside [0, W).
static inline int first_inside(int offset, int stride) {  // smallest o ≥ 0 with o·stride + offset ≥ 0
  return offset >= 0 ? 0 : (-offset + stride - 1) / stride;
}
static inline int last_inside(int offset, int stride, int size, int count) {  // 1 + largest o < count with o·stride + offset < size
  if (offset >= size) return 0;
  int o = (size - 1 - offset) / stride + 1;
  return o < count ? o : count;
}

// One tile of dw: R input channels × V vectors of 4 output channels, accumulated over `count`
// pixels. xs steps by xstep floats per pixel, ds by Co.
#define TILE(R, V)                                                                                   \
  static inline void tile_##R##x##V(const float *xs, int xstep, const float *ds, int Co, int count,  \
                                    float *w) {                                                     \
    v128_t acc[R][V];                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) acc[r][v] = wasm_v128_load(w + r * Co + 4 * v);                   \
    for (int p = 0; p < count; p++, xs += xstep, ds += Co) {                                         \
      v128_t b[V];                                                                                   \
      for (int v = 0; v < V; v++) b[v] = wasm_v128_load(ds + 4 * v);                                 \
      for (int r = 0; r < R; r++) {                                                                  \
        v128_t a = wasm_v128_load32_splat(xs + r);                                                   \
        for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(a, b[v]));  \
      }                                                                                              \
    }                                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) wasm_v128_store(w + r * Co + 4 * v, acc[r][v]);                    \
  }
TILE(4, 2)
TILE(4, 1)
TILE(1, 2)
TILE(1, 1)

// Every tile of dw[kh][kw] over one output row's pixels [lo, hi).
static inline void row_taps(const float *xs, int xstep, const float *ds, int count, float *w, int Ci, int Co) {
  int ci = 0;
  for (; ci + 4 <= Ci; ci += 4) {
    int co = 0;
    for (; co + 8 <= Co; co += 8) tile_4x2(xs + ci, xstep, ds + co, Co, count, w + ci * Co + co);
    if (co < Co) tile_4x1(xs + ci, xstep, ds + co, Co, count, w + ci * Co + co);
  }
  for (; ci < Ci; ci++) {
    int co = 0;
    for (; co + 8 <= Co; co += 8) tile_1x2(xs + ci, xstep, ds + co, Co, count, w + ci * Co + co);
    if (co < Co) tile_1x1(xs + ci, xstep, ds + co, Co, count, w + ci * Co + co);
  }
}

// dw (KH·KW·Ci·Co floats, overwritten; Co a multiple of 4) from the batch items [n0, n1) of x and dy.
EXPORT("conv2d_filter_grad")
void conv2d_filter_grad(const float *x, const float *dy, float *dw, int n0, int n1, int H, int W, int Ci,
                        int OH, int OW, int Co, int KH, int KW, int sh, int sw, int pt, int pl) {
  const int taps = KH * KW * Ci * Co;
  for (int i = 0; i < taps; i += 4) wasm_v128_store(dw + i, wasm_f32x4_splat(0.0f));
  for (int n = n0; n < n1; n++) {
    for (int oh = 0; oh < OH; oh++) {
      const float *dyrow = dy + ((long)(n * OH + oh) * OW) * Co;
      for (int kh = 0; kh < KH; kh++) {
        const int ih = oh * sh + kh - pt;
        if (ih < 0 || ih >= H) continue;
        const float *xrow = x + ((long)(n * H + ih) * W) * Ci;
        for (int kw = 0; kw < KW; kw++) {
          const int offset = kw - pl;
          const int lo = first_inside(offset, sw), hi = last_inside(offset, sw, W, OW);
          if (lo >= hi) continue;
          row_taps(xrow + (lo * sw + offset) * Ci, sw * Ci, dyrow + lo * Co, hi - lo, dw + (kh * KW + kw) * Ci * Co, Ci, Co);
        }
      }
    }
  }
}
