/**
 * The documents the torch benchmarks train (here and on the GPU machine, scripts/device-check.mjs):
 * a template with its augmentation and learning-rate schedule switched off, so that the
 * generated train.py and the hand-written models in bench/torch/*.py do exactly the same work
 * per batch (plain SGD with momentum, pixels / 255) and the comparison measures the engine alone.
 */
import type { NetwrightDocument } from '../../shared/graph/schema';
import { buildTemplate } from '../../shared/templates/index';

/** The hand-written counterpart of each benchmarked template, in bench/torch/. */
export const BENCH_MODELS = { lenet5: 'lenet5.py', 'resnet20-cifar': 'resnet20.py' } as const;

export function benchDocument(id: keyof typeof BENCH_MODELS): NetwrightDocument {
  const doc = buildTemplate(id)!;
  doc.training = { ...doc.training, dataset: 'mnist', optimizer: 'sgd', momentum: 0.9, learningRate: 0.05, weightDecay: 0, schedule: { kind: 'none' }, augmentation: { flip: false, crop: 0 }, normalization: 'scale', batchSize: 32 };
  return doc;
}
