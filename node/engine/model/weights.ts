/**
 * A state_dict onto a compiled tfjs model, and a model's weights back as a state_dict: the
 * layouts are converted in shared/weights/convert.ts; here each node's weights meet the tfjs
 * layers `compileDocument` named for it.
 */
import * as tf from '@tensorflow/tfjs';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { loadStateDict, toStateDict, type Loaded } from '../../../shared/weights/convert';
import type { StateDict } from '../../../shared/weights/tensor';
import { compileDocument, layerNamesOf } from './compile';

/**
 * The document with logits out: an output Dense's softmax is dropped (prediction applies it
 * after, and reports the logits too). `undefined` when the network does not end in a Dense.
 */
export function withLogits(doc: NetwrightDocument): NetwrightDocument | undefined {
  const feeding = new Set(doc.graph.edges.map((e) => e.source));
  const outputs = doc.graph.nodes.filter((n) => !feeding.has(n.id) && n.kind !== 'Input');
  if (outputs.length !== 1 || outputs[0]!.kind !== 'Dense') return undefined;
  const out = outputs[0]!;
  if (out.params.activation !== 'softmax' && out.params.activation !== 'linear' && out.params.activation !== undefined) return undefined;
  return { ...doc, graph: { ...doc.graph, nodes: doc.graph.nodes.map((n) => (n === out ? { ...n, params: { ...n.params, activation: 'linear' } } : n)) } };
}

/** The document compiled for inference with the state_dict's weights (strict unless `partial`). */
export function compileWithStateDict(doc: NetwrightDocument, tensors: StateDict, options: { partial?: boolean } = {}): { model: tf.LayersModel; loaded: Loaded } {
  const loaded = loadStateDict(doc, tensors, options);
  const model = compileDocument(doc);
  setLoadedWeights(doc, model, loaded);
  return { model, loaded };
}

/** What `loadStateDict(doc, …)` converted, written into `model` (compiled from `doc`). */
export function setLoadedWeights(doc: NetwrightDocument, model: tf.LayersModel, loaded: Loaded): void {
  const names = layerNamesOf(doc);
  for (const [id, layers] of loaded.nodes) {
    for (const { suffix, weights } of layers) {
      const layer = model.getLayer(`${names.get(id)}${suffix}`);
      const values = weights.map((w) => tf.tensor(w.data, w.shape));
      layer.setWeights(values);
      tf.dispose(values);
    }
  }
}

/**
 * The weights of `model` (compiled from `doc`, or loaded from a model saved after training it) as
 * a state_dict with the names `compileWithStateDict` reads.
 */
export function stateDictOfModel(doc: NetwrightDocument, model: tf.LayersModel): StateDict {
  const names = layerNamesOf(doc);
  return toStateDict(doc, (id, suffixes) =>
    suffixes.map((suffix) => ({
      suffix,
      weights: model.getLayer(`${names.get(id)}${suffix}`).getWeights().map((t) => ({ shape: t.shape, data: t.dataSync() as Float32Array })),
    })),
  );
}
