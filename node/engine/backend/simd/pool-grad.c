// Input gradients of 2-D pooling (NHWC), as plain loops the compiler vectorises where it can.
// tfjs-backend-wasm 4.22's own are 10–50× slower than the forward pass, and its MaxPoolGrad is
// wrong for overlapping or padded windows. These compute what tfjs's cpu backend computes.
//
// Like the other kernels they run on tfjs's memory and own none of it.
#define EXPORT(name) __attribute__((export_name(name)))

// Any max pool: each window's gradient goes to its first maximum (row by row; padding never
// wins), and overlapping windows add up.
EXPORT("max_pool_grad")
void max_pool_grad(const float *x, const float *dy, float *dx, int N, int H, int W, int C, int OH, int OW, int fh,
                   int fw, int sh, int sw, int pt, int pl) {
  __builtin_memset(dx, 0, (unsigned long)N * H * W * C * sizeof(float));
  for (int n = 0; n < N; n++) {
    const float *xn = x + (long)n * H * W * C;
    float *dxn = dx + (long)n * H * W * C;
    for (int i = 0; i < OH; i++) {
      const int r0 = i * sh - pt, r1 = r0 + fh < H ? r0 + fh : H;
      for (int j = 0; j < OW; j++, dy += C) {
        const int q0 = j * sw - pl, q1 = q0 + fw < W ? q0 + fw : W;
        for (int c = 0; c < C; c++) {
          long at = -1;
          float best = 0.0f;
          for (int r = r0 < 0 ? 0 : r0; r < r1; r++)
            for (int q = q0 < 0 ? 0 : q0; q < q1; q++) {
              const long idx = ((long)r * W + q) * C + c;
              if (at < 0 || xn[idx] > best) {
                best = xn[idx];
                at = idx;
              }
            }
          if (at >= 0) dxn[at] += dy[c];
        }
      }
    }
  }
}

// An average pool whose windows tile the input (stride = window, no padding): each pixel gets
// its window's gradient / (fh·fw); rows and columns no window reached get 0.
EXPORT("avg_pool_grad_tiles")
void avg_pool_grad_tiles(const float *dy, float *dx, int N, int H, int W, int C, int OH, int OW, int fh, int fw) {
  const float k = 1.0f / (float)(fh * fw);
  for (int n = 0; n < N; n++)
    for (int h = 0; h < H; h++) {
      const int i = h / fh;  // one division a row: one a pixel took most of the time
      float *row = dx + ((long)n * H + h) * W * C;
      int w = 0;
      if (i < OH) {
        const float *g = dy + ((long)n * OH + i) * OW * C;
        for (int j = 0; j < OW; j++, g += C)
          for (int b = 0; b < fw; b++, w++)
            for (int c = 0; c < C; c++) row[(long)w * C + c] = g[c] * k;
      }
      for (long e = (long)w * C; e < (long)W * C; e++) row[e] = 0.0f;
    }
}
