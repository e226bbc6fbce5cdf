// Training-mode batch normalisation over the P = N·H·W pixels of x [P][C], per channel, and its
// gradient, in WebAssembly SIMD: three passes over x forward (the mean, the variance around it,
// y), two backward (the sums, dx). tfjs composes the same from about a dozen whole-tensor ops
// (moments, batchNorm, and their gradients).
//
//   forward:  μ = Σx/P,  σ² = Σ(x − μ)²/P,  y = (x − μ)·γ/√(σ² + ε) + β
//   backward: dβ = Σdy,  dγ = (Σdy·x − μ·dβ)·r,  dx = k1·dy + k2·x + k3   (r = 1/√(σ² + ε))
//             with k1 = γ·r, k2 = −k1·r·dγ/P, k3 = −k1·dβ/P − k2·μ
//
// Their per-channel sum and affine pass are exported on their own too, for biases.
//
// Per-channel vectors (mean, var, gamma, …) have C floats; `scratch` has 3·C. Channels beyond
// the last multiple of 4 go one at a time. Like the other kernels it runs on tfjs's memory and
// owns none of it.
#include <wasm_simd128.h>

#define EXPORT(name) __attribute__((export_name(name)))

static void clear(float *v, int C) {
  for (int c = 0; c < C; c++) v[c] = 0.0f;
}

// sum[c] = Σ_p a[p][c], and if b: dot[c] = Σ_p a[p][c]·b[p][c]
static void channel_sums(float *sum, float *dot, const float *a, const float *b, int P, int C) {
  const int C4 = C & ~3;
  clear(sum, C);
  if (b) clear(dot, C);
  for (int p = 0; p < P; p++, a += C, b = b ? b + C : 0) {
    int c = 0;
    for (; c < C4; c += 4) {
      const v128_t v = wasm_v128_load(a + c);
      wasm_v128_store(sum + c, wasm_f32x4_add(wasm_v128_load(sum + c), v));
      if (b) wasm_v128_store(dot + c, wasm_f32x4_add(wasm_v128_load(dot + c), wasm_f32x4_mul(v, wasm_v128_load(b + c))));
    }
    for (; c < C; c++) {
      sum[c] += a[c];
      if (b) dot[c] += a[c] * b[c];
    }
  }
}

// out[p][c] = k1[c]·a[p][c] + k2[c]·b[p][c] + k3[c]  (b == 0: no second term)
static void channel_affine(float *out, const float *a, const float *b, const float *k1, const float *k2, const float *k3, int P, int C) {
  const int C4 = C & ~3;
  for (int p = 0; p < P; p++, a += C, b = b ? b + C : 0, out += C) {
    int c = 0;
    for (; c < C4; c += 4) {
      v128_t v = wasm_f32x4_add(wasm_f32x4_mul(wasm_v128_load(k1 + c), wasm_v128_load(a + c)), wasm_v128_load(k3 + c));
      if (b) v = wasm_f32x4_add(v, wasm_f32x4_mul(wasm_v128_load(k2 + c), wasm_v128_load(b + c)));
      wasm_v128_store(out + c, v);
    }
    for (; c < C; c++) out[c] = k1[c] * a[c] + (b ? k2[c] * b[c] : 0.0f) + k3[c];
  }
}

EXPORT("batch_norm_forward")
void batch_norm_forward(const float *x, const float *gamma, const float *beta, float *y, float *mean, float *var,
                        float *scratch, int P, int C, float eps) {
  channel_sums(mean, 0, x, 0, P, C);
  for (int c = 0; c < C; c++) mean[c] /= (float)P;
  clear(var, C);
  const int C4 = C & ~3;
  const float *row = x;
  for (int p = 0; p < P; p++, row += C) {
    int c = 0;
    for (; c < C4; c += 4) {
      const v128_t d = wasm_f32x4_sub(wasm_v128_load(row + c), wasm_v128_load(mean + c));
      wasm_v128_store(var + c, wasm_f32x4_add(wasm_v128_load(var + c), wasm_f32x4_mul(d, d)));
    }
    for (; c < C; c++) var[c] += (row[c] - mean[c]) * (row[c] - mean[c]);
  }
  float *scale = scratch, *shift = scratch + C;
  for (int c = 0; c < C; c++) {
    var[c] /= (float)P;
    scale[c] = gamma[c] / __builtin_sqrtf(var[c] + eps);
    shift[c] = beta[c] - mean[c] * scale[c];
  }
  channel_affine(y, x, 0, scale, 0, shift, P, C);
}

EXPORT("batch_norm_backward")
void batch_norm_backward(const float *dy, const float *x, const float *gamma, const float *mean, const float *var,
                         float *dx, float *dgamma, float *dbeta, float *scratch, int P, int C, float eps) {
  channel_sums(dbeta, dgamma, dy, x, P, C);
  float *k1 = scratch, *k2 = scratch + C, *k3 = scratch + 2 * C;
  for (int c = 0; c < C; c++) {
    const float r = 1.0f / __builtin_sqrtf(var[c] + eps);
    dgamma[c] = (dgamma[c] - mean[c] * dbeta[c]) * r;
    k1[c] = gamma[c] * r;
    k2[c] = -k1[c] * r * dgamma[c] / (float)P;
    k3[c] = -k1[c] * dbeta[c] / (float)P - k2[c] * mean[c];
  }
  channel_affine(dx, dy, x, k1, k2, k3, P, C);
}

// The per-channel passes on their own, for biases and other per-channel ops (wasm-channel-ops.ts):
// sum[c] = k·Σ_p x[p][c], and y[p][c] = scale[c]·x[p][c] + shift[c]. The sum adds blocks of 256
// pixels (summed in `scratch`, C floats) so that float32 rounding grows with the number of
// blocks, not of pixels (a sum of 100,000 values stays within the tests' 1e-5 of float64).
EXPORT("channel_sum")
void channel_sum(const float *x, float *sum, float *scratch, int P, int C, float k) {
  enum { BLOCK = 256 };
  clear(sum, C);
  for (int p = 0; p < P; p += BLOCK, x += (long)BLOCK * C) {
    channel_sums(scratch, 0, x, 0, P - p < BLOCK ? P - p : BLOCK, C);
    for (int c = 0; c < C; c++) sum[c] += scratch[c];
  }
  for (int c = 0; c < C; c++) sum[c] *= k;
}

EXPORT("channel_scale_shift")
void channel_scale_shift(const float *x, const float *scale, const float *shift, float *y, int P, int C) {
  channel_affine(y, x, 0, scale, 0, shift, P, C);
}
