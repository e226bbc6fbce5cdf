/**
 * ONNX export, run rather than read: every template's file, with the weights a run starts from,
 * passes onnx.checker and gives in onnxruntime what the tfjs engine gives on the same input
 * (1e-4 relative); every layer kind's case and the corner-case document do too with every
 * weight randomised. The big templates take minutes on two cores (VGG-19 writes 575 MB).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExportError } from '../../../shared/codegen/index';
import { toOnnx } from '../../../shared/codegen/onnx/index';
import { GraphBuilder } from '../../../shared/blocks/builder';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import { templates } from '../../../shared/templates/index';
import { pickBackend } from '../../../node/engine/backend/choose';
import { freshWeights, weightsByNode } from '../../../node/engine/loop/onnx-weights';
import { compileDocument } from '../../../node/engine/model/compile';
import { itWhen } from '../../skip';
import { caseGraph, kindCases } from '../engine/kindCases';
import { cornerCases } from './fixtures';
import { largestError, onnxChecker, randomiseWeights } from './onnxRun';
import { pythonHas } from './python';

const hasOnnx = pythonHas('onnx');
const dir = mkdtempSync(join(tmpdir(), 'netwright-onnx-'));
let backend = '';

beforeAll(async () => {
  backend = await pickBackend();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The document compiled by the engine (weights randomised from `seed`, when given) and its ONNX file. */
function exported(doc: NetwrightDocument, seed?: number): { model: tf.LayersModel; onnx: Uint8Array } {
  const model = compileDocument(doc);
  if (seed !== undefined) randomiseWeights(model, seed);
  return { model, onnx: toOnnx(doc, { weights: weightsByNode(doc, model), from: seed === undefined ? 'fresh' : `random (seed ${seed})` }) };
}

describe('ONNX export of every template', () => {
  it.each(templates.map((t) => t.id))('%s runs in onnxruntime as in the tfjs engine', async (id) => {
    const doc = templates.find((t) => t.id === id)!.build();
    const { model, onnx } = exported(doc);
    // Kept for onnx.checker below.
    writeFileSync(join(dir, `${id}.onnx`), onnx);
    try {
      expect(await largestError(model, onnx), `${id} on ${backend}`).toBeLessThan(1e-4);
    } finally {
      model.dispose();
    }
  });

  itWhen(hasOnnx, 'onnx').each(templates.map((t) => t.id))('%s passes onnx.checker', async (id) => {
    const path = join(dir, `${id}.onnx`);
    expect(await onnxChecker(path)).toBe('');
    rmSync(path);
  });

  itWhen(hasOnnx, 'onnx')('onnx.checker fails a file that lost its last byte (so that its passes above mean something)', async () => {
    const doc = templates[0]!.build();
    const path = join(dir, 'truncated.onnx');
    writeFileSync(path, toOnnx(doc, freshWeights(doc)).subarray(0, -1));
    expect(await onnxChecker(path)).not.toBe('');
  });
});

describe('ONNX export of every layer kind, and of networks, with random weights', () => {
  it.each(kindCases.map((c) => [c[0], c] as const))('%s with random weights', async (_name, [name, input, kind, params, branches]) => {
    const doc = { ...emptyDocument(name), graph: caseGraph(input, kind, params, branches).graph };
    const { model, onnx } = exported(doc, 11);
    expect(await largestError(model, onnx, 3)).toBeLessThan(1e-4);
    model.dispose();
  });

  it.each(['plain20-cifar', 'mini-googlenet'])('%s with random weights', async (id) => {
    const { model, onnx } = exported(templates.find((t) => t.id === id)!.build(), 7);
    expect(await largestError(model, onnx, 2)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('ZeroPadding2D before a MaxPool2D, whose zeros onnxruntime would fold into the pool\'s own padding', async () => {
    const g = new GraphBuilder();
    const x = g.add('Conv2D', { filters: 4, kernel: 1 }, g.add('Input', { height: 9, width: 8, channels: 2 }), 'conv');
    const a = g.chain(x, [['ZeroPadding2D', { padding: [1, 0, 2, 1] }, 'pad'], ['MaxPool2D', { size: 3, stride: 2 }, 'pool']]);
    const b = g.chain(x, [['ZeroPadding2D', { padding: 1 }, 'pad same'], ['MaxPool2D', { size: 2, stride: 2, padding: 'same' }, 'pool same']]);
    const c = g.chain(x, [['ZeroPadding2D', { padding: 1 }, 'pad avg'], ['AvgPool2D', { size: 2, stride: 2, padding: 'same' }, 'avg same']]);
    // Padding as wide as the window, which onnxruntime refuses in a pool's own pads.
    const d = g.chain(x, [['MaxPool2D', { size: 2, stride: 2, padding: 2 }, 'wide']]);
    g.chain(g.add('Concatenate', { inputs: 4 }, [a, b, c, d].map((v) => g.add('Flatten', {}, v))), [['Dense', { units: 3 }, 'out']]);
    const { model, onnx } = exported({ ...emptyDocument('pad then pool'), graph: g.graph }, 13);
    expect(await largestError(model, onnx, 8)).toBeLessThan(1e-4);
    model.dispose();
  });

  it('the corner cases (grouped, depthwise and dilated convolutions, wide and ceil-mode pools, blocks, a vector gate, two outputs) with random weights', async () => {
    const { model, onnx } = exported(cornerCases(), 5);
    expect(await largestError(model, onnx, 9)).toBeLessThan(1e-4);
    model.dispose();
  });
});

describe('ONNX export refuses', () => {
  it('a network with errors, naming them', () => {
    const doc = { ...emptyDocument('broken'), graph: caseGraph([4, 4, 3], 'Conv2D', { kernel: 5 }).graph };
    expect(() => toOnnx(doc, { weights: new Map(), from: 'none' })).toThrow(ExportError);
    expect(() => toOnnx(doc, { weights: new Map(), from: 'none' })).toThrow(/^The network has 1 error; fix it before exporting:\n- layer: /);
  });

  it("another network's weights, naming the layer", () => {
    const doc = templates.find((t) => t.id === 'lenet5')!.build();
    const other = templates.find((t) => t.id === 'mini-vgg')!.build();
    const model = compileDocument(other);
    expect(() => toOnnx(doc, { weights: weightsByNode(doc, model), from: 'mini-vgg' })).toThrow(/^C1: the weights have no kernel for this layer/);
    model.dispose();
  });
});
