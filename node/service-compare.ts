/**
 * The engine service's `compare`: each document checked as any document is, then timed in a
 * trainer process (a VGG's forward passes never block the service or the UI).
 */
import type { methods, ReplyOf } from '../shared/api';
import type { NetwrightDocument } from '../shared/graph/schema';
import { runCompare } from './engine/process/jobs';
import type { SpawnTrainer } from './engine/process/runner';

type CompareRequest = ReturnType<(typeof methods)['compare']['request']['parse']>;

/** `const compare = compareHandler({ checkDocument }); await compare({ docs: [{ name: 'vgg16', template: 'vgg16', doc }], batches: [1, 8] })`. */
export function compareHandler(host: { spawnTrainer?: SpawnTrainer; checkDocument(raw: unknown): NetwrightDocument }): (request: CompareRequest) => Promise<ReplyOf<'compare'>> {
  return ({ docs, batches, repeats }) => runCompare({ type: 'compare', docs: docs.map((d) => ({ ...d, doc: host.checkDocument(d.doc) })), batches, repeats }, host.spawnTrainer);
}
