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
