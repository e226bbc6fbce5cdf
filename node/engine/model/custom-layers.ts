/**
 * Layers tfjs-layers lacks: local response normalisation (AlexNet, GoogLeNet) and a channel
 * slice (one tower of a grouped convolution). Registered for serialisation, so a model that
 * uses them can be saved and loaded again.
 */
import * as tf from '@tensorflow/tfjs';

type Kwargs = Record<string, unknown>;
const first = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0]! : inputs);
const firstShape = (shape: tf.Shape | tf.Shape[]) => (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;

export interface LrnConfig {
  name: string;
  /** Channels in the window (PyTorch's `size`, n). */
  size: number;
  alpha: number;
  beta: number;
  k: number;
}

/**
 * x / (k + α/n · Σ x²)^β over n neighbouring channels, PyTorch's definition, on top of tfjs's
 * op (which sums over 2r + 1 channels and does not divide α by n). Exact for odd n.
 */
export class LocalResponseNorm extends tf.layers.Layer {
  static className = 'NetwrightLRN';
  private readonly cfg: LrnConfig;

  constructor(cfg: LrnConfig) {
    super({ name: cfg.name });
    this.cfg = cfg;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const { size, alpha, beta, k } = this.cfg;
    return tf.localResponseNormalization(first(inputs) as tf.Tensor4D, Math.floor(size / 2), k, alpha / size, beta);
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { size, alpha, beta, k } = this.cfg;
    return { ...super.getConfig(), size, alpha, beta, k };
  }
}

export interface ChannelSliceConfig {
  name: string;
  start: number;
  count: number;
}

/** Channels `start .. start + count − 1` of an NHWC tensor: one group of a grouped convolution. */
export class ChannelSlice extends tf.layers.Layer {
  static className = 'NetwrightChannelSlice';
  private readonly cfg: ChannelSliceConfig;

  constructor(cfg: ChannelSliceConfig) {
    super({ name: cfg.name });
    this.cfg = cfg;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...firstShape(inputShape).slice(0, -1), this.cfg.count];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = first(inputs);
    const begin = x.shape.map((_, i) => (i === x.rank - 1 ? this.cfg.start : 0));
    const size = x.shape.map((_, i) => (i === x.rank - 1 ? this.cfg.count : -1));
    return tf.slice(x, begin, size);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), start: this.cfg.start, count: this.cfg.count };
  }
}

tf.serialization.registerClass(LocalResponseNorm);
tf.serialization.registerClass(ChannelSlice);
