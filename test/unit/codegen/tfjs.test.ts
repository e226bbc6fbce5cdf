/**
 * The TensorFlow.js generator: every template's TypeScript typechecks (strict, against
 * @tensorflow/tfjs's own types), bundles with esbuild and builds, on the cpu backend, a model
 * with the shape engine's parameters (trainable and BatchNorm statistics) and output shapes.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planGraph } from '../../../shared/codegen/plan';
import { toTfjs } from '../../../shared/codegen/tfjs';
import { tfjsEmitters } from '../../../shared/codegen/tfjs-layers';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { layerKinds } from '../../../shared/layers/registry';
import { buildTemplate, templates } from '../../../shared/templates/index';
import { cornerCases } from './fixtures';

const root = join(__dirname, '..', '..', '..');
const docs: [string, NetwrightDocument][] = [...templates.map((t) => [t.id, t.build()] as [string, NetwrightDocument]), ['corner-cases', cornerCases()]];
/** Run on zeros as well as built: small nets, and the custom layers (LRN, channel slices). */
const PREDICT = ['lenet5', 'mini-googlenet', 'resnet20-cifar', 'corner-cases'];
/** Saved as JSON and loaded again: the custom layers are registered for serialisation. */
const ROUND_TRIP = ['alexnet', 'corner-cases'];

const module = (id: string) => id.replace(/-/g, '_');

/** Builds every model in a fresh Node, where random weight filling is skipped (values are not counted). */
const RUNNER = `import * as tf from '@tensorflow/tfjs';
${docs.map(([id], i) => `import { buildModel as m${i} } from './${module(id)}';`).join('\n')}

const models: [string, () => tf.LayersModel][] = [${docs.map(([id], i) => `['${id}', m${i}]`).join(', ')}];
const predict = new Set(${JSON.stringify(PREDICT)});
const roundTrip = new Set(${JSON.stringify(ROUND_TRIP)});
await tf.setBackend('cpu');
// Filling VGG's 138M weights with random numbers takes a minute on the cpu backend; zeros count the same.
const varianceScaling = Object.getPrototypeOf(Object.getPrototypeOf(tf.initializers.glorotUniform({})));
const random = varianceScaling.apply;
for (const [id, buildModel] of models) {
  try {
    varianceScaling.apply = predict.has(id) ? random : (shape: number[], dtype: tf.DataType) => tf.zeros(shape, dtype);
    const model = buildModel();
    const result: Record<string, unknown> = { id, params: model.countParams(), outputs: model.outputs.map((o) => o.shape) };
    if (predict.has(id)) {
      const y = model.predict(tf.zeros([2, ...(model.inputs[0]!.shape.slice(1) as number[])]));
      result.predicted = (Array.isArray(y) ? y : [y]).map((t) => t.shape);
      tf.dispose(y);
    }
    if (roundTrip.has(id)) {
      const again = await tf.models.modelFromJSON({ modelTopology: model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'] });
      result.reloaded = again.countParams();
      again.dispose();
    }
    model.dispose();
    console.log(JSON.stringify(result));
  } catch (e) {
    console.log(JSON.stringify({ id, error: String((e as Error).stack ?? e) }));
  }
}
`;

function run(command: string, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('TensorFlow.js code', () => {
  it('exports buildModel and a typed function per block', () => {
    const code = toTfjs(buildTemplate('mini-googlenet')!);
    expect(code).toContain("import * as tf from '@tensorflow/tfjs';");
    expect(code).toContain('export interface InceptionParams {\n  n1x1?: number;');
    expect(code).toContain('  { n1x1 = 64, n3x3red = 96, n3x3 = 128, n5x5red = 16, n5x5 = 32, poolProj = 32 }: InceptionParams = {},\n  name?: string,\n): tf.SymbolicTensor {');
    expect(code).toContain("  branch2 = apply(tf.layers.conv2d({ filters: n3x3, kernelSize: 3, padding: 'same', activation: 'relu', name: scoped(name, 'conv_3x3') }), branch2);");
    expect(code).toContain("  x = inception(x, { n1x1: 16, n3x3red: 16, n3x3: 24, n5x5red: 4, n5x5: 8, poolProj: 8 }, 'inception_a');");
    expect(code).toContain('export function buildModel(): tf.LayersModel {');
    expect(code).not.toContain('class LocalResponseNorm');
  });

  it('writes the layers tfjs lacks into the file, registered for serialisation', () => {
    const code = toTfjs(buildTemplate('alexnet')!);
    expect(code).toContain("class LocalResponseNorm extends tf.layers.Layer {\n  static className = 'NetwrightLRN';");
    expect(code).toContain('tf.serialization.registerClass(ChannelSlice);');
    expect(code).toContain("  x = groupedConv2d(x, 2, 256, { kernelSize: 5, padding: 'same', activation: 'relu', name: 'conv2' });");
    // A Reshape's -1 is resolved from the input inside a block, where sizes differ per instance.
    expect(toTfjs(buildTemplate('se-resnet50')!)).toContain("targetShape: reshapeTarget(gate, [1, 1, -1])");
  });

  it('writes a depthwise convolution as tfjs\'s, and bilinear upsampling as the engine\'s layer', () => {
    const code = toTfjs(cornerCases());
    expect(code).toContain("tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same', useBias: false, name: 'depthwise' })");
    expect(code).toContain("tf.layers.activation({ activation: 'relu6', name: 'relu6' })");
    expect(code).toContain("new UpSampling({ size: [2, 2], interpolation: 'bilinear', name: 'up' })");
    expect(code).toContain("tf.layers.upSampling2d({ size: [2, 3], name: 'up_nearest' })");
    expect(code).toContain('tf.serialization.registerClass(UpSampling);');
  });

  it('is deterministic, has no trailing spaces and has a row for every layer kind', () => {
    for (const [, doc] of docs) {
      const code = toTfjs(doc);
      expect(toTfjs(doc)).toBe(code);
      expect(code).not.toMatch(/[ \t]$/m);
    }
    expect(Object.keys(tfjsEmitters).sort()).toEqual([...layerKinds].sort());
  });
});

describe('TensorFlow.js code compiles and builds', () => {
  const dir = mkdtempSync(join(root, 'node_modules', '.netwright-codegen-'));
  let typecheck = { code: 0 as number | null, out: '' };
  let built: Record<string, { error?: string; params: number; outputs: (number | null)[][]; predicted?: number[][]; reloaded?: number }> = {};
  let log = '';

  beforeAll(async () => {
    for (const [id, doc] of docs) writeFileSync(join(dir, `${module(id)}.ts`), toTfjs(doc));
    writeFileSync(join(dir, 'run.ts'), RUNNER);
    const compilerOptions = { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noUncheckedIndexedAccess: true, noImplicitOverride: true, skipLibCheck: true, noEmit: true, lib: ['ES2023', 'DOM'], types: [] };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.ts'] }));
    const [checked] = await Promise.all([
      run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')]),
      build({ entryPoints: [join(dir, 'run.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: join(dir, 'run.mjs'), logLevel: 'silent' }),
    ]);
    typecheck = checked;
    const ran = await run(process.execPath, [join(dir, 'run.mjs')]);
    log = ran.out;
    for (const line of ran.out.split('\n').filter((l) => l.startsWith('{'))) {
      const result = JSON.parse(line);
      built[result.id] = result;
    }
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('typechecks under strict TypeScript against @tensorflow/tfjs', () => {
    expect(typecheck.out).toBe('');
    expect(typecheck.code).toBe(0);
  });

  it.each(docs.map(([id, doc]) => [id, doc] as const))("%s: countParams() is the shape engine's parameters, output shapes its shapes", (id, doc) => {
    const result = built[id];
    expect(result, log).toBeDefined();
    expect(result!.error).toBeUndefined();
    const inf = inferGraph(doc.graph, doc.blocks);
    expect(result!.params).toBe(inf.totals.params + inf.totals.nonTrainable);
    const shapes = planGraph(doc.graph).outputs.map((o) => inf.nodes[o]!.shape!);
    expect(result!.outputs).toEqual(shapes.map((s) => [null, ...s]));
    if (PREDICT.includes(id)) expect(result!.predicted).toEqual(shapes.map((s) => [2, ...s]));
    if (ROUND_TRIP.includes(id)) expect(result!.reloaded).toBe(result!.params);
  });
});
