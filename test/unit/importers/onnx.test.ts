/**
 * ONNX import. Broken files made here with the exporter's own encoder (truncated, malformed, a
 * tensor whose data disagrees with its shape, one claiming 2 GB, a cycle, unsupported operators)
 * each give one clear line, and through `netwright import` (dist/node/cli.js: `node
 * scripts/build.mjs` first) exit 1 with no stack trace. Files written by a tool nobody here
 * wrote: Debian's PyTorch exports torchvision's resnet18, vgg16, densenet121 and alexnet with
 * torch.onnx.export (test/python/onnx_export_reference.py); each imports with torchvision's
 * parameter count, and the document with its imported weights on the wasm engine gives
 * onnxruntime's logits on the same file within 1e-4 relative.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { pickBackend } from '../../../node/engine/backend/choose';
import { compileWithStateDict } from '../../../node/engine/model/weights';
import { FLOAT, INT64, type Node, type Tensor } from '../../../shared/codegen/onnx/proto';
import { importOnnx, OnnxImportError, parameterCount } from '../../../shared/importers/onnx/import';
import { relativeError, values } from '../engine/compare';
import { onnxFile } from './onnxFiles';
import { describeWhen } from '../../skip';

const root = join(__dirname, '..', '..', '..');
const cli = join(root, 'dist', 'node', 'cli.js');
const PYTHON = process.env.NETWRIGHT_PYTHON ?? '/usr/bin/python3';
const has = (modules: string) => spawnSync(PYTHON, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0;
/** What the export needs, and the reason to skip it where a part is missing. */
const missing = !has('torch') ? 'torch' : !has('torchvision') ? 'torchvision' : !has('onnx') ? 'onnx' : undefined;

const floats = (name: string, dims: number[], fill = 0.1): Tensor => ({ name, dims, dataType: FLOAT, raw: new Uint8Array(Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, (_, i) => fill * ((i % 7) - 3)).buffer) });
const node = (opType: string, name: string, inputs: string[], outputs: string[]): Node => ({ opType, name, inputs, outputs, attributes: {} });


/** A small valid network (Conv, Relu, Flatten, Gemm on 1×3×4×4), with `change` applied to its parts. */
function model(change: (nodes: Node[], tensors: Tensor[]) => void = () => {}): Uint8Array {
  const nodes = [
    { ...node('Conv', 'conv', ['x', 'conv.weight', 'conv.bias'], ['c']), attributes: { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] } } },
    node('Relu', 'relu', ['c'], ['r']),
    { ...node('Flatten', 'flatten', ['r'], ['f']), attributes: { axis: { i: 1 } } },
    { ...node('Gemm', 'fc', ['f', 'fc.weight', 'fc.bias'], ['y']), attributes: { transB: { i: 1 } } },
  ];
  const tensors = [floats('conv.weight', [2, 3, 3, 3]), floats('conv.bias', [2]), floats('fc.weight', [5, 32]), floats('fc.bias', [5])];
  change(nodes, tensors);
  return onnxFile(nodes, tensors, [1, 3, 4, 4], [1, 5]);
}

const refusal = (bytes: Uint8Array) => {
  try {
    importOnnx(bytes, 'broken.onnx');
  } catch (e) {
    return (e as Error).message;
  }
  return 'imported';
};

/** The broken files and the message each gives. */
const BROKEN: [string, Uint8Array, string][] = [
  ['malformed', Uint8Array.of(0x0a, 0x03, 0x41, 0x42, 0x43, 0x0f, 0xff, 0xff), 'Not a valid ONNX file: truncated or malformed protobuf (a field at byte 1 has wire type 2, not 0)'],
  ['truncated', model().subarray(0, 400), 'Not a valid ONNX file: truncated or malformed protobuf (a field at byte 11 claims 1223 bytes, past the end of the file (400 bytes))'],
  ['size mismatch', model((_, t) => (t[0] = { ...t[0]!, dims: [2, 3, 3, 4] })), 'tensor "conv.weight" has 54 values, but its shape (2 × 3 × 3 × 4) needs 72'],
  ['2 GB claim', model((_, t) => (t[2] = { ...t[2]!, dims: [1024, 1024, 512] })), 'tensor "fc.weight" claims 1024 × 1024 × 512 elements (2.0 GiB), more than Netwright reads (1 GiB)'],
  ['cycle', model((n) => (n[1] = node('Relu', 'relu', ['f'], ['r']))), 'The graph has a cycle: nodes "relu", "flatten", "fc" feed each other'],
  [
    'unsupported',
    model((n, t) => {
      n.splice(2, 0, node('Erf', 'erf1', ['r'], ['e1']), node('HardSwish', 'hs', ['e1'], ['e2']), node('Erf', 'erf2', ['e2'], ['e3']));
      n[5] = { ...n[5]!, inputs: ['e3'] };
      t.push({ name: 'unused', dims: [1], dataType: INT64, raw: new Uint8Array(8) });
    }),
    '2 problems stop the import:\n  Erf is not supported (nodes "erf1", "erf2")\n  HardSwish is not supported (node "hs")',
  ],
];

describe('ONNX import of broken files', () => {
  it('imports the valid network the broken ones start from', () => {
    const { doc, weights } = importOnnx(model(), 'small.onnx');
    expect(doc.graph.nodes.map((n) => n.kind)).toEqual(['Input', 'Conv2D', 'Activation', 'Flatten', 'Dense']);
    expect(parameterCount(weights)).toBe(2 * 27 + 2 + 5 * 32 + 5);
  });

  // Unsupported operators: one line each, naming their nodes, after a count.
  it.each(BROKEN)('%s: one line', (_, bytes, message) => {
    expect(refusal(bytes)).toBe(message);
  });

  it('exits 1 from the command, one line each (one per operator), no stack trace', async () => {
    if (!existsSync(cli)) throw new Error('dist/node/cli.js is missing: run `node scripts/build.mjs` first.');
    const dir = mkdtempSync(join(tmpdir(), 'netwright-onnx-broken-'));
    try {
      for (const [name, bytes, message] of BROKEN) {
        const file = join(dir, `${name.replace(/ /g, '-')}.onnx`);
        writeFileSync(file, bytes);
        const r = await promisify(execFile)(process.execPath, [cli, 'import', file, '-o', join(dir, 'out.json')]).then(
          () => ({ code: 0, err: '' }),
          (e: { code: number; stderr: string }) => ({ code: e.code, err: e.stderr }),
        );
        expect(r.code, name).toBe(1);
        expect(r.err, name).not.toMatch(/\n\s+at /);
        const lines = name === 'unsupported' ? 3 : 1;
        expect(r.err.trimEnd().split('\n'), name).toHaveLength(lines);
        expect(r.err, name).toContain(message.split('\n')[0]);
      }
      expect(existsSync(join(dir, 'out.json'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Float32 values from `seed` in [−1, 1), or in [0.5, 1.5) for a variance. */
const seeded = (name: string, dims: number[], seed: number, positive = false): Tensor => {
  const v = values(dims.reduce((a, b) => a * b, 1), seed).map((x) => (positive ? Math.abs(x) + 0.5 : x));
  return { name, dims, dataType: FLOAT, raw: new Uint8Array(v.buffer) };
};
const int64s = (name: string, dims: number[], v: number[]): Tensor => ({ name, dims, dataType: INT64, raw: new Uint8Array(BigInt64Array.from(v.map(BigInt)).buffer) });

/**
 * Every other operator on 1×4×8×8: Pad, a grouped dilated Conv, BatchNormalization, Clip (ReLU6),
 * a padded MaxPool, LRN, Sigmoid × Tanh, Concat, AveragePool, the Shape → Gather → Unsqueeze →
 * Concat → Reshape chain, MatMul + Add, Dropout and Softmax.
 */
function everyOperator(): Uint8Array {
  const n = (opType: string, inputs: string[], output: string, attributes: Node['attributes'] = {}): Node => ({ opType, name: output, inputs, outputs: [output], attributes });
  const nodes = [
    n('Pad', ['x', 'pads'], 'pad'),
    n('Conv', ['pad', 'conv.weight', 'conv.bias'], 'conv', { group: { i: 2 }, dilations: { ints: [2, 2] }, kernel_shape: { ints: [3, 3] } }),
    n('BatchNormalization', ['conv', 'bn.weight', 'bn.bias', 'bn.mean', 'bn.var'], 'bn', { epsilon: { f: 1e-3 } }),
    n('Clip', ['bn', 'zero', 'six'], 'relu6'),
    n('MaxPool', ['relu6'], 'maxpool', { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] } }),
    n('LRN', ['maxpool'], 'lrn', { size: { i: 3 }, alpha: { f: 0.01 }, beta: { f: 0.75 }, bias: { f: 1 } }),
    n('Sigmoid', ['lrn'], 'sigmoid'),
    n('Tanh', ['lrn'], 'tanh'),
    n('Mul', ['sigmoid', 'tanh'], 'mul'),
    n('Concat', ['mul', 'lrn'], 'concat', { axis: { i: 1 } }),
    n('AveragePool', ['concat'], 'avgpool', { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }),
    n('Shape', ['avgpool'], 'shape'),
    n('Gather', ['shape', 'first'], 'batch', { axis: { i: 0 } }),
    n('Unsqueeze', ['batch', 'axes'], 'batch1'),
    n('Concat', ['batch1', 'rest'], 'target', { axis: { i: 0 } }),
    n('Reshape', ['avgpool', 'target'], 'flat'),
    n('MatMul', ['flat', 'fc.weight'], 'matmul'),
    n('Add', ['matmul', 'fc.bias'], 'fc'),
    n('Dropout', ['fc'], 'dropout'),
    n('Softmax', ['dropout'], 'y', { axis: { i: 1 } }),
  ];
  const tensors = [
    int64s('pads', [8], [0, 0, 1, 1, 0, 0, 1, 1]),
    seeded('conv.weight', [8, 2, 3, 3], 1),
    seeded('conv.bias', [8], 2),
    ...['weight', 'bias', 'mean'].map((k, i) => seeded(`bn.${k}`, [8], 3 + i)),
    seeded('bn.var', [8], 6, true),
    { name: 'zero', dims: [], dataType: FLOAT, raw: new Uint8Array(Float32Array.of(0).buffer) } as Tensor,
    { name: 'six', dims: [], dataType: FLOAT, raw: new Uint8Array(Float32Array.of(6).buffer) } as Tensor,
    int64s('first', [], [0]),
    int64s('axes', [1], [0]),
    int64s('rest', [1], [-1]),
    seeded('fc.weight', [144, 10], 7),
    seeded('fc.bias', [10], 8),
  ];
  return onnxFile(nodes, tensors, [1, 4, 8, 8], [1, 10]);
}

describe('ONNX import of each operator', () => {
  it('gives onnxruntime\'s output on a network of all of them', async () => {
    const bytes = everyOperator();
    const { doc, weights } = importOnnx(bytes, 'every.onnx');
    expect(doc.graph.nodes.map((x) => x.kind)).toEqual(['Input', 'ZeroPadding2D', 'Conv2D', 'BatchNorm', 'Activation', 'MaxPool2D', 'LRN', 'Activation', 'Activation', 'Multiply', 'Concatenate', 'AvgPool2D', 'Flatten', 'Dense', 'Dropout', 'Activation']);
    await pickBackend('wasm');
    const { model } = compileWithStateDict(doc, weights);
    const session = await ort.InferenceSession.create(bytes);
    try {
      const nhwc = tf.tensor(values(8 * 8 * 4, 11), [1, 8, 8, 4]);
      const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
      const got = (model.predict(nhwc) as tf.Tensor).dataSync() as Float32Array;
      const ref = await session.run({ x: new ort.Tensor('float32', nchw.dataSync() as Float32Array, [1, 4, 8, 8]) });
      tf.dispose([nhwc, nchw]);
      expect(relativeError(got, ref.y!.data as Float32Array)).toBeLessThan(1e-5);
    } finally {
      model.dispose();
      await session.release();
    }
  });
});

describe('ONNX import of damaged files', () => {
  // Bytes changed and files cut at places spread over the file (fixed, not random): each
  // imports or is refused with an OnnxImportError, never another exception.
  it('imports or refuses each of 4,000 damaged copies of a network', () => {
    const base = everyOperator();
    const outcomes = { imported: 0, refused: 0 };
    for (let i = 0; i < 4000; i++) {
      const b = Uint8Array.from(base);
      b[(i * 7919) % b.length] = (i * 31 + (i >> 8)) % 256;
      if (i % 3 === 0) b[(i * 104729) % b.length] = (i * 17) % 256;
      const bytes = i % 5 === 0 ? b.subarray(0, (i * 65537) % b.length) : b;
      try {
        importOnnx(bytes, 'damaged.onnx');
        outcomes.imported++;
      } catch (e) {
        if (!(e instanceof OnnxImportError)) throw new Error(`copy ${i}: ${(e as Error).stack}`);
        outcomes.refused++;
      }
    }
    expect(outcomes.imported).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  });

  it('names an operator whose name is not printable as a quoted string', () => {
    const bytes = model((n) => (n[1] = { ...n[1]!, opType: 'Re\u0001u' }));
    expect(refusal(bytes)).toBe('"Re\\u0001u" is not supported (node "relu")');
  });
});

/** The models, in the order the script exports them. */
const MODELS = ['resnet18', 'vgg16', 'densenet121', 'alexnet'] as const;

describeWhen(!missing, missing ?? 'onnx')('ONNX files torch.onnx.export wrote', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netwright-onnx-import-'));
  const errors: Record<string, number> = {};
  const timings: Record<string, number> = {};
  let counts: Map<string, number> | undefined;
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`ONNX import: max relative error ${JSON.stringify(errors)}; import + compare ms ${JSON.stringify(timings)}`);
  });

  /** Each model's parameter count by torchvision, exported once for the file. */
  const exported = () => {
    if (counts) return counts;
    const r = spawnSync(PYTHON, [join(root, 'test', 'python', 'onnx_export_reference.py'), dir, ...MODELS], { encoding: 'utf8', timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    counts = new Map(r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { model: string; params: number }).map((j) => [j.model, j.params]));
    return counts;
  };

  it.each(MODELS)('%s: torchvision\'s parameter count and onnxruntime\'s logits', async (name) => {
    const want = exported().get(name);
    const start = performance.now();
    const file = join(dir, `${name}.onnx`);
    const bytes = new Uint8Array(readFileSync(file));
    const { doc, weights } = importOnnx(bytes, `${name}.onnx`);
    expect(parameterCount(weights)).toBe(want);

    await pickBackend('wasm');
    const { model } = compileWithStateDict(doc, weights);
    const session = await ort.InferenceSession.create(file);
    try {
      const nhwc = tf.tensor(values(224 * 224 * 3, 7), [1, 224, 224, 3]);
      const nchw = tf.transpose(nhwc, [0, 3, 1, 2]);
      const got = (model.predict(nhwc) as tf.Tensor).dataSync() as Float32Array;
      const ref = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', nchw.dataSync() as Float32Array, [1, 3, 224, 224]) });
      tf.dispose([nhwc, nchw]);
      errors[name] = relativeError(got, ref[session.outputNames[0]!]!.data as Float32Array);
      expect(errors[name]).toBeLessThan(1e-4);
    } finally {
      model.dispose();
      await session.release();
    }
    timings[name] = Math.round(performance.now() - start);
  }, 600_000);
});
