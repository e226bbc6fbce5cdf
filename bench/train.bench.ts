/**
 * Training throughput on the wasm backend: LeNet-5 (28×28×1) and ResNet-20 (32×32×3, synthetic
 * data) as compiled from their templates, next to the same nets hand-written in tfjs — each with
 * tfjs's stock wasm kernels ("before") and with Netwright's ("after") — then what per-batch
 * metric streaming costs a real training run. Variants run interleaved, round after round, so
 * that the machine's load falls on all of them alike; figures are medians over the rounds.
 * Then each replaced kernel before and after (kernels.ts), and the cost of streaming (streaming.ts).
 */
import { cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { buildTemplate } from '../shared/templates/index';
import { pickBackend } from '../node/engine/backend/choose';
import { compileDocument } from '../node/engine/model/compile';
import { makeOptimizer } from '../node/engine/loop/optimizer';
import { trainableVariables } from '../node/engine/loop/step';
import { registerWasmKernels } from '../node/engine/backend/wasm-kernels';
import { handLenet5, handResnet20 } from './handwritten';
import { median } from './measure';
import { randomBatch, trainRate, warmUp } from './trainRate';
import { kernelTable } from './kernels';
import { streamingCost } from './streaming';

interface Variant {
  name: string;
  fastKernels: boolean;
  model: () => tf.LayersModel;
}

interface Case {
  title: string;
  batch: number;
  shape: [number, number, number];
  steps: number;
  rounds: number;
  variants: Variant[];
}

const compiled = (id: string, fastLayers: boolean) => () => compileDocument(buildTemplate(id)!, { fastLayers });

const cases: Case[] = [
  {
    title: 'LeNet-5',
    batch: 32,
    shape: [28, 28, 1],
    steps: 30,
    rounds: 7,
    variants: [
      { name: 'hand-written tfjs, stock kernels', fastKernels: false, model: handLenet5 },
      { name: 'compiled, before (stock layers and kernels)', fastKernels: false, model: compiled('lenet5', false) },
      { name: 'hand-written tfjs, Netwright kernels and optimizer', fastKernels: true, model: handLenet5 },
      { name: 'compiled, after', fastKernels: true, model: compiled('lenet5', true) },
    ],
  },
  {
    title: 'ResNet-20',
    batch: 32,
    shape: [32, 32, 3],
    steps: 3,
    rounds: 5,
    variants: [
      { name: 'hand-written tfjs, stock kernels', fastKernels: false, model: handResnet20 },
      { name: 'compiled, before (stock layers and kernels)', fastKernels: false, model: compiled('resnet20-cifar', false) },
      { name: 'hand-written tfjs, Netwright kernels and optimizer', fastKernels: true, model: handResnet20 },
      { name: 'compiled, after', fastKernels: true, model: compiled('resnet20-cifar', true) },
    ],
  },
];

const backend = await pickBackend('wasm');
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\n## Training throughput (${backend} backend, 1 thread)\n`);
console.log(`${cpu} × ${cpus().length} cores · load average at start ${loadavg().map((l) => l.toFixed(2)).join(' / ')}\n`);
console.log('| net | batch | variant | samples/s (median) | min | max | vs hand-written, same kernels |');
console.log('|---|---:|---|---:|---:|---:|---:|');

for (const c of cases) {
  const data = randomBatch(c.batch, c.shape, 10);
  const live = c.variants.map((v) => {
    const model = v.model();
    // The stock variants use tfjs's Adam; Netwright's, the engine's (one loop per weight).
    const optimizer = v.fastKernels ? makeOptimizer({ optimizer: 'adam', learningRate: 0.001, momentum: 0 }) : tf.train.adam(0.001);
    return { ...v, model, optimizer, weights: trainableVariables(model), rates: [] as number[] };
  });
  for (const v of live) {
    registerWasmKernels(v.fastKernels);
    warmUp(v, data);
  }
  for (let r = 0; r < c.rounds; r++) {
    for (const v of live) {
      registerWasmKernels(v.fastKernels);
      v.rates.push(trainRate(v, data, c.steps));
    }
  }
  const med = new Map(live.map((v) => [v.name, median(v.rates)]));
  for (const v of live) {
    const hand = live.find((h) => h.fastKernels === v.fastKernels && h.name.startsWith('hand-written'))!;
    const ratio = v === hand ? '—' : `${((med.get(v.name)! / med.get(hand.name)!) * 100).toFixed(0)} %`;
    console.log(`| ${c.title} | ${c.batch} | ${v.name} | ${med.get(v.name)!.toFixed(0)} | ${Math.min(...v.rates).toFixed(0)} | ${Math.max(...v.rates).toFixed(0)} | ${ratio} |`);
  }
  const before = med.get(live[1]!.name)!;
  const after = med.get(live[3]!.name)!;
  console.log(`| ${c.title} | ${c.batch} | **speed-up of the compiled net** | **${(after / before).toFixed(2)}×** | | | |`);
  for (const v of live) {
    v.model.dispose();
    v.optimizer.dispose();
  }
  tf.dispose([data.xs, data.ys]);
}
registerWasmKernels(true);

kernelTable();
await streamingCost();
console.log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
