/**
 * Stride-1 convolutions on wasm (Netwright's SIMD kernels, simd/conv-forward.c and, for 3×3 ones
 * with 8 or more input channels in vectors of 4, simd/winograd.c) against the reference `cpu`
 * backend: 1-channel inputs, 1–16 output channels (tiles of 8 and 4, stores of 1–3 channels),
 * rows narrower than a tile and rows that end in a partial tile, outputs whose sides are not
 * multiples of 4 (Winograd's last 4×4 tiles overlap) and outputs too narrow for them, every
 * padding; and the convolutions left to XNNPACK (strided, dilated). Error: max |wasm − cpu| /
 * max |cpu| ≤ 1e-5.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { simdKernels } from '../../../node/engine/backend/simd/simd-kernels';
import { relativeError, values, wasmAgainstCpu } from './compare';
import { simdFor } from './simdFor';

type Pad = 'valid' | 'same' | [[number, number], [number, number]];
interface Case { h: number; w: number; k: [number, number]; ci: number; co: number; pad: Pad; stride: number; dilation: number; n: number }

const forward = (c: Case, seed: number): Float32Array =>
  tf.tidy(() => {
    const x = tf.tensor4d(values(c.n * c.h * c.w * c.ci, seed), [c.n, c.h, c.w, c.ci]);
    const f = tf.tensor4d(values(c.k[0] * c.k[1] * c.ci * c.co, seed + 1), [...c.k, c.ci, c.co]);
    const pad = Array.isArray(c.pad) ? [[0, 0], ...c.pad, [0, 0]] : c.pad;
    return tf.conv2d(x, f, c.stride, pad as never, 'NHWC', c.dilation).dataSync() as Float32Array;
  });

function grid(): Case[] {
  const cases: Case[] = [];
  let i = 0;
  for (const [h, w] of [[3, 2], [6, 4], [6, 3], [7, 9], [28, 28], [10, 14]] as const)
    for (const k of [[1, 1], [3, 3], [5, 5], [2, 3]] as [number, number][])
      for (const pad of ['valid', 'same', [[2, 1], [0, 3]]] as Pad[])
        for (const [ci, co] of [[1, 6], [1, 16], [16, 6], [3, 1], [5, 7], [2, 4], [8, 8], [12, 5]] as const) {
          if (pad === 'valid' && (h < k[0] || w < k[1])) continue;
          cases.push({ h, w, k, ci, co, pad, stride: 1, dilation: 1, n: 1 + (i++ % 3) });
        }
  return cases;
}

/** Whether the case runs as Winograd's F(4×4, 3×3): 3×3, ≥ 8 input channels in vectors of 4, an output of at least 4×4. */
function winograd(c: Case): boolean {
  const padding = c.pad === 'valid' ? [0, 0] : c.pad === 'same' ? [c.k[0] - 1, c.k[1] - 1] : [c.pad[0][0] + c.pad[0][1], c.pad[1][0] + c.pad[1][1]];
  const [oh, ow] = [c.h + padding[0]! - c.k[0] + 1, c.w + padding[1]! - c.k[1] + 1];
  return c.k[0] === 3 && c.k[1] === 3 && c.ci >= 8 && c.ci % 4 === 0 && oh >= 4 && ow >= 4;
}

describe('stride-1 Conv2D on wasm', () => {
  beforeAll(async () => {
    expect(await pickBackend('wasm')).toBe('wasm');
  });

  it.each([true, false])('matches the cpu backend on a grid of sizes, kernels, paddings and channel counts (SIMD kernels: %s)', async (simd) => {
    const kernelRuns = simdFor(simd);
    const cases = grid();
    expect(await wasmAgainstCpu(cases, (c, index) => forward(c, index * 3 + 1))).toEqual([]);
    if (!kernelRuns) return;
    const runs = (kernel: string) => kernelRuns.mock.calls.filter(([name]) => name === kernel).length;
    const byWinograd = cases.filter(winograd).length;
    expect(byWinograd).toBeGreaterThan(20);
    expect(runs('winograd_conv3x3')).toBe(byWinograd);
    expect(runs('conv2d_valid')).toBe(cases.length - byWinograd);
  });

  it('leaves strided and dilated convolutions to XNNPACK, and matches cpu there too', async () => {
    const kernelRuns = vi.spyOn(simdKernels(tf.backend())!, 'run');
    onTestFinished(() => kernelRuns.mockRestore());
    const cases: Case[] = [
      { h: 9, w: 9, k: [3, 3], ci: 1, co: 6, pad: 'same', stride: 2, dilation: 1, n: 2 },
      { h: 9, w: 9, k: [3, 3], ci: 1, co: 6, pad: 'same', stride: 1, dilation: 2, n: 2 },
    ];
    for (const [index, c] of cases.entries()) {
      await tf.setBackend('cpu');
      const want = forward(c, index);
      await tf.setBackend('wasm');
      expect(relativeError(forward(c, index), want)).toBeLessThanOrEqual(1e-5);
    }
    expect(kernelRuns.mock.calls.filter(([name]) => name === 'conv2d_valid')).toEqual([]);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    forward({ h: 7, w: 9, k: [3, 3], ci: 1, co: 6, pad: 'same', stride: 1, dilation: 1, n: 2 }, 4);
    expect(tf.memory().numTensors).toBe(before);
  });
});
