/** The smallest trainable document: 8×8 synthetic images, two classes, one Dense layer; trains in well under a second. */
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { sequential } from '../../../shared/templates/build';

export const tinyDoc = (): NetwrightDocument => {
  const doc = sequential('Tiny', [
    { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 2, activation: 'softmax' } },
  ]);
  doc.training = { ...doc.training, dataset: 'synthetic:8:2:1', epochs: 2, batchSize: 50 };
  return doc;
};

/** A tiny convnet on the same data as `tinyDoc`: one 3×3 convolution of 2 filters before the Dense layer (20 + 2×6×6×2 + 2 = 166 parameters). */
export const tinyConvDoc = (): NetwrightDocument => {
  const doc = sequential('Tiny conv', [
    { kind: 'Input', params: { height: 8, width: 8, channels: 1 } },
    { kind: 'Conv2D', params: { filters: 2, kernel: 3 } },
    { kind: 'Flatten' },
    { kind: 'Dense', params: { units: 2, activation: 'softmax' } },
  ]);
  doc.training = tinyDoc().training;
  return doc;
};
