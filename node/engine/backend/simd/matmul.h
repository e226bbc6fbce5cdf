// matmul.c's product, for the kernels built on it (the Winograd convolutions).
#ifndef NETWRIGHT_MATMUL_H
#define NETWRIGHT_MATMUL_H

enum { BIAS_NONE = 0, BIAS_COLUMNS = 1, BIAS_SCALAR = 2, BIAS_SELF = 3 };  // BIAS_SELF: c += a · b
enum { ACT_LINEAR = 0, ACT_RELU = 1, ACT_RELU6 = 2 };

// The rows [m0, m1) of c = act(a · b + bias): a[m][k] at a + m·ars + k·acs, b K×N, c M×N;
// bias_mode 0 (none), 1 (N floats, one per column), 2 (one float) or 3 (c itself: c += a · b);
// act 0 (linear), 1 (ReLU), 2 (ReLU6).
void matmul(const float *a, const float *b, const float *bias, float *c, int m0, int m1, int K, int N, int ars, int acs,
            int bias_mode, int act);
#endif
