/**
 * A run's starting weights (fine-tuning): a PyTorch state_dict (.pth/.pt), a safetensors file,
 * or a model Netwright saved (a tfjs run's folder with model.json, a torch run's with model.pt),
 * written into the freshly compiled model. Strict, as predicting is: any tensor that is missing,
 * in another shape or taken by no layer is an error naming it — except the head that "adapt to
 * dataset" resized (`headOf`), whose old tensors are left out and listed ("fc: new, 3 classes").
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { headOf } from '../../../shared/document/transfer';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { loadStateDict } from '../../../shared/weights/convert';
import { readWeights } from '../../../shared/weights/read';
import { layerNamesOf } from '../model/compile';
import { setLoadedWeights } from '../model/weights';
import { loadModel } from './checkpoint';

/** Where the weights are: a file or a saved model's folder; `name` is what messages call it (default the path). */
export interface WeightsSource {
  path: string;
  name?: string;
}

/** What was loaded, in words: one line, and the head's when it was left out. */
export interface InitialWeights {
  layers: number;
  /** "fc: new, 3 classes" when the resized head kept its fresh weights. */
  newHead?: string;
}

const shapeText = (s: readonly number[]) => `(${s.join(', ')})`;

/**
 * Write the weights of `source` into `model` (compiled from `doc`):
 * `await loadInitialWeights(doc, model, { path: 'resnet18.pth' })` → `{ layers: 61, newHead: 'fc: new, 3 classes' }`.
 */
export async function loadInitialWeights(doc: NetwrightDocument, model: tf.LayersModel, source: WeightsSource): Promise<InitialWeights> {
  const name = source.name ?? source.path;
  if (!existsSync(source.path)) throw new Error(`${name} does not exist.`);
  const head = headOf(doc)?.id;
  let file = source.path;
  if (statSync(source.path).isDirectory()) {
    if (existsSync(join(source.path, 'model.json'))) return copySavedModel(doc, model, source.path, head);
    file = join(source.path, 'model.pt');
    if (!existsSync(file)) throw new Error(`${name} holds no saved Netwright model (model.json of a tfjs run, or model.pt of a torch run).`);
  }
  const tensors = readWeights(new Uint8Array(await readFile(file)), file === source.path ? name : file);
  const loaded = loadStateDict(doc, tensors, { newHead: head });
  setLoadedWeights(doc, model, loaded);
  return { layers: loaded.loaded, ...(loaded.newHead ? { newHead: loaded.newHead } : {}) };
}

/**
 * A tfjs run's saved model into `model`, layer by layer and weight by weight by their tfjs names
 * (the layer names compile.ts gives each node): both networks must have the same weighted
 * layers, with the head's weights allowed to differ in shape.
 */
async function copySavedModel(doc: NetwrightDocument, model: tf.LayersModel, dir: string, head: string | undefined): Promise<InitialWeights> {
  const { model: saved } = await loadModel(dir);
  try {
    const headLayer = head === undefined ? undefined : layerNamesOf(doc).get(head);
    const savedLayers = new Map(saved.layers.filter((l) => l.weights.length > 0).map((l) => [l.name, l]));
    let layers = 0;
    let newHead: string | undefined;
    for (const layer of model.layers) {
      if (layer.weights.length === 0) continue;
      const from = savedLayers.get(layer.name);
      savedLayers.delete(layer.name);
      if (!from) throw new Error(`${layer.name}: the saved model in ${dir} has no such layer.`);
      const values = from.getWeights();
      const differs = layer.weights.findIndex((w, i) => !values[i] || values[i]!.shape.join() !== w.shape.join());
      if (differs >= 0 && layer.name === headLayer) {
        newHead = `${layer.name}: new, ${layer.weights.at(-1)!.shape[0]} classes`;
        continue;
      }
      if (differs >= 0) {
        const w = layer.weights[differs]!;
        throw new Error(`${w.originalName}: the saved model has ${values[differs] ? shapeText(values[differs]!.shape) : 'no such weight'}, the layer needs ${shapeText(w.shape as number[])}.`);
      }
      layer.setWeights(values);
      layers++;
    }
    const left = [...savedLayers.keys()];
    if (left.length > 0) throw new Error(`${left[0]}: no layer of "${doc.name}" takes this saved layer${left.length > 1 ? ` (nor ${left.length - 1} more)` : ''}.`);
    return { layers, ...(newHead ? { newHead } : {}) };
  } finally {
    saved.dispose();
  }
}

/** "Started from resnet18.pth: 61 layers loaded; fc: new, 3 classes (its weights start at random)". */
export const initialWeightsText = (name: string, w: InitialWeights): string =>
  `Started from ${name}: ${w.layers} layer${w.layers === 1 ? '' : 's'} loaded${w.newHead ? `; ${w.newHead} (its weights start at random)` : ''}.`;
