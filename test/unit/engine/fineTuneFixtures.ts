/**
 * What the fine-tuning tests share: a generated 3-class image folder (red, green and blue images
 * with noise, separable by colour alone, so even random frozen features tell them apart), a small
 * network with a BatchNorm to freeze, and its "pretrained" weights as a safetensors file with
 * running statistics far from their initial 0 and 1.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { sequential } from '../../../shared/templates/build';
import { seededRandom } from '../../../node/engine/data/random';
import type { StateDict } from '../../../shared/weights/tensor';

export const COLOURS = ['red', 'green', 'blue'] as const;

/** `per` noisy 24×24 PNGs of each colour, in one sub-folder per class. */
export async function colourFolder(per: number, seed = 1): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'netwright-colours-'));
  const random = seededRandom(seed);
  for (const [k, name] of COLOURS.entries()) {
    mkdirSync(join(root, name));
    for (let i = 0; i < per; i++) {
      const pixels = new Uint8Array(24 * 24 * 3);
      for (let p = 0; p < pixels.length; p++) pixels[p] = Math.round((p % 3 === k ? 150 : 40) + random() * 80);
      writeFileSync(join(root, name, `${i}.png`), await sharp(pixels, { raw: { width: 24, height: 24, channels: 3 } }).png().toBuffer());
    }
  }
  return root;
}

/** Conv → BatchNorm → ReLU → global pooling → Dense(classes), labelled as a state_dict names them. */
export const smallNet = (classes = 3, dataset = 'synthetic:16:3'): NetwrightDocument =>
  sequential(
    'Small',
    [
      { kind: 'Input', params: { height: 16, width: 16, channels: 3 }, label: 'input' },
      { kind: 'Conv2D', params: { filters: 8, kernel: 3, padding: 1 }, label: 'conv' },
      { kind: 'BatchNorm', label: 'bn' },
      { kind: 'Activation', params: { fn: 'relu' }, label: 'relu' },
      { kind: 'GlobalAvgPool2D', label: 'pool' },
      { kind: 'Dense', params: { units: classes, activation: 'softmax' }, label: 'fc' },
    ],
    undefined,
    { dataset, epochs: 3, batchSize: 16, learningRate: 0.05, optimizer: 'adam', seed: 3, validationSplit: 0.25 },
  );

/** Freeze every node before the head `fc` (what "freeze everything before this node" writes). */
export const frozenBeforeHead = (doc: NetwrightDocument): NetwrightDocument => ({
  ...doc,
  graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => (n.label === 'fc' ? n : { ...n, frozen: true as const })) },
});

/** A state_dict for `smallNet(classes)` from a seeded generator, with BatchNorm statistics of its own. */
export function pretrained(classes: number, seed = 11): StateDict {
  const random = seededRandom(seed);
  const tensor = (shape: number[], f: () => number) => ({ dtype: 'F32' as const, shape, data: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, f) });
  const noise = (scale: number) => () => (random() - 0.5) * 2 * scale;
  return new Map([
    ['conv.weight', tensor([8, 3, 3, 3], noise(0.4))],
    ['conv.bias', tensor([8], noise(0.1))],
    ['bn.weight', tensor([8], () => 0.5 + random())],
    ['bn.bias', tensor([8], noise(0.2))],
    ['bn.running_mean', tensor([8], noise(0.5))],
    ['bn.running_var', tensor([8], () => 0.2 + random() * 0.3)],
    ['fc.weight', tensor([classes, 8], noise(0.3))],
    ['fc.bias', tensor([classes], noise(0.1))],
  ]);
}
