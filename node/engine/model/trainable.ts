/**
 * The document's frozen layers and learning-rate factors (shared/trainable.ts) applied to a
 * compiled tfjs model: a frozen layer is made non-trainable, so its variables are left out of
 * the optimizer's list and no gradient is computed for them (and a frozen BatchNorm runs in
 * inference mode: fast-layers.ts); each other variable gets its layer's factor.
 */
import type * as tf from '@tensorflow/tfjs';
import { expandDocument } from '../../../shared/blocks/expand';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { flagsOf, trainingFlags } from '../../../shared/trainable';
import { layerNamesOf } from './compile';

export interface TrainablePlan {
  /** What the optimizer updates: every trainable variable but those at factor 0. */
  variables: tf.Variable[];
  /** The factor of each variable (by its name) whose factor is not 1. */
  factors: Map<string, number>;
  /** Weights training may change (factor-0 layers included: the document calls them trainable). */
  trainableParams: number;
  /** Weights of frozen layers (BatchNorm's running statistics are in neither count). */
  frozenParams: number;
}

/** The tfjs layers a node compiles to that hold weights: its own name, or `name_g0`… for a grouped convolution. */
const ownsLayer = (node: string, layer: string) => layer === node || (layer.startsWith(`${node}_g`) && /^\d+$/.test(layer.slice(node.length + 2)));

const sizeOf = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.read().size, 0);

/**
 * Freeze `model`'s layers as `doc` says and list what the optimizer trains:
 * `const plan = applyTrainingFlags(doc, model)` → `plan.variables`, `plan.factors`.
 * Throws when nothing is left to train.
 */
export function applyTrainingFlags(doc: NetwrightDocument, model: tf.LayersModel): TrainablePlan {
  const flags = trainingFlags(doc, expandDocument(doc));
  const names = layerNamesOf(doc);
  const factorOfLayer = new Map<string, number>();
  let frozenParams = 0;
  for (const [id, name] of names) {
    const { frozen, lrFactor } = flagsOf(flags, id);
    if (!frozen && lrFactor === 1) continue;
    for (const layer of model.layers) {
      if (!ownsLayer(name, layer.name)) continue;
      if (frozen) {
        frozenParams += sizeOf(layer.trainableWeights);
        layer.trainable = false;
      } else factorOfLayer.set(layer.name, lrFactor);
    }
  }
  const factors = new Map<string, number>();
  const variables: tf.Variable[] = [];
  let trainableParams = 0;
  for (const layer of model.layers) {
    const factor = factorOfLayer.get(layer.name) ?? 1;
    for (const w of layer.trainableWeights) {
      trainableParams += sizeOf([w]);
      const variable = w.read() as tf.Variable;
      if (factor === 0) continue;
      variables.push(variable);
      if (factor !== 1) factors.set(variable.name, factor);
    }
  }
  if (variables.length === 0) throw new Error('Every layer with weights is frozen (or has learning-rate factor 0): nothing would train. Unfreeze at least the last Dense layer.');
  return { variables, factors, trainableParams, frozenParams };
}
