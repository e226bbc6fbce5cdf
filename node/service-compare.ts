/**
 * The engine service's `compare`: each document checked as any document is, then timed in a
 * trainer process (a VGG's forward passes never block the service or the UI), or with the torch
 * engine in the Python a torch run would use (engine/torch/compare.ts).
 */
import type { methods, ReplyOf } from '../shared/api';
import type { NetwrightDocument } from '../shared/graph/schema';
import { runCompare } from './engine/process/jobs';
import type { SpawnTrainer } from './engine/process/runner';
import { compareTorch } from './engine/torch/compare';
import type { TorchTrainerOptions } from './engine/torch/process';

type CompareRequest = ReturnType<(typeof methods)['compare']['request']['parse']>;

/** `const compare = compareHandler({ checkDocument }); await compare({ docs: [{ name: 'vgg16', template: 'vgg16', doc }], batches: [1, 8] })`. */
export function compareHandler(host: { spawnTrainer?: SpawnTrainer; torch?: Omit<TorchTrainerOptions, 'cacheDir'>; checkDocument(raw: unknown): NetwrightDocument }): (request: CompareRequest) => Promise<ReplyOf<'compare'>> {
  return ({ docs, batches, repeats, engine }) => {
    const checked = docs.map((d) => ({ ...d, doc: host.checkDocument(d.doc) }));
    if (engine === 'torch') return compareTorch(checked, { batches, repeats, pythonPath: host.torch?.pythonPath?.(), search: host.torch?.search });
    return runCompare({ type: 'compare', docs: checked, batches, repeats }, host.spawnTrainer);
  };
}
