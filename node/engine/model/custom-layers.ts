/**
 * Layers tfjs-layers lacks: local response normalisation (AlexNet, GoogLeNet), a channel slice
 * (one tower of a grouped convolution), upsampling whose gradient every backend computes, and
 * the ResNet paper's parameter-free shortcut (subsample, then zero channels).
 * Registered for serialisation, so a model that uses them can be saved and loaded again.
 */
import * as tf from '@tensorflow/tfjs';

type Kwargs = Record<string, unknown>;
const first = (inputs: tf.Tensor | tf.Tensor[]) => (Array.isArray(inputs) ? inputs[0]! : inputs);
const firstShape = (shape: tf.Shape | tf.Shape[]) => (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;

/** A layer whose settings are one object: kept for `call`, and saved (all but the name, which tfjs saves) by `getConfig`. */
abstract class ConfiguredLayer<C extends { name: string }> extends tf.layers.Layer {
  protected readonly cfg: C;

  constructor(cfg: C) {
    super({ name: cfg.name });
    this.cfg = cfg;
  }

  override getConfig(): tf.serialization.ConfigDict {
    const { name: _name, ...settings } = this.cfg;
    return { ...super.getConfig(), ...(settings as tf.serialization.ConfigDict) };
  }
}

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
export class LocalResponseNorm extends ConfiguredLayer<LrnConfig> {
  static className = 'NetwrightLRN';

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const { size, alpha, beta, k } = this.cfg;
    return tf.localResponseNormalization(first(inputs) as tf.Tensor4D, Math.floor(size / 2), k, alpha / size, beta);
  }
}

export interface ChannelSliceConfig {
  name: string;
  start: number;
  count: number;
}

/** Channels `start .. start + count − 1` of an NHWC tensor: one group of a grouped convolution. */
export class ChannelSlice extends ConfiguredLayer<ChannelSliceConfig> {
  static className = 'NetwrightChannelSlice';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return [...firstShape(inputShape).slice(0, -1), this.cfg.count];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const x = first(inputs);
    const begin = x.shape.map((_, i) => (i === x.rank - 1 ? this.cfg.start : 0));
    const size = x.shape.map((_, i) => (i === x.rank - 1 ? this.cfg.count : -1));
    return tf.slice(x, begin, size);
  }
}

export interface UpSamplingConfig {
  name: string;
  /** Whole factors [height, width]. */
  size: [number, number];
  interpolation: 'nearest' | 'bilinear';
}

/**
 * One axis (1: height, 2: width) of an NHWC tensor `s` times longer. Nearest repeats each pixel
 * `s` times. Bilinear interpolates with half-pixel centres, as PyTorch (align_corners=False) and
 * Keras 2+ do: output pixel s·k + r lies at k + d in the input, d = (r + ½)/s − ½, a mix of pixel
 * k and its neighbour on d's side, the edge pixel repeated past the ends. Slices, concatenations
 * and products only, so that every backend has the gradient: tfjs's `resizeBilinear` gradient
 * ignores half-pixel centres, and wasm's `resizeNearestNeighbor` gradient differs from cpu's.
 */
export function upsampleAxis(x: tf.Tensor, axis: 1 | 2, s: number, bilinear: boolean): tf.Tensor {
  if (s === 1) return x;
  const n = x.shape[axis]!;
  const at = (t: tf.Tensor, start: number, size: number) => tf.slice(t, t.shape.map((_, i) => (i === axis ? start : 0)), t.shape.map((d, i) => (i === axis ? size : d)));
  const padded = bilinear ? tf.concat([at(x, 0, 1), x, at(x, n - 1, 1)], axis) : x;
  const phases = Array.from({ length: s }, (_, r) => {
    const d = (r + 0.5) / s - 0.5;
    return bilinear ? tf.add(tf.mul(x, 1 - Math.abs(d)), tf.mul(at(padded, d < 0 ? 0 : 2, n), Math.abs(d))) : x;
  });
  return tf.reshape(tf.stack(phases, axis + 1), x.shape.map((d, i) => (i === axis ? d * s : d)));
}

/** UpSampling2D by whole factors, nearest or bilinear (tfjs's own bilinear samples from the corners, not the pixel centres). */
export class UpSampling extends ConfiguredLayer<UpSamplingConfig> {
  static className = 'NetwrightUpSampling';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w, c] = firstShape(inputShape);
    return [n!, h! * this.cfg.size[0], w! * this.cfg.size[1], c!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const [sh, sw] = this.cfg.size;
    const bilinear = this.cfg.interpolation === 'bilinear';
    return tf.tidy(() => upsampleAxis(upsampleAxis(first(inputs), 1, sh, bilinear), 2, sw, bilinear));
  }
}

export interface ZeroPadChannelsConfig {
  name: string;
  channels: number;
  stride: number;
}

/**
 * x[::s, ::s] of an NHWC tensor with zero channels appended up to `channels` (option A of He et
 * al. 2015). The subsampling is a 1×1 average pool at stride s, which keeps pixel (s·i, s·j)
 * exactly and has a gradient on every backend (tfjs has none for a strided slice).
 */
export class ZeroPadChannels extends ConfiguredLayer<ZeroPadChannelsConfig> {
  static className = 'NetwrightZeroPadChannels';

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [n, h, w] = firstShape(inputShape);
    const s = this.cfg.stride;
    return [n!, h === null ? null : Math.ceil(h! / s), w === null ? null : Math.ceil(w! / s), this.cfg.channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Kwargs): tf.Tensor {
    const { channels, stride } = this.cfg;
    return tf.tidy(() => {
      const x = first(inputs) as tf.Tensor4D;
      const kept = stride === 1 ? x : tf.avgPool(x, 1, stride, 'valid');
      const extra = channels - x.shape[3];
      return extra === 0 ? kept : tf.pad(kept, [[0, 0], [0, 0], [0, 0], [0, extra]]);
    });
  }
}

tf.serialization.registerClass(LocalResponseNorm);
tf.serialization.registerClass(ZeroPadChannels);
tf.serialization.registerClass(UpSampling);
tf.serialization.registerClass(ChannelSlice);
