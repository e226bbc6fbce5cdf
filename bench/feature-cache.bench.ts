/**
 * The feature cache's speed-up (node/engine/loop/feature-cache.ts): ResNet-18 at 224×224, frozen
 * before `fc` and adapted to 3 classes, trained head only on a generated image folder by the
 * engine's own loop (`train`, in this process, wasm), with the cache and without it, one run after
 * the other. The first epoch of the cached run computes the features; later epochs train on them.
 * Training time per epoch is read from the batch events' arrival (validation left out); the epoch
 * times the runs report include validation (the whole network on the validation images, alike).
 *
 * Figures are what each run reports; nothing passes or fails on time.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { TrainEvent } from '../shared/api';
import { adaptToClasses, freezeBefore } from '../shared/document/transfer';
import { buildTemplate } from '../shared/templates/index';
import { pickBackend } from '../node/engine/backend/choose';
import { RunControl } from '../node/engine/loop/control';
import { train } from '../node/engine/loop/train';

const PER_CLASS = 16;
const EPOCHS = 3;

/** `PER_CLASS` noisy 64×64 PNGs per class, one colour each (resized to 224 when read). */
async function folder(): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-bench-folder-'));
  for (const [k, name] of ['red', 'green', 'blue'].entries()) {
    mkdirSync(join(root, name));
    for (let i = 0; i < PER_CLASS; i++) {
      const pixels = Uint8Array.from({ length: 64 * 64 * 3 }, (_, p) => (p % 3 === k ? 150 : 40) + ((p * 7919 + i * 104729) % 80));
      writeFileSync(join(root, name, `${i}.png`), await sharp(pixels, { raw: { width: 64, height: 64, channels: 3 } }).png().toBuffer());
    }
  }
  return root;
}

const backend = await pickBackend('wasm');
const dataset = await folder();
const cacheDir = mkdtempSync(join(tmpdir(), 'netwright-bench-cache-'));
const doc = adaptToClasses(freezeBefore(buildTemplate('resnet18')!, 'fc'), 3).doc;

/** One run: each epoch's training seconds (from the batch events' arrival, validation left out) and whole seconds (as reported). */
async function run(featureCache: boolean, epochs = EPOCHS, limit?: number): Promise<{ train: number[]; whole: number[]; note?: string }> {
  const events: { e: TrainEvent; t: number }[] = [];
  const options = { dataset, epochs, batchSize: 16, ...(limit ? { limit } : {}) };
  await train(doc, options, (e) => events.push({ e, t: performance.now() }), new RunControl(), { backend, cacheDir, featureCache, batchEventsPerSecond: Infinity });
  const failed = events.find(({ e }) => e.type === 'error');
  if (failed) throw new Error((failed.e as { message: string }).message);
  const note = events.map(({ e }) => e).find((e): e is Extract<TrainEvent, { type: 'log' }> => e.type === 'log' && e.message.startsWith('Feature cache'))?.message;
  const training: number[] = [];
  let began = events.find(({ e }) => e.type === 'start')!.t;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const last = events.filter(({ e }) => e.type === 'batch' && e.epoch === epoch).at(-1)!.t;
    training.push((last - began) / 1000);
    began = events.find(({ e }) => e.type === 'evaluation' && e.epoch === epoch)!.t;
  }
  const whole = events.flatMap(({ e }) => (e.type === 'epoch' ? [e.seconds!] : []));
  return { train: training, whole, ...(note ? { note } : {}) };
}

console.log(`\n## Feature cache: ResNet-18 at 224, head only (${backend} backend)\n`);
console.log(`${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores · load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
console.log(`${3 * PER_CLASS} generated images in 3 classes (validation split ${doc.training.validationSplit}), batches of 16, ${EPOCHS} epochs, frozen before fc; a one-epoch warm-up run first\n`);
await run(false, 1, 16);
const cached = await run(true);
const whole = await run(false);
console.log(`${cached.note}\n`);
console.log('| epoch | training, cached (s) | training, whole network (s) | speed-up | epoch with validation, cached (s) | …whole network (s) |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (let i = 0; i < EPOCHS; i++) {
  console.log(`| ${i + 1} | ${cached.train[i]!.toFixed(2)} | ${whole.train[i]!.toFixed(2)} | ${(whole.train[i]! / cached.train[i]!).toFixed(1)}× | ${cached.whole[i]!.toFixed(2)} | ${whole.whole[i]!.toFixed(2)} |`);
}
const later = (x: number[]) => x.slice(1).reduce((a, b) => a + b, 0) / (x.length - 1);
console.log(`\nTraining in later epochs, mean: ${later(cached.train).toFixed(2)} s on cached features against ${later(whole.train).toFixed(2)} s through the whole network (${(later(whole.train) / later(cached.train)).toFixed(0)}×); the cached run's first epoch, which computes the features, ${cached.train[0]!.toFixed(2)} s.`);
