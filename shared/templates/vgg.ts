/**
 * VGG (Simonyan & Zisserman, 2015), configurations D (VGG16) and E (VGG19): only 3×3
 * convolutions at stride 1, pad 1, and 2×2 max pools at stride 2; 138,357,544 and 143,667,240
 * parameters.
 */
import { sequential, type LayerSpec } from './build';

const STAGES = { vgg16: [2, 2, 3, 3, 3], vgg19: [2, 2, 4, 4, 4] } as const;
const WIDTHS = [64, 128, 256, 512, 512];

function vgg(id: keyof typeof STAGES, name: string) {
  const layers: LayerSpec[] = [{ kind: 'Input', label: 'Input', params: { height: 224, width: 224, channels: 3 } }];
  STAGES[id].forEach((convs, s) => {
    for (let i = 1; i <= convs; i++) {
      layers.push({ kind: 'Conv2D', label: `conv${s + 1}_${i}`, params: { filters: WIDTHS[s]!, kernel: 3, stride: 1, padding: 1, activation: 'relu' } });
    }
    layers.push({ kind: 'MaxPool2D', label: `pool${s + 1}`, params: { size: 2, stride: 2 } });
  });
  layers.push(
    { kind: 'Flatten', label: 'flatten' },
    { kind: 'Dense', label: 'fc6', params: { units: 4096, activation: 'relu' } },
    { kind: 'Dropout', label: 'drop6', params: { rate: 0.5 } },
    { kind: 'Dense', label: 'fc7', params: { units: 4096, activation: 'relu' } },
    { kind: 'Dropout', label: 'drop7', params: { rate: 0.5 } },
    { kind: 'Dense', label: 'fc8', params: { units: 1000, activation: 'softmax' } },
  );
  return sequential(
    name,
    layers,
    'Very Deep Convolutional Networks for Large-Scale Image Recognition — Simonyan & Zisserman, 2015. ' +
      'ILSVRC 2014: 2nd in classification (7.3% top-5 error), 1st in localization. Small filters, deep stacks.',
  );
}

export const vgg16 = () => vgg('vgg16', 'VGG16');
export const vgg19 = () => vgg('vgg19', 'VGG19');
