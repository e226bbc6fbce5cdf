/**
 * What sampling the nodes' health costs a training run (shared/health.ts, node/engine/loop/health.ts),
 * on the wasm backend, two ways:
 *
 * 1. Per step: LeNet-5 and ResNet-20 (every Conv2D, BatchNorm and Dense watched, ReLUs checked for
 *    dead units) stepping on one fixed batch, plain and sampled, interleaved round after round;
 *    the extra time of a sampled step, and what that adds to whole runs given which of their
 *    batches are sampled (1, 2, 4, … 64, then every 64th).
 * 2. End to end: LeNet-5 trained by the engine's own loop (`train`, in this process) for three
 *    epochs of synthetic digits in batches of 32, with health off and on, interleaved; the
 *    training speed the run reports (validation left out). On a loaded machine the noise of this
 *    one is larger than the effect; the per-step measure is the one to read.
 *
 * Figures are medians; nothing passes or fails on time.
 */
import { cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import type { TrainEvent } from '../shared/api';
import { HEALTH_EVERY, isHealthStep } from '../shared/health';
import { buildTemplate } from '../shared/templates/index';
import { pickBackend } from '../node/engine/backend/choose';
import { compileDocument } from '../node/engine/model/compile';
import { RunControl } from '../node/engine/loop/control';
import { HealthSampler } from '../node/engine/loop/health';
import { makeOptimizer } from '../node/engine/loop/optimizer';
import { crossEntropyOnProbabilities, trainStep, trainableVariables } from '../node/engine/loop/step';
import { train } from '../node/engine/loop/train';
import { median } from './measure';
import { randomBatch } from './trainRate';

const backend = await pickBackend('wasm');
console.log(`\n## Cost of sampling the nodes' health (${backend} backend, 1 thread)\n`);
console.log(`${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length} cores · load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);

/** How many of a run's `steps` batches are sampled. */
const sampledOf = (steps: number) => Array.from({ length: steps }, (_, i) => i + 1).filter((s) => isHealthStep(s)).length;

const cases = [
  { id: 'lenet5', title: 'LeNet-5', shape: [28, 28, 1], steps: 10, rounds: 9, run: { name: 'MNIST, 3 epochs of 8,000 in batches of 32', steps: 750 } },
  { id: 'resnet20-cifar', title: 'ResNet-20', shape: [32, 32, 3], steps: 2, rounds: 9, run: { name: 'CIFAR-10, 1 epoch of 50,000 in batches of 32', steps: 1563 } },
];

console.log(`Per step (one fixed batch of 32; interleaved rounds; sampled every ${HEALTH_EVERY} after 1, 2, 4, …):\n`);
console.log('| net | watched nodes | plain step (median) | sampled step (median) | extra per sampled step | run | sampled batches | cost of the run |');
console.log('|---|---:|---:|---:|---:|---|---:|---:|');
for (const c of cases) {
  const doc = buildTemplate(c.id)!;
  const model = compileDocument(doc);
  const weights = trainableVariables(model);
  const optimizer = makeOptimizer({ optimizer: 'sgd', learningRate: 0.01, momentum: 0.9 });
  const sampler = new HealthSampler(doc, model, weights);
  const data = randomBatch(32, c.shape, 10);
  const step = (sampled: boolean) => {
    const probe = sampled ? sampler.probe() : undefined;
    trainStep(model, optimizer, crossEntropyOnProbabilities, data.xs, data.ys, weights, undefined, probe);
    return probe?.finish().length ?? 0;
  };
  const timed = (sampled: boolean) => {
    const t0 = performance.now();
    for (let i = 0; i < c.steps; i++) step(sampled);
    return (performance.now() - t0) / c.steps;
  };
  for (let i = 0; i < 3; i++) (step(false), step(true));
  const plain: number[] = [];
  const sampled: number[] = [];
  for (let r = 0; r < c.rounds; r++) {
    if (r % 2) (plain.push(timed(false)), sampled.push(timed(true)));
    else (sampled.push(timed(true)), plain.push(timed(false)));
  }
  const [p, s] = [median(plain), median(sampled)];
  const n = sampledOf(c.run.steps);
  const cost = (n * (s - p)) / (c.run.steps * p);
  console.log(`| ${c.title} | ${step(true)} | ${p.toFixed(1)} ms | ${s.toFixed(1)} ms | ${(s - p).toFixed(1)} ms (${(((s - p) / p) * 100).toFixed(0)} %) | ${c.run.name} | ${n} of ${c.run.steps} | ${(cost * 100).toFixed(2)} % |`);
  model.dispose();
  optimizer.dispose();
  tf.dispose([data.xs, data.ys]);
}

/** Samples per second of three LeNet-5 epochs, with health sampled every `every` batches (0: never). */
async function speed(every: number): Promise<{ speed: number; health: number; batches: number }> {
  let speed = 0;
  let health = 0;
  let batches = 0;
  await train(buildTemplate('lenet5')!, { dataset: 'synthetic:28x28:10:1', epochs: 3, limit: 8000, batchSize: 32 }, (e: TrainEvent) => {
    if (e.type === 'start') batches = e.batchesPerEpoch;
    if (e.type === 'health') health++;
    if (e.type === 'done') speed = e.samplesPerSecond;
    if (e.type === 'error') throw new Error(e.message);
  }, new RunControl(), { backend: 'wasm', healthEvery: every });
  return { speed, health, batches };
}

const off: number[] = [];
const on: number[] = [];
let events = 0;
const { batches } = await speed(HEALTH_EVERY);
for (let r = 0; r < 5; r++) {
  const order = r % 2 ? [0, HEALTH_EVERY] : [HEALTH_EVERY, 0];
  for (const every of order) {
    const got = await speed(every);
    (every ? on : off).push(got.speed);
    if (every) events = got.health;
  }
}
const [a, b] = [median(off), median(on)];
console.log(`\nEnd to end (LeNet-5, the engine's own loop, 3 epochs of ${batches} batches of 32 synthetic digits; 5 interleaved rounds):\n`);
console.log('| health | health events | training speed (median) | min | max | time vs off |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(`| off | 0 | ${a.toFixed(0)} samples/s | ${Math.min(...off).toFixed(0)} | ${Math.max(...off).toFixed(0)} | — |`);
console.log(`| every ${HEALTH_EVERY} (after 1, 2, 4, …) | ${events} | ${b.toFixed(0)} samples/s | ${Math.min(...on).toFixed(0)} | ${Math.max(...on).toFixed(0)} | ${((a / b) * 100).toFixed(1)} % |`);
console.log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
