/**
 * A torch run's saved model: train.py writes the trained weights as `model.pt` (its `--save DIR`)
 * into the run history's `final/` and the CLI's `--save` folder, and the best epoch's so far (its
 * `--save-best DIR`) into their `best/`; the engine writes `netwright.json` beside each, as the
 * tfjs engine does for its models, with the pixel normalisation train.py reported in its start
 * event (runs saved before it reported one have none: `scale` is then the fixed 0…1 mapping).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EpochMetricsSchema, type EpochMetrics, type TrainEvent, type TrainOptions } from '../../../shared/api';
import { pytorchReturnsProbabilities } from '../../../shared/graph/softmax-output';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import type { ModelMeta } from '../loop/checkpoint';
import { resolveSettings } from '../loop/run-settings';

export type TorchModelMeta = Omit<ModelMeta, 'normalization'> & { engine: 'torch'; normalization?: ModelMeta['normalization'] };

type Start = Extract<TrainEvent, { type: 'start' }>;

/** What `netwright.json` says about a torch run's weights, from its start event and the metrics of the epoch they are from. */
export function torchModelMeta(doc: NetwrightDocument, options: TrainOptions, start: Start, metrics?: EpochMetrics): TorchModelMeta {
  const s = resolveSettings(doc.training, options);
  return {
    format: 'netwright-model',
    version: 1,
    engine: 'torch',
    name: doc.name,
    dataset: s.dataset,
    seed: s.seed,
    validationSplit: s.validationSplit,
    inputShape: start.inputShape ?? [0, 0, 0],
    classNames: start.classNames ?? [],
    ...(start.normalization ? { normalization: start.normalization } : {}),
    // model.pt is the exported module's: its forward() leaves the network's softmax out (logits).
    probabilities: pytorchReturnsProbabilities(doc),
    epoch: metrics?.epoch ?? s.epochs,
    // An epoch event's metrics without its `type` (zod drops the keys it does not know).
    ...(metrics ? { metrics: EpochMetricsSchema.parse(metrics) } : {}),
  };
}

/** Write `netwright.json` into each folder (made if missing). */
export function writeTorchMeta(dirs: readonly string[], meta: TorchModelMeta): void {
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'netwright.json'), JSON.stringify(meta, null, 2) + '\n');
  }
}
