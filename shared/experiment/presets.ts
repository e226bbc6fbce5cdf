/**
 * The one-click experiments. "Degradation" is He et al. 2015's figure 1 (and figure 6): plain
 * nets of 20 and 56 layers and ResNets of the same depths on CIFAR-10, trained alike. The paper
 * found the deeper plain net worse on the training set, not only the test set (so not
 * overfitting), and the deeper ResNet better. Netwright runs it with few epochs by default;
 * where CIFAR-10 is not in the data folder's cache, on synthetic 32×32 colour images instead.
 * `degradationPreset(false).dataset` → `'synthetic:32x32:10:3'`.
 */
import type { ExperimentPreset } from '../api';
import { datasetTitle, formatDatasetSpec, type DatasetSpec } from '../datasets';

/** What trains in place of CIFAR-10 when it is not in the cache: as many classes, the same image size. */
export const DEGRADATION_SUBSTITUTE: DatasetSpec = { kind: 'synthetic', height: 32, width: 32, classes: 10, channels: 3 };

/** The preset's default epochs: minutes on a laptop's CPU, not the paper's hours on GPUs. */
export const DEGRADATION_EPOCHS = 3;

/** The preset ids, for the CLI's `--preset`. */
export const PRESET_IDS = ['degradation'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

/** The Degradation preset, with CIFAR-10 when `cifar10InCache`, else the synthetic substitute (and why). */
export function degradationPreset(cifar10InCache: boolean): ExperimentPreset {
  const spec: DatasetSpec = cifar10InCache ? { kind: 'cifar10' } : DEGRADATION_SUBSTITUTE;
  return {
    id: 'degradation',
    title: 'Degradation (He et al. 2015, Fig. 1)',
    templates: ['plain20-cifar', 'plain56-cifar', 'resnet20-cifar', 'resnet56-cifar'],
    // Section 4.2's recipe: SGD at 0.1 with momentum 0.9, weight decay 1e-4, batches of 128, crops of
    // a 4-pixel padding and flips, standardized pixels; divided by 10 halfway here.
    training: {
      dataset: formatDatasetSpec(spec),
      epochs: DEGRADATION_EPOCHS,
      batchSize: 128,
      optimizer: 'sgd',
      learningRate: 0.1,
      momentum: 0.9,
      weightDecay: 0.0001,
      schedule: { kind: 'step', every: Math.max(1, Math.ceil(DEGRADATION_EPOCHS / 2)), gamma: 0.1 },
      normalization: 'standardize',
      augmentation: { flip: true, crop: 4 },
      validationSplit: 0.1,
      seed: 1,
    },
    limit: 5000,
    observed:
      'He et al. observed that the 56-layer plain net has higher training error (thin lines) and test error (bold) than the 20-layer one: ' +
      'depth made optimisation harder, not overfitting. With shortcuts the order turns: ResNet-56 has lower error than ResNet-20.',
    paper:
      `The paper trained 64k iterations of batch 128 (about 164 epochs of 45k images), dividing the learning rate by 10 at 32k and 48k; ` +
      `this preset trains ${DEGRADATION_EPOCHS} epochs on the first 5,000 images by default, so its curves show the start of the figure's.`,
    dataset: formatDatasetSpec(spec),
    datasetTitle: datasetTitle(spec),
    ...(cifar10InCache
      ? {}
      : { substitute: `CIFAR-10 is not in the data folder's cache, so this trains on ${datasetTitle(spec)} instead; download CIFAR-10 (Training tab, or netwright datasets download cifar10) to reproduce the paper's figure.` }),
  };
}

/** A preset by id, for this machine. */
export const presetFor = (id: PresetId, cifar10InCache: boolean): ExperimentPreset => {
  switch (id) {
    case 'degradation':
      return degradationPreset(cifar10InCache);
  }
};
