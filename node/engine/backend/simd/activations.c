// ReLU and tanh, and their gradients, over n floats, in WebAssembly SIMD: one pass each. tfjs
// computes the gradients as two or three whole-tensor ops (ReLU: dy·cast(step(x)); tanh:
// (1 − y²)·dy), and its own Relu and Tanh are scalar loops.
//
//   relu:      y = max(x, 0)                     (NaN stays NaN, −0 becomes 0, as on cpu)
//   relu_grad: dx = x > 0 ? dy : (x is NaN ? NaN : 0)    (what dy·step(x) gives on cpu)
//   tanh:      y = sign(x)·e/(e + 2), e = expm1(2|x|), |x| clamped to 10 (tanh is 1 in float32 there)
//   tanh_grad: dx = (1 − y²)·dy
//
// expm1(t): t = k·ln2 + r with |r| ≤ ln2/2, expm1(t) = 2^k·expm1(r) + (2^k − 1), expm1(r) by its
// Taylor series to r^7 (truncation < 2e-8 relative). No tables, no libc. Within 1e-7 of tanh
// (absolute), 2e-7 relative. Tails (n not a multiple of 4) go one float at a time through the
// same vector code, so they give the same values.
//
// Like the other kernels they run on tfjs's memory and own none of it.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define S(c) wasm_f32x4_splat(c)
#define ADD wasm_f32x4_add
#define SUB wasm_f32x4_sub
#define MUL wasm_f32x4_mul

// pmax(x, 0) is x < 0 ? 0 : x, one instruction (f32x4.max, which orders −0 below 0, is several);
// adding 0 turns −0 into 0 and leaves everything else as it is.
static inline v128_t relu4(v128_t x) { return ADD(wasm_f32x4_pmax(x, S(0.0f)), S(0.0f)); }

static inline v128_t relu_grad4(v128_t x, v128_t dy) {
  const v128_t nan = wasm_f32x4_ne(x, x);
  return wasm_v128_or(wasm_v128_and(dy, wasm_f32x4_gt(x, wasm_f32x4_splat(0.0f))), wasm_v128_and(x, nan));
}

static inline v128_t tanh4(v128_t x) {
  const v128_t sign = wasm_v128_and(x, wasm_i32x4_splat((int)0x80000000));
  const v128_t ax = wasm_v128_xor(x, sign);
  // t = 2|x|, at most 20 (pmin keeps a NaN, and the result is NaN).
  const v128_t t = wasm_f32x4_pmin(ADD(ax, ax), S(20.0f));
  // kf = t·log2(e) + 1.5·2^23 + 127, rounded: its low mantissa bits are k + 127, k = round(t/ln2),
  // so that shifting them into the exponent gives 2^k.
  const v128_t kf = ADD(MUL(t, S(1.44269504088896341f)), S(12583039.0f));
  const v128_t k = SUB(kf, S(12583039.0f));
  const v128_t scale = wasm_i32x4_shl(kf, 23);
  // r = t − k·ln2, ln2 in two parts (the first has 12 trailing zero bits: k·hi is exact).
  const v128_t r = SUB(SUB(t, MUL(k, S(0.693145751953125f))), MUL(k, S(1.428606765330187e-6f)));
  // expm1(r) = r + r²·(1/2 + r/6 + r²·(1/24 + r/120) + r⁴·(1/720 + r/5040)), shallow (Estrin).
  const v128_t r2 = MUL(r, r), r4 = MUL(r2, r2);
  const v128_t q = ADD(ADD(ADD(S(1.0f / 2), MUL(S(1.0f / 6), r)), MUL(r2, ADD(S(1.0f / 24), MUL(S(1.0f / 120), r)))),
                       MUL(r4, ADD(S(1.0f / 720), MUL(S(1.0f / 5040), r))));
  const v128_t e = ADD(MUL(scale, ADD(MUL(r2, q), r)), SUB(scale, S(1.0f)));
  return wasm_v128_or(wasm_f32x4_div(e, ADD(e, S(2.0f))), sign);
}

static inline v128_t tanh_grad4(v128_t y, v128_t dy) {
  return wasm_f32x4_mul(wasm_f32x4_sub(wasm_f32x4_splat(1.0f), wasm_f32x4_mul(y, y)), dy);
}

// One float in lane 0 of a vector, and back.
static inline v128_t one(const float *p) { return wasm_f32x4_splat(*p); }
static inline float first(v128_t v) { return wasm_f32x4_extract_lane(v, 0); }

EXPORT("relu")
void relu_f32(const float *x, float *y, int n) {
  int i = 0;
#pragma clang loop unroll_count(4)
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, relu4(wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] = first(relu4(one(x + i)));
}

EXPORT("relu_grad")
void relu_grad_f32(const float *x, const float *dy, float *dx, int n) {
  int i = 0;
#pragma clang loop unroll_count(4)
  for (; i + 4 <= n; i += 4) wasm_v128_store(dx + i, relu_grad4(wasm_v128_load(x + i), wasm_v128_load(dy + i)));
  for (; i < n; i++) dx[i] = first(relu_grad4(one(x + i), one(dy + i)));
}

EXPORT("tanh")
void tanh_f32(const float *x, float *y, int n) {
  int i = 0;
  // Four vectors at a time: one is a long chain of dependent steps, and these overlap better.
  for (; i + 16 <= n; i += 16) {
    const v128_t a = tanh4(wasm_v128_load(x + i)), b = tanh4(wasm_v128_load(x + i + 4));
    const v128_t c = tanh4(wasm_v128_load(x + i + 8)), d = tanh4(wasm_v128_load(x + i + 12));
    wasm_v128_store(y + i, a);
    wasm_v128_store(y + i + 4, b);
    wasm_v128_store(y + i + 8, c);
    wasm_v128_store(y + i + 12, d);
  }
  for (; i + 4 <= n; i += 4) wasm_v128_store(y + i, tanh4(wasm_v128_load(x + i)));
  for (; i < n; i++) y[i] = first(tanh4(one(x + i)));
}

EXPORT("tanh_grad")
void tanh_grad_f32(const float *y, const float *dy, float *dx, int n) {
  int i = 0;
#pragma clang loop unroll_count(4)
  for (; i + 4 <= n; i += 4) wasm_v128_store(dx + i, tanh_grad4(wasm_v128_load(y + i), wasm_v128_load(dy + i)));
  for (; i < n; i++) dx[i] = first(tanh_grad4(one(y + i), one(dy + i)));
}
