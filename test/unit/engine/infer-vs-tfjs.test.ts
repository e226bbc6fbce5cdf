/**
 * The shared shape inference against tfjs itself: for a grid of input sizes × window × stride ×
 * padding × layer kind, the compiled model's output shape and parameter count must equal what
 * the canvas shows; where inference reports an error, tfjs must compute an empty (≤ 0) output.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { inferGraph } from '../../../shared/infer';
import { sequential } from '../../../shared/templates/build';
import type { LayerKind } from '../../../shared/layers/registry';
import type { Params } from '../../../shared/layers/types';

type Pad = 'valid' | 'same' | number;
const kinds = ['Conv2D', 'MaxPool2D', 'AvgPool2D'] as const;
const sizes: [number, number][] = [[1, 1], [2, 3], [5, 5], [8, 6], [13, 13]];
const windows = [1, 2, 3, 5];
const strides = [1, 2, 3];
const paddings: Pad[] = ['valid', 'same', 0, 1, 2];

function layerParams(kind: (typeof kinds)[number], f: number, s: number, pad: Pad, i: number): Params {
  return kind === 'Conv2D' ? { filters: 4, kernel: f, stride: s, padding: pad, useBias: i % 2 === 0 } : { size: f, stride: s, padding: pad };
}

/** What tfjs computes for the same layer built by hand (explicit padding = ZeroPadding2D + 'valid'). */
function tfjsShape(kind: (typeof kinds)[number], [h, w]: [number, number], c: number, f: number, s: number, pad: Pad): (number | null)[] {
  let x = tf.input({ shape: [h, w, c] });
  if (typeof pad === 'number' && pad > 0) x = tf.layers.zeroPadding2d({ padding: pad }).apply(x) as tf.SymbolicTensor;
  const padding = pad === 'same' ? 'same' : 'valid';
  const layer =
    kind === 'Conv2D'
      ? tf.layers.conv2d({ filters: 4, kernelSize: f, strides: s, padding })
      : kind === 'MaxPool2D'
        ? tf.layers.maxPooling2d({ poolSize: f, strides: s, padding })
        : tf.layers.averagePooling2d({ poolSize: f, strides: s, padding });
  return (layer.apply(x) as tf.SymbolicTensor).shape;
}

beforeAll(async () => {
  await pickBackend('cpu');
});

describe('shape inference agrees with tfjs', () => {
  it.each(kinds)('%s on a grid of sizes, windows, strides and paddings', (kind) => {
    const mismatches: string[] = [];
    let compiled = 0;
    let refused = 0;
    let i = 0;
    for (const hw of sizes)
      for (const c of [1, 3])
        for (const f of windows)
          for (const s of strides)
            for (const pad of paddings) {
              const params = layerParams(kind, f, s, pad, i++);
              const doc = sequential('Grid', [
                { kind: 'Input', params: { height: hw[0], width: hw[1], channels: c } },
                { kind: kind as LayerKind, label: 'Layer', params },
              ]);
              const inference = inferGraph(doc.graph);
              const where = `${kind} ${hw.join('×')}×${c} window ${f} stride ${s} padding ${pad}`;
              const error = inference.nodes['layer']!.error;
              if (error) {
                refused++;
                const shape = tfjsShape(kind, hw, c, f, s, pad);
                if (!(shape[1]! <= 0 || shape[2]! <= 0)) mismatches.push(`${where}: inference refuses ("${error.message}") but tfjs gives ${JSON.stringify(shape)}`);
                continue;
              }
              const model = compileDocument(doc);
              compiled++;
              const want = [null, ...inference.nodes['layer']!.shape!];
              if (JSON.stringify(model.outputs[0]!.shape) !== JSON.stringify(want)) mismatches.push(`${where}: inference ${JSON.stringify(want)}, tfjs ${JSON.stringify(model.outputs[0]!.shape)}`);
              if (model.countParams() !== inference.totals.params) mismatches.push(`${where}: inference ${inference.totals.params} parameters, tfjs ${model.countParams()}`);
              model.dispose();
            }
    expect(mismatches).toEqual([]);
    // The grid must exercise both outcomes.
    expect(compiled).toBeGreaterThan(200);
    expect(refused).toBeGreaterThan(20);
  });
});
