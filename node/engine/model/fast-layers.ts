/**
 * Drop-in replacements for two tfjs layers that train faster and save exactly like the originals
 * (same class name, config and weights, so a saved model loads with plain tfjs):
 *
 * - `FastBatchNorm`: tfjs differentiates batch normalisation op by op — `batchNorm`'s gradient
 *   tiles the [1, 1, 1, C] inverse standard deviation to the whole [N, H, W, C] tensor (a third
 *   of a ResNet step on wasm went into that `Tile`), then `moments` adds its own gradients. Here
 *   the whole training-mode normalisation is one op with the closed-form gradient
 *     dβ = Σ dy,  dγ = Σ dy·x̂,  dx = γ/σ · (dy − dβ/M − x̂·dγ/M)      (M = N·H·W)
 *   using only per-channel broadcasts; on wasm, each direction is one SIMD kernel.
 * - `FastConv2D`: tfjs's fused convolution (used whenever the activation is linear, or there is
 *   none) has a custom gradient that always computes the input gradient, even for the first
 *   layer, whose input is the image. In training this layer runs the plain `conv2d`, whose
 *   gradients tfjs computes only where needed, so the first layer's image gradient is skipped.
 *   Inference keeps the fused path.
 */
import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_BACKWARD, BATCH_NORM_FORWARD, simdBatchNorm } from '../backend/wasm-batch-norm';

type Kwargs = Record<string, unknown>;
interface Weight {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}
type LayerClass<T> = new (args: object) => tf.layers.Layer & T;

/** The fields of tfjs-layers' BatchNormalization this file reads (the class itself is not exported). */
interface BatchNormFields {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma?: Weight;
  beta?: Weight;
  movingMean: Weight;
  movingVariance: Weight;
}

/** The fields of tfjs-layers' Conv2D this file reads. */
interface Conv2DFields {
  kernel: Weight;
  bias?: Weight;
  strides: [number, number];
  padding: 'valid' | 'same';
  dilationRate: [number, number];
  dataFormat: string;
  activation: { apply(x: tf.Tensor): tf.Tensor; getClassName(): string };
}

const BatchNormalization = tf.layers.batchNormalization({ name: 'netwright_bn_prototype' }).constructor as LayerClass<BatchNormFields>;
const Conv2D = tf.layers.conv2d({ name: 'netwright_conv_prototype', filters: 1, kernelSize: 1 }).constructor as LayerClass<Conv2DFields>;

const first = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0]! : inputs);

/**
 * Training-mode batch normalisation over every axis but the last, with one fused gradient:
 * `const { y, mean, variance } = batchNormTraining(x, gamma, beta, 1e-3)`. The caller disposes
 * `mean` and `variance` (they are kept out of any enclosing tidy, for the running averages).
 */
export function batchNormTraining(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): { y: tf.Tensor; mean: tf.Tensor; variance: tf.Tensor } {
  const axes = x.shape.map((_, i) => i).slice(0, -1);
  const count = x.size / x.shape[x.rank - 1]!;
  // On wasm, each direction is one SIMD kernel (wasm-batch-norm.ts); elsewhere, tfjs ops.
  const simd = simdBatchNorm() && x.dtype === 'float32';
  let mean: tf.Tensor | undefined;
  let variance: tf.Tensor | undefined;
  const op = tf.customGrad((xIn, gIn, bIn, save) => {
    const [x, g, b] = [xIn, gIn, bIn] as [tf.Tensor, tf.Tensor, tf.Tensor];
    let value: tf.Tensor;
    if (simd) {
      const [y, m, v] = tf.engine().runKernel(BATCH_NORM_FORWARD, { x, gamma: g, beta: b }, { epsilon }) as tf.Tensor[];
      [value, mean, variance] = [y!, tf.keep(m!), tf.keep(v!)];
    } else {
      const moments = tf.moments(x, axes);
      mean = tf.keep(moments.mean);
      variance = tf.keep(moments.variance);
      value = tf.batchNorm(x, mean, variance, b, g, epsilon);
    }
    (save as (tensors: tf.Tensor[]) => void)([x, g, mean!, variance!]);
    return {
      value,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [x, g, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        if (simd) return tf.engine().runKernel(BATCH_NORM_BACKWARD, { dy, x, gamma: g, mean, variance }, { epsilon }) as tf.Tensor[];
        const rstd = tf.rsqrt(tf.add(variance, epsilon));
        const dBeta = tf.sum(dy, axes);
        // Σ dy·x̂ = (Σ dy·x − μ·Σ dy) / σ: no x̂ tensor needed.
        const dGamma = tf.mul(tf.sub(tf.sum(tf.mul(dy, x), axes), tf.mul(mean, dBeta)), rstd);
        // dx = γ/σ · (dy + u) with u = −x̂·dγ/M − dβ/M, one per-channel affine map of x.
        const u = tf.batchNorm(x, mean, variance, tf.neg(tf.div(dBeta, count)), tf.neg(tf.div(dGamma, count)), epsilon);
        const dx = tf.mul(tf.add(dy, u), tf.mul(g, rstd));
        return [dx, dGamma, dBeta];
      },
    };
  });
  const y = op(x, gamma, beta);
  return { y, mean: mean!, variance: variance! };
}

/**
 * tfjs's BatchNormalization with the fused training gradient above (same config and weights);
 * a frozen one (`trainable` false) normalises with its running statistics, in training too.
 */
export class FastBatchNorm extends BatchNormalization {
  static className = 'BatchNormalization';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    // Frozen (not trainable): inference mode even in training, with the running statistics it
    // has, which stay as they are, as PyTorch's eval() BatchNorm in a fine-tuned network.
    if (!this.trainable) return super.call(inputs, { ...kwargs, training: false });
    const x = first(inputs);
    const lastAxis = this.axis === -1 || this.axis === x.rank - 1;
    if (kwargs.training !== true || !lastAxis || !this.gamma || !this.beta) return super.call(inputs, kwargs);
    const { y, mean, variance } = batchNormTraining(x, this.gamma.read(), this.beta.read(), this.epsilon);
    // On wasm (memory the CPU reads anyway) the few values are updated in JavaScript: as tiny
    // tfjs ops, with their scalars and bookkeeping, a ResNet-20 step ran 815 ops instead of 437.
    const inPlace = simdBatchNorm();
    tf.tidy(() => {
      // The running statistics, as tfjs updates them: v ← v − (v − batch)·(1 − momentum).
      for (const [weight, batch] of [[this.movingMean, mean], [this.movingVariance, variance]] as const) {
        const old = weight.read();
        if (!inPlace) {
          weight.write(tf.sub(old, tf.mul(tf.sub(old, batch), 1 - this.momentum)));
          continue;
        }
        const b = batch.dataSync();
        weight.write(tf.tensor(Float32Array.from(old.dataSync(), (v, c) => v - (v - b[c]!) * (1 - this.momentum)), old.shape));
      }
    });
    tf.dispose([mean, variance]);
    return y;
  }
}

/**
 * A dilated kernel as the plain kernel it equals: (d − 1) zeros between neighbouring taps, so
 * a k×k kernel at dilation d becomes (d·(k − 1) + 1)². tfjs has no gradient for dilated
 * convolutions; built from pad, reshape and slice, this one is differentiable.
 */
export function dilateKernel(kernel: tf.Tensor4D, [dh, dw]: [number, number]): tf.Tensor4D {
  return tf.tidy(() => {
    let k = kernel;
    for (const [axis, d] of [[0, dh], [1, dw]] as const) {
      if (d === 1) continue;
      const shape = k.shape;
      const taps = shape[axis];
      // Give every tap d − 1 zero neighbours along `axis`, then drop the ones after the last tap.
      const split = [...shape.slice(0, axis + 1), 1, ...shape.slice(axis + 1)];
      const padding = split.map((_, i): [number, number] => (i === axis + 1 ? [0, d - 1] : [0, 0]));
      const spread = [...shape] as [number, number, number, number];
      spread[axis] = taps * d;
      const size = [...shape] as [number, number, number, number];
      size[axis] = d * (taps - 1) + 1;
      k = tf.slice(tf.reshape(tf.pad(tf.reshape(k, split), padding), spread), [0, 0, 0, 0], size) as tf.Tensor4D;
    }
    return k;
  });
}

/** tfjs's Conv2D, but unfused while training so that unneeded gradients are never computed. */
export class FastConv2D extends Conv2D {
  static className = 'Conv2D';

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    if (kwargs.training !== true || this.dataFormat !== 'channelsLast') return super.call(inputs, kwargs);
    return tf.tidy(() => {
      const dilated = this.dilationRate.some((d) => d > 1);
      const kernel = this.kernel.read() as tf.Tensor4D;
      let y: tf.Tensor = dilated
        ? tf.conv2d(first(inputs) as tf.Tensor4D, dilateKernel(kernel, this.dilationRate), this.strides, this.padding, 'NHWC')
        : tf.conv2d(first(inputs) as tf.Tensor4D, kernel, this.strides, this.padding, 'NHWC');
      if (this.bias) y = tf.add(y, this.bias.read());
      return this.activation.apply(y);
    });
  }
}
