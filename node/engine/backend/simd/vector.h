// Small helpers shared by the SIMD kernels: whole-vector arithmetic and memory, and loads and
// stores of the first 1–4 floats of a vector, which never touch memory past them.
#ifndef NETWRIGHT_VECTOR_H
#define NETWRIGHT_VECTOR_H
#include <wasm_simd128.h>

static inline v128_t add(v128_t a, v128_t b) { return wasm_f32x4_add(a, b); }
static inline v128_t sub(v128_t a, v128_t b) { return wasm_f32x4_sub(a, b); }
static inline v128_t load(const float *p) { return wasm_v128_load(p); }
static inline void store(float *p, v128_t v) { wasm_v128_store(p, v); }

// n (1–4) consecutive floats into the first lanes; the others are zero.
static inline v128_t load_n(const float *p, int n) {
  if (n >= 4) return wasm_v128_load(p);
  v128_t v = n >= 2 ? wasm_v128_load64_zero(p) : wasm_v128_load32_zero(p);
  return n == 3 ? wasm_v128_load32_lane(p + 2, v, 2) : v;
}
// The first n (1–4) lanes to n consecutive floats.
static inline void store_n(float *p, v128_t v, int n) {
  if (n >= 4) {
    wasm_v128_store(p, v);
    return;
  }
  if (n >= 2) wasm_v128_store64_lane(p, v, 0);
  else wasm_v128_store32_lane(p, v, 0);
  if (n == 3) wasm_v128_store32_lane(p + 2, v, 2);
}
#endif
