/**
 * Before and after, kernel by kernel, on the wasm backend: tfjs's stock kernel (or layer) next
 * to Netwright's replacement, on the shapes of LeNet-5, ResNet-20 and Mini-VGG at batch 32.
 * Each figure is the median time of one gradient computation (forward and backward through
 * one op), interleaved rounds.
 */
import * as tf from '@tensorflow/tfjs';
import { FastBatchNorm } from '../node/engine/model/fast-layers';
import { registerWasmKernels } from '../node/engine/backend/wasm-kernels';
import { median } from './measure';

interface Case {
  name: string;
  /** One gradient computation; `fast` selects our kernels/layer or the stock ones. */
  make(): (fast: boolean) => void;
}

const grad = (f: (x: tf.Tensor) => tf.Tensor, x: tf.Tensor) => tf.tidy(() => void tf.grad((a: tf.Tensor) => f(a).sum())(x).dataSync());

const conv = (h: number, ci: number, co: number, k: number, s: number): Case => ({
  name: `Conv2D and Conv2DBackpropInput: ${h}×${h}×${ci} → ${co}, ${k}×${k}, stride ${s}`,
  make() {
    const x = tf.randomNormal([32, h, h, ci]);
    const w = tf.randomNormal([k, k, ci, co]) as tf.Tensor4D;
    return (fast) => (registerWasmKernels(fast), grad((a) => tf.conv2d(a as tf.Tensor4D, w, s, 'same'), x));
  },
});

const filterGrad = (h: number, ci: number, co: number, k: number, pad: 'same' | 'valid', note: string): Case => ({
  name: `Conv2DBackpropFilter: ${h}×${h}×${ci} → ${co}, ${k}×${k} (${note}; "stock": as one XNNPACK convolution)`,
  make() {
    const x = tf.randomNormal([32, h, h, ci]) as tf.Tensor4D;
    const w = tf.randomNormal([k, k, ci, co]);
    return (fast) => (registerWasmKernels(fast), grad((f) => tf.conv2d(x, f as tf.Tensor4D, 1, pad), w));
  },
});

const pool = (op: 'avgPool' | 'maxPool', h: number, c: number): Case => ({
  name: `${op === 'avgPool' ? 'AvgPoolGrad' : 'MaxPoolGrad'}: ${h}×${h}×${c}, 2×2, stride 2`,
  make() {
    const x = tf.randomNormal([32, h, h, c]);
    return (fast) => (registerWasmKernels(fast), grad((a) => tf[op](a as tf.Tensor4D, 2, 2, 'valid'), x));
  },
});

const cases: Case[] = [
  filterGrad(28, 1, 6, 5, 'same', 'LeNet C1'),
  filterGrad(32, 16, 16, 3, 'same', 'ResNet-20 stage 1'),
  filterGrad(16, 32, 32, 3, 'same', 'ResNet-20 stage 2'),
  filterGrad(8, 64, 64, 3, 'same', 'ResNet-20 stage 3'),
  conv(28, 1, 6, 5, 1),
  conv(14, 6, 16, 5, 1),
  conv(32, 16, 16, 3, 1),
  conv(32, 16, 32, 3, 2),
  conv(16, 32, 32, 3, 1),
  conv(8, 64, 64, 3, 1),
  pool('avgPool', 28, 6),
  pool('maxPool', 28, 32),
  {
    name: 'Slice (forward only): 32×34×34×16 → 32×32×32×16 (a padded activation cropped)',
    make() {
      const x = tf.randomNormal([32, 34, 34, 16]);
      return (fast) => (registerWasmKernels(fast), tf.tidy(() => void tf.slice(x, [0, 1, 1, 0], [32, 32, 32, 16]).dataSync()));
    },
  },
  {
    name: 'BatchMatMul, transposed (a Dense gradient): 32×400 · 400×120',
    make() {
      const a = tf.randomNormal([32, 400]);
      const b = tf.randomNormal([120, 400]);
      return (fast) => (registerWasmKernels(fast), grad((x) => tf.matMul(x, b, false, true), a));
    },
  },
  {
    name: 'Dense (fused product and bias, forward + backward): 32×400 · 400×120 (LeNet F5)',
    make() {
      const a = tf.randomNormal([32, 400]);
      const w = tf.randomNormal([400, 120]);
      const b = tf.randomNormal([120]);
      return (fast) => (registerWasmKernels(fast), tf.tidy(() => void tf.grads((x: tf.Tensor, v: tf.Tensor) => tf.fused.matMul({ a: x as tf.Tensor2D, b: v as tf.Tensor2D, bias: b }).sum())([a, w]).forEach((g) => g.dataSync())));
    },
  },
  {
    name: 'Bias add and its gradient (per-channel Add and Sum): 32×28×28×6 (LeNet C1)',
    make() {
      const x = tf.randomNormal([32, 28, 28, 6]);
      const b = tf.randomNormal([6]);
      return (fast) => (registerWasmKernels(fast), tf.tidy(() => void tf.grads((a: tf.Tensor, v: tf.Tensor) => tf.add(a, v).sum())([x, b]).forEach((g) => g.dataSync())));
    },
  },
  {
    name: 'ReLU (forward + backward): 32×32×32×16 (ResNet-20 stage 1)',
    make() {
      const x = tf.randomNormal([32, 32, 32, 16]);
      return (fast) => (registerWasmKernels(fast), grad((a) => tf.relu(a), x));
    },
  },
  {
    name: 'Tanh (forward + backward): 32×28×28×6 (LeNet C1)',
    make() {
      const x = tf.randomNormal([32, 28, 28, 6]);
      return (fast) => (registerWasmKernels(fast), grad((a) => tf.tanh(a), x));
    },
  },
  {
    name: 'BatchNorm in training (layer, forward + backward): 32×32×32×16',
    make() {
      const x = tf.randomNormal([32, 32, 32, 16]);
      const stock = tf.layers.batchNormalization({ epsilon: 1e-5, momentum: 0.9 });
      const ours = new FastBatchNorm({ epsilon: 1e-5, momentum: 0.9 });
      return (fast) => (registerWasmKernels(true), grad((a) => (fast ? ours : stock).apply(a, { training: true }) as tf.Tensor, x));
    },
  },
];

/** Print the before/after table of the replaced kernels. */
export function kernelTable(rounds = 9): void {
  console.log('\n## Replaced kernels and layers, before and after (wasm, batch 32)\n');
  console.log('| kernel / layer and shape | tfjs stock | Netwright | speed-up |');
  console.log('|---|---:|---:|---:|');
  for (const c of cases) {
    const run = c.make();
    const times: Record<'stock' | 'ours', number[]> = { stock: [], ours: [] };
    for (const fast of [false, true, false, true]) run(fast); // warm-up
    for (let r = 0; r < rounds; r++) {
      for (const fast of r % 2 ? [true, false] : [false, true]) {
        const t0 = performance.now();
        run(fast);
        times[fast ? 'ours' : 'stock'].push(performance.now() - t0);
      }
    }
    const [s, o] = [median(times.stock), median(times.ours)];
    console.log(`| ${c.name} | ${s.toFixed(1)} ms | ${o.toFixed(1)} ms | ${(s / o).toFixed(1)}× |`);
  }
  registerWasmKernels(true);
}
