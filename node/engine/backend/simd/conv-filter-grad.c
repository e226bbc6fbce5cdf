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
//
// A register tile of dw accumulates over a block of output rows before it is stored: it used to
// be loaded and stored again for every row, which on small maps (ResNet-20's 8×8 rows of 8
// pixels) took a good part of the time. Blocks are sized to stay in the L1 cache (block_rows).
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

// One pixel's products into the R×V accumulators of a tile: xp[0..R) each times dp[0..4V).
#define PIXEL(R, V, xp, dp)                                                                          \
  {                                                                                                  \
    v128_t b[V];                                                                                     \
    for (int v = 0; v < V; v++) b[v] = wasm_v128_load(dp + 4 * v);                                  \
    for (int r = 0; r < R; r++) {                                                                    \
      v128_t a = wasm_v128_load32_splat(xp + r);                                                     \
      for (int v = 0; v < V; v++) acc[r][v] = wasm_f32x4_add(acc[r][v], wasm_f32x4_mul(a, b[v]));    \
    }                                                                                                \
  }

// One tile of dw: R consecutive rows (tap, input channel) × V vectors of 4 output channels,
// accumulated over `count` pixels of each of `lines` image rows, then stored once. Within a line
// xs steps by xstep floats per pixel and ds by Co; from one line to the next by xline and dline.
// A single line takes the plain loop: the nested one costs a few percent more per tile.
#define TILE(R, V)                                                                                   \
  static inline void tile_##R##x##V(const float *xs, int xstep, long xline, const float *ds, int Co, long dline, \
                                    int lines, int count, float *w) {                               \
    v128_t acc[R][V];                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) acc[r][v] = wasm_v128_load(w + r * Co + 4 * v);                   \
    if (lines == 1) {                                                                                \
      for (int p = 0; p < count; p++, xs += xstep, ds += Co) PIXEL(R, V, xs, ds)                     \
    } else {                                                                                         \
      for (int l = 0; l < lines; l++, xs += xline, ds += dline) {                                    \
        const float *xp = xs, *dp = ds;                                                              \
        _Pragma("clang loop unroll(disable)")                                                        \
        for (int p = 0; p < count; p++, xp += xstep, dp += Co) PIXEL(R, V, xp, dp)                   \
      }                                                                                              \
    }                                                                                                \
    for (int r = 0; r < R; r++)                                                                      \
      for (int v = 0; v < V; v++) wasm_v128_store(w + r * Co + 4 * v, acc[r][v]);                    \
  }
TILE(4, 2)
TILE(4, 1)
TILE(1, 2)
TILE(1, 1)

// The tiles of R rows of dw (R = 4 or 1) and every block of output channels, over the pixels
// [lo, hi) of each of `lines` image rows.
#define ROWS(R)                                                                                      \
  static inline void rows_##R(const float *xs, int xstep, long xline, const float *ds, long dline, int lines, \
                              int lo, int hi, float *w, int Co) {                                    \
    if (lo >= hi) return;                                                                            \
    xs += (long)lo * xstep;                                                                          \
    ds += (long)lo * Co;                                                                             \
    int co = 0;                                                                                      \
    for (; co + 8 <= Co; co += 8) tile_##R##x2(xs, xstep, xline, ds + co, Co, dline, lines, hi - lo, w + co); \
    if (co < Co) tile_##R##x1(xs, xstep, xline, ds + co, Co, dline, lines, hi - lo, w + co);         \
  }
ROWS(4)
ROWS(1)

// dw[kh] from `lines` image rows of x (the first at xrow, then every xline floats) and as many of
// dy (from dyrow, every dline floats). Its rows j = kw·Ci + ci go 4 at a time: the x values of 4
// consecutive rows are consecutive (at (ow·sw + kw − pl)·Ci + ci, i.e. (ow·sw − pl)·Ci + j), even
// across taps, which keeps 1- and 3-channel inputs on 4-row tiles. A tile covers the pixels where
// all its rows are inside x (the same columns on every line); each row's remaining pixels go one
// row at a time.
static inline void block_taps(const float *xrow, long xline, const float *dyrow, long dline, int lines, float *wk,
                              int W, int Ci, int OW, int Co, int KW, int sw, int pl) {
  const int J = KW * Ci;
  const float *x0 = xrow - (long)pl * Ci;  // pixel ow, row j at x0 + ow·sw·Ci + j
  const int xstep = sw * Ci;
  // The first and last tap of the tile (kw of rows j0 and j0 + 3), followed without dividing,
  // and the pixel range of each, computed when the tap changes.
  int first = 0, cfirst = 0, last = 3 / Ci, clast = 3 % Ci;
  int lo = first_inside(-pl, sw), hi = last_inside(last - pl, sw, W, OW);
  for (int j0 = 0; j0 < J; j0 += 4) {
    const int rows = J - j0 < 4 ? J - j0 : 4;
    if (rows < 4) hi = last_inside((J - 1) / Ci - pl, sw, W, OW);
    const int tiled = rows == 4 && lo < hi;
    if (tiled) rows_4(x0 + j0, xstep, xline, dyrow, dline, lines, lo, hi, wk + (long)j0 * Co, Co);
    if (!tiled || first != last) {
      // Rows whose tap reaches more pixels than the tile's: the rest of them, one row at a time.
      for (int j = j0; j < j0 + rows; j++) {
        const int jlo = first_inside(j / Ci - pl, sw), jhi = last_inside(j / Ci - pl, sw, W, OW);
        float *wj = wk + (long)j * Co;
        if (tiled) {
          rows_1(x0 + j, xstep, xline, dyrow, dline, lines, jlo, lo, wj, Co);
          rows_1(x0 + j, xstep, xline, dyrow, dline, lines, hi, jhi, wj, Co);
        } else {
          rows_1(x0 + j, xstep, xline, dyrow, dline, lines, jlo, jhi, wj, Co);
        }
      }
    }
    const int was_first = first, was_last = last;
    for (cfirst += 4; cfirst >= Ci; cfirst -= Ci) first++;
    for (clast += 4; clast >= Ci; clast -= Ci) last++;
    if (first != was_first) lo = first_inside(first - pl, sw);
    if (last != was_last) hi = last_inside(last - pl, sw, W, OW);
  }
}

// How many output rows a block takes (at least one). Each tile of dw is loaded and stored once
// per block rather than once per row, which matters most where rows are short (ResNet-20's
// 8×8×64: 8 pixels a row; LeNet-5's 1- and 6-channel inputs: few tiles a row). But the block's
// rows of x (from its first input row to its last) and of dy should stay in the L1 cache (32 KiB
// here) while every tile of dw passes over them, and when dw itself fits beside them (under
// 24 KiB) it should stay too: there a row at a time is already cheap, and bigger blocks that
// pushed dw out were measured up to 10% slower (ResNet-20's 32×32×16 → 16×16×32, stride 2).
// So: x and dy within 28 KiB less dw, or within 24 KiB when dw is bigger (16 and 32 KiB
// measured no better).
static inline int block_rows(int H, int W, int Ci, int OH, int OW, int Co, int KH, int KW, int sh) {
  const long dw_bytes = (long)KH * KW * Ci * Co * 4;
  const long room = dw_bytes <= 24 * 1024 ? 28 * 1024 - dw_bytes : 24 * 1024;
  int block = 1;  // grows while block + 1 rows fit: x rows (block·sh + KH of them, at most H), dy rows
  while (block < OH) {
    const long xrows = (long)block * sh + KH < H ? (long)block * sh + KH : H;
    if ((xrows * W * Ci + (long)(block + 1) * OW * Co) * 4 > room) break;
    block++;
  }
  return block;
}

// dw (KH·KW·Ci·Co floats, overwritten; Co a multiple of 4) from the batch items [n0, n1) of x and dy.
EXPORT("conv2d_filter_grad")
void conv2d_filter_grad(const float *x, const float *dy, float *dw, int n0, int n1, int H, int W, int Ci,
                        int OH, int OW, int Co, int KH, int KW, int sh, int sw, int pt, int pl) {
  const int taps = KH * KW * Ci * Co;
  for (int i = 0; i < taps; i += 4) wasm_v128_store(dw + i, wasm_f32x4_splat(0.0f));
  const int block = block_rows(H, W, Ci, OH, OW, Co, KH, KW, sh);
  const long xline = (long)sh * W * Ci, dline = (long)OW * Co;  // floats from one line of a block to the next
  for (int n = n0; n < n1; n++) {
    for (int oh0 = 0; oh0 < OH; oh0 += block) {
      const int oh1 = OH - oh0 < block ? OH : oh0 + block;
      for (int kh = 0; kh < KH; kh++) {
        // The output rows of the block whose input row oh·sh + kh − pt lies inside [0, H).
        int a = first_inside(kh - pt, sh), b = last_inside(kh - pt, sh, H, OH);
        if (a < oh0) a = oh0;
        if (b > oh1) b = oh1;
        if (a >= b) continue;
        const int ih = a * sh + kh - pt;
        block_taps(x + ((long)(n * H + ih) * W) * Ci, xline, dy + ((long)(n * OH + a) * OW) * Co, dline, b - a,
                   dw + (long)kh * KW * Ci * Co, W, Ci, OW, Co, KW, sw, pl);
      }
    }
  }
}
