// A 4-D slice of a float32 tensor: the box [b0, b0 + s0) × … × [b3, b3 + s3) of x (dims
// d0 × d1 × d2 × d3) into y, as one copy per run of contiguous floats (whole rows of d2·d3 when
// the last two axes are whole). tfjs's wasm Slice copies each innermost row through a new
// JavaScript subarray: 5.5 ms to crop ResNet-20's padded 34×34×16 activations, against 0.3.
//
// Like the other kernels it runs on tfjs's memory and owns none of it.
#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("slice4d")
void slice4d(const float *x, float *y, int d1, int d2, int d3, int b0, int b1, int b2, int b3, int s0, int s1,
             int s2, int s3) {
  const int whole = s3 == d3 && b3 == 0;
  for (int i0 = 0; i0 < s0; i0++) {
    for (int i1 = 0; i1 < s1; i1++) {
      const float *src = x + (((long)(b0 + i0) * d1 + b1 + i1) * d2 + b2) * d3 + b3;
      float *dst = y + ((long)i0 * s1 + i1) * s2 * s3;
      if (whole) {
        __builtin_memcpy(dst, src, (unsigned long)s2 * s3 * sizeof(float));
      } else {
        for (int i2 = 0; i2 < s2; i2++) __builtin_memcpy(dst + (long)i2 * s3, src + (long)i2 * d3, (unsigned long)s3 * sizeof(float));
      }
    }
  }
}
