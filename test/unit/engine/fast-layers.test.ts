/**
 * The faster-training layers against tfjs's own: the same outputs, gradients and running
 * statistics, the same saved form, and a first convolution whose image gradient is skipped.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { FastBatchNorm, FastConv2D } from '../../../node/engine/model/fast-layers';
import { simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { crossEntropyOnProbabilities, trainStep, trainableVariables } from '../../../node/engine/loop/step';
import { lenet5 } from '../../../shared/templates/lenet5';
import { relativeError, values } from './compare';

beforeAll(async () => {
  expect(await pickBackend('wasm')).toBe('wasm');
});

/** Output, input gradient, weight gradients and updated weights of one training-mode call. */
function trainingCall(layer: tf.layers.Layer, shape: number[], seed: number): Float32Array[] {
  const x = tf.tensor(values(shape.reduce((a, b) => a * b, 1), seed), shape);
  layer.apply(x, { training: false }); // builds the weights
  layer.setWeights(layer.getWeights().map((w, i) => tf.tensor(values(w.size, seed + 10 + i).map((v) => (w.size > 64 ? v : 1 + v / 2)), w.shape)));
  const r = tf.tensor(values(x.size * 4, seed + 1).slice(0, (layer.computeOutputShape(shape) as number[]).reduce((a, b) => a * b, 1)), layer.computeOutputShape(shape) as number[]);
  const trainable = layer.trainableWeights.map((w) => w.read());
  const f = (input: tf.Tensor, ...ws: tf.Tensor[]) => {
    void ws;
    return (layer.apply(input, { training: true }) as tf.Tensor).mul(r).sum();
  };
  const { value, grads } = tf.valueAndGrads(f)([x, ...trainable]);
  const out = [value, ...grads, ...layer.weights.map((w) => w.read())].map((t) => t.dataSync() as Float32Array);
  return out;
}

async function onBoth<T>(f: () => T): Promise<{ cpu: T; wasm: T }> {
  await tf.setBackend('cpu');
  const cpu = f();
  await tf.setBackend('wasm');
  return { cpu, wasm: f() };
}

describe('FastBatchNorm', () => {
  it("gives tfjs BatchNormalization's outputs, gradients and running statistics (cpu, and wasm's SIMD kernels)", async () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    // 3 and 11 channels reach the kernels' one-channel tails; 16 × 16 × 16 pixels, long sums.
    const shapes = [[4, 5, 6, 3], [2, 3, 3, 8], [7, 11], [16, 16, 16, 16]];
    for (const [i, shape] of shapes.entries()) {
      const args = { epsilon: 1e-5, momentum: 0.9 };
      const stock = await onBoth(() => trainingCall(tf.layers.batchNormalization(args), shape, i * 31));
      const fast = await onBoth(() => trainingCall(new FastBatchNorm(args), shape, i * 31));
      for (const backend of ['cpu', 'wasm'] as const) {
        stock.cpu.forEach((want, k) => expect(relativeError(fast[backend][k]!, want), `${backend} ${shape} #${k}`).toBeLessThanOrEqual(1e-5));
      }
    }
    const calls = kernelRuns.mock.calls.map(([name]) => name);
    expect([calls.filter((n) => n === 'batch_norm_forward').length, calls.filter((n) => n === 'batch_norm_backward').length]).toEqual([shapes.length, shapes.length]);
  });

  it('saves as a plain BatchNormalization', () => {
    const layer = new FastBatchNorm({ name: 'bn', epsilon: 1e-5, momentum: 0.9 });
    expect(layer.getClassName()).toBe('BatchNormalization');
    expect(layer.getConfig()).toEqual(tf.layers.batchNormalization({ name: 'bn', epsilon: 1e-5, momentum: 0.9 }).getConfig());
  });

  it('leaves no tensors behind', () => {
    const layer = new FastBatchNorm({ epsilon: 1e-3, momentum: 0.5 });
    const x = tf.ones([2, 3, 3, 4]);
    layer.apply(x, { training: false });
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.grad((input: tf.Tensor) => (layer.apply(input, { training: true }) as tf.Tensor).sum())(x);
    });
    x.dispose();
    expect(tf.memory().numTensors).toBe(before - 1);
  });
});

describe('FastConv2D', () => {
  it("gives tfjs Conv2D's outputs and gradients in training", async () => {
    for (const [i, activation] of (['linear', 'relu', 'tanh'] as const).entries()) {
      const args = { filters: 4, kernelSize: 3, strides: 2, padding: 'same' as const, activation };
      const stock = await onBoth(() => trainingCall(tf.layers.conv2d(args), [2, 7, 6, 3], i * 17));
      const fast = await onBoth(() => trainingCall(new FastConv2D(args), [2, 7, 6, 3], i * 17));
      for (const backend of ['cpu', 'wasm'] as const) {
        stock.cpu.forEach((want, k) => expect(relativeError(fast[backend][k]!, want), `${backend} ${activation} #${k}`).toBeLessThanOrEqual(1e-5));
      }
    }
    expect(new FastConv2D({ filters: 1, kernelSize: 1 }).getClassName()).toBe('Conv2D');
  });

  it('trains dilated convolutions (tfjs has no gradient for them): the forward pass equals the dilated one', async () => {
    for (const [dilationRate, padding] of [[2, 'same'], [[3, 2], 'valid']] as const) {
      const args = { filters: 3, kernelSize: [3, 2], dilationRate, padding, useBias: false } as const;
      const layer = new FastConv2D(args);
      const [training] = await onBoth(() => trainingCall(layer, [2, 9, 8, 2], 5)).then((r) => r.wasm);
      // The same layer and weights, inference mode: tfjs's own dilated convolution.
      const x = tf.tensor(values(2 * 9 * 8 * 2, 5), [2, 9, 8, 2]);
      const inference = (layer.apply(x, { training: false }) as tf.Tensor).mul(1).dataSync();
      const r = tf.tensor(values(x.size * 4, 6).slice(0, inference.length), (layer.computeOutputShape([2, 9, 8, 2]) as number[]));
      expect(relativeError([training![0]!], [(tf.tensor(inference, r.shape).mul(r).sum().dataSync() as Float32Array)[0]!]), `dilation ${dilationRate}`).toBeLessThanOrEqual(1e-5);
    }
  });

  it("skips the image gradient of LeNet-5's first layer: one input gradient per step (C3's), not two", async () => {
    const count = async (fastLayers: boolean) => {
      const model = compileDocument(lenet5(), { fastLayers });
      const optimizer = tf.train.sgd(0.01);
      const xs = tf.zeros([2, 28, 28, 1]);
      const ys = tf.oneHot([1, 2], 10);
      const info = await tf.profile(() => void trainStep(model, optimizer, crossEntropyOnProbabilities, xs, ys, trainableVariables(model)));
      tf.dispose([xs, ys]);
      model.dispose();
      optimizer.dispose();
      return info.kernels.filter((k) => k.name === 'Conv2DBackpropInput').length;
    };
    expect(await count(false)).toBe(2);
    expect(await count(true)).toBe(1);
  });
});
