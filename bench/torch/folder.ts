/**
 * The folder the torch benchmarks run in, here (`npm run bench torch`) and on the GPU machine
 * (scripts/device-check.mjs): per benchmarked template, the torch engine's train.py and the
 * dataset exactly as the engine exports it, the hand-written models (bench/torch/*.py), and
 * bench.json with both command lines for bench/torch/compare.py.
 *
 * The documents are the templates with augmentation and learning-rate schedule switched off,
 * so that train.py and the hand-written models do the same work per batch (plain SGD with
 * momentum, pixels / 255) and the comparison measures the engine alone.
 */
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toPyTorchTrainingScript } from '../../shared/codegen/pytorch-train';
import type { NetwrightDocument } from '../../shared/graph/schema';
import { buildTemplate } from '../../shared/templates/index';
import { prepareRunData, scriptArgs } from '../../node/engine/torch/process';
import { appRoot } from '../../node/paths';

/** The hand-written counterpart of each benchmarked template, in bench/torch/. */
export const BENCH_MODELS = { lenet5: 'lenet5.py', 'resnet20-cifar': 'resnet20.py' } as const;
export type BenchModel = keyof typeof BENCH_MODELS;

export function benchDocument(id: BenchModel): NetwrightDocument {
  const doc = buildTemplate(id)!;
  doc.training = { ...doc.training, dataset: 'mnist', optimizer: 'sgd', momentum: 0.9, learningRate: 0.05, weightDecay: 0, schedule: { kind: 'none' }, augmentation: { flip: false, crop: 0 }, normalization: 'scale', batchSize: 32 };
  return doc;
}

/** How long each run is: epochs, and the first `limit` training samples. */
export interface BenchCase {
  epochs: number;
  limit?: number;
}

/** Write the folder: `await writeBenchFolder(dir, { lenet5: { epochs: 2 } })`; paths in bench.json are relative to it. */
export async function writeBenchFolder(dir: string, cases: Partial<Record<BenchModel, BenchCase>>): Promise<void> {
  for (const sub of ['train', 'data', 'bench']) mkdirSync(join(dir, sub), { recursive: true });
  const source = join(appRoot, 'bench', 'torch');
  for (const f of readdirSync(source).filter((f) => f.endsWith('.py'))) copyFileSync(join(source, f), join(dir, 'bench', f));
  const bench: Record<string, { engine: string[]; hand: string[] }> = {};
  for (const [id, c] of Object.entries(cases) as [BenchModel, BenchCase][]) {
    const doc = benchDocument(id);
    const data = join('data', id);
    mkdirSync(join(dir, data), { recursive: true });
    await prepareRunData(doc, c.limit ? { limit: c.limit } : {}, join(dir, data));
    const script = join('train', `${id}-bench.py`);
    writeFileSync(join(dir, script), toPyTorchTrainingScript(doc));
    const t = doc.training;
    // The torch engine's own command line, with the script's place in this folder.
    const engine = [script, ...scriptArgs(doc, { epochs: c.epochs }, data).slice(1)];
    const hand = [join('bench', BENCH_MODELS[id]), '--data', data, '--epochs', String(c.epochs), '--batch-size', String(t.batchSize), '--lr', String(t.learningRate), '--seed', String(t.seed)];
    bench[id] = { engine, hand };
  }
  writeFileSync(join(dir, 'bench.json'), `{\n${Object.entries(bench).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(',\n')}\n}\n`);
}
