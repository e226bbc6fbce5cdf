/**
 * The API's `import.onnx` through the service and a trainer process: an ONNX file (written here
 * with the exporter's own encoder) becomes a document, its weights kept in the data folder under
 * the file's hash; `predict` with `{ imported: id }` gives the answer the same weights give sent
 * as bytes, and `train.start` starts a run from them. A file with an unsupported operator is
 * refused with the CLI's line and nothing is kept; an unknown id is one line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplyOf, TrainEvent } from '../../../shared/api';
import { FLOAT, type Node, type Tensor } from '../../../shared/codegen/onnx/proto';
import { onnxFile } from '../importers/onnxFiles';
import { serviceWithTrainer } from './serviceRun';

const s = serviceWithTrainer('import-onnx-api');
afterAll(() => s.cleanup());

const floats = (name: string, dims: number[], seed: number): Tensor => ({
  name,
  dims,
  dataType: FLOAT,
  raw: new Uint8Array(Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(seed * 7.3 + i * 0.37) * 0.2).buffer),
});
const onnx = (nodes: Node[], initializers: Tensor[], output: number[]) => Buffer.from(onnxFile(nodes, initializers, [1, 3, 16, 16], output)).toString('base64');

/** Conv 3→4 (3×3, padded), ReLU, Flatten, Gemm to 7 classes on 16×16 colour images. */
const tiny = onnx(
  [
    { opType: 'Conv', name: 'conv', inputs: ['x', 'conv.weight', 'conv.bias'], outputs: ['c'], attributes: { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] } } },
    { opType: 'Relu', name: 'relu', inputs: ['c'], outputs: ['r'], attributes: {} },
    { opType: 'Flatten', name: 'flatten', inputs: ['r'], outputs: ['f'], attributes: { axis: { i: 1 } } },
    { opType: 'Gemm', name: 'fc', inputs: ['f', 'fc.weight', 'fc.bias'], outputs: ['y'], attributes: { transB: { i: 1 } } },
  ],
  [floats('conv.weight', [4, 3, 3, 3], 1), floats('conv.bias', [4], 2), floats('fc.weight', [7, 1024], 3), floats('fc.bias', [7], 4)],
  [1, 7],
);
const erf = onnx([{ opType: 'Erf', name: 'erf1', inputs: ['x'], outputs: ['y'], attributes: {} }], [], [1, 3, 16, 16]);

type Imported = ReplyOf<'import.onnx'>;
let imported: Imported;
let photo: string;

beforeAll(async () => {
  await s.buildTrainer();
  imported = await s.call<Imported>('import.onnx', { name: 'tiny.onnx', base64: tiny });
  const pixels = Buffer.from(Array.from({ length: 40 * 24 * 3 }, (_, i) => (i * 37) % 256));
  photo = (await sharp(pixels, { raw: { width: 40, height: 24, channels: 3 } }).png().toBuffer()).toString('base64');
}, 120_000);

describe('import.onnx', () => {
  it('gives the document and keeps its weights in the data folder under the file hash', async () => {
    expect(imported.doc.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Conv2D', 'Activation', 'Flatten', 'Dense']);
    expect(imported.weights).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/), name: 'tiny.safetensors', tensors: 4, parameters: 4 * 27 + 4 + 7 * 1024 + 7 });
    const dir = join(s.dataDir, 'imported', imported.weights.id);
    expect(readdirSync(dir).sort()).toEqual(['tiny.netwright.json', 'tiny.safetensors']);
    expect(readFileSync(join(dir, 'tiny.safetensors')).length).toBe(imported.weights.bytes);
    // The same file again: the same folder.
    expect((await s.call<Imported>('import.onnx', { name: 'tiny.onnx', base64: tiny })).weights.id).toBe(imported.weights.id);
  });

  it('predicts with the kept weights as with the same weights sent as bytes', async () => {
    const { doc, weights } = imported;
    const kept = await s.call<ReplyOf<'predict'>>('predict', { doc, weights: { imported: weights.id }, image: { base64: photo }, top: 3 });
    const file = readFileSync(join(s.dataDir, 'imported', weights.id, weights.name)).toString('base64');
    const sent = await s.call<ReplyOf<'predict'>>('predict', { doc, weights: { name: weights.name, base64: file }, image: { base64: photo }, top: 3 });
    expect(kept.top).toHaveLength(3);
    expect(kept.top).toEqual(sent.top);
  }, 120_000);

  it('starts a run from them', async () => {
    const { runId } = await s.call<{ runId: string }>('train.start', { doc: imported.doc, options: { dataset: 'synthetic:16:7:3', epochs: 1, limit: 16 }, weights: { imported: imported.weights.id } });
    const mine = () => s.events.filter((e) => e.runId === runId).map((e) => e.event as TrainEvent);
    while (!mine().some((e) => ['done', 'stopped', 'error'].includes(e.type))) await new Promise((r) => setTimeout(r, 50));
    expect(mine().at(-1)!.type).toBe('done');
    expect(mine()).toContainEqual({ type: 'log', message: 'Started from tiny.safetensors: 2 layers loaded.' });
  }, 120_000);

  it("refuses an unsupported operator with the CLI's line, keeping nothing; an unknown id is one line", async () => {
    const before = readdirSync(join(s.dataDir, 'imported'));
    await expect(s.call('import.onnx', { name: 'gelu.onnx', base64: erf })).rejects.toThrow(/^gelu\.onnx: Erf is not supported \(node "erf1"\)$/);
    expect(readdirSync(join(s.dataDir, 'imported'))).toEqual(before);
    const gone = '0123456789abcdef';
    await expect(s.call('predict', { doc: imported.doc, weights: { imported: gone }, image: { base64: photo } })).rejects.toThrow(`The imported model's weights are no longer in ${join(s.dataDir, 'imported', gone)}: import the .onnx file again.`);
    expect(existsSync(join(s.dataDir, 'imported', gone))).toBe(false);
  });
});
