/**
 * A torch run's saved model: train.py writes the trained weights as `model.pt` (its `--save DIR`)
 * into the run history's `final/` and the CLI's `--save` folder; the engine writes `netwright.json`
 * beside it when the run is done, as the tfjs engine does for its models (without the pixel
 * normalisation's statistics, which only train.py knows).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainEvent, TrainOptions } from '../../../shared/api';
import { endsInSoftmax } from '../../../shared/graph/softmax-output';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import type { ModelMeta } from '../checkpoint';
import type { TrainerConfig } from '../protocol';
import { resolveSettings } from '../settings';

export type TorchModelMeta = Omit<ModelMeta, 'normalization'> & { engine: 'torch' };

type Start = Extract<TrainEvent, { type: 'start' }>;
type Done = Extract<TrainEvent, { type: 'done' }>;

/** Where the final weights go: the run history's `final/`, then the CLI's --save folder. */
export const saveDirs = (config: TrainerConfig): string[] => [config.runDir && join(config.runDir, 'final'), config.saveTo].filter((d): d is string => !!d);

/** What `netwright.json` says about a torch run's final weights, from its start and done events. */
export function torchModelMeta(doc: NetwrightDocument, options: TrainOptions, start: Start, done: Done): TorchModelMeta {
  const s = resolveSettings(doc.training, options);
  const last = done.epochs.at(-1);
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
    probabilities: endsInSoftmax(doc),
    epoch: last?.epoch ?? s.epochs,
    ...(last ? { metrics: last } : {}),
  };
}

/** Write `netwright.json` into each folder (made if missing). */
export function writeTorchMeta(dirs: readonly string[], meta: TorchModelMeta): void {
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'netwright.json'), JSON.stringify(meta, null, 2) + '\n');
  }
}
