/**
 * Training health on a sampled batch (shared/health.ts says which batches and what the figures
 * mean): per node with weights, the gradient norm and the update-to-weight ratio ‖Δw‖/‖w‖ of the
 * step; per ReLU output, the share of units that were zero for the whole batch.
 *
 * Cheap because it rides the step the loop takes anyway: the forward pass goes through a model
 * with the ReLU outputs as extra outputs (the same layers and weights), the gradients are the
 * step's own, and the weights before the step are kept by reference (an optimizer writes new
 * tensors, never in place), so nothing is copied until the figures are read.
 */
import * as tf from '@tensorflow/tfjs';
import { expandDocument } from '../../../shared/blocks/expand';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { finiteOrNull, isReluOutput, type NodeHealth } from '../../../shared/health';
import { inferGraph } from '../../../shared/infer';
import { layerNamesOf } from '../model/compile';
import type { StepObserver } from './step';

interface Watched {
  node: string;
  layer: string;
  /** The node's trainable variables that the step updates. */
  weights: tf.Variable[];
  /** Whether its output is a ReLU's. */
  relu: boolean;
}

/** tfjs layers a node compiles to besides its own name: a grouped convolution's towers (`C1_g0`). */
const PART = /_g\d+$/;

/** Sets up the sampling for one model; `probe()` observes one step. */
export class HealthSampler {
  private readonly watched: Watched[];
  private readonly relus: Watched[];
  private readonly forwardModel: tf.LayersModel;

  /** `weights`: the variables the step updates (frozen ones are left out of the figures). */
  constructor(doc: NetwrightDocument, private readonly model: tf.LayersModel, weights: readonly tf.Variable[]) {
    const expanded = expandDocument(doc);
    const params = inferGraph(expanded.graph).nodes;
    const nodeOfLayer = new Map([...layerNamesOf(doc)].map(([id, name]) => [name, id]));
    const kindOf = new Map(expanded.graph.nodes.map((n) => [n.id, n.kind]));
    const updated = new Set(weights);
    const byNode = new Map<string, Watched>();
    for (const layer of model.layers) {
      const node = nodeOfLayer.get(layer.name) ?? nodeOfLayer.get(layer.name.replace(PART, ''));
      if (node === undefined) continue;
      const own = nodeOfLayer.get(layer.name) === node;
      const w = byNode.get(node) ?? { node, layer: own ? layer.name : layer.name.replace(PART, ''), weights: [], relu: isReluOutput(kindOf.get(node)!, params[node]?.params as Record<string, unknown> | undefined) };
      byNode.set(node, w);
      for (const v of layer.trainableWeights.map((lw) => lw.read() as tf.Variable)) if (updated.has(v)) w.weights.push(v);
    }
    this.watched = [...byNode.values()].filter((w) => w.weights.length > 0 || w.relu);
    this.relus = this.watched.filter((w) => w.relu);
    const outputs = this.relus.map((w) => model.getLayer(w.layer).output as tf.SymbolicTensor);
    this.forwardModel = tf.model({ inputs: model.inputs, outputs: [...model.outputs, ...outputs] });
  }

  /** An observer for one step; `finish()` after the step gives the figures and frees what it kept. */
  probe(): HealthProbe {
    return new HealthProbe(this.model, this.forwardModel, this.watched, this.relus);
  }
}

export class HealthProbe implements StepObserver {
  /** Per ReLU node: how many of its units never fired. */
  private dead: tf.Tensor[] = [];
  /** Per node with weights: Σ g² (read at once, before the optimizer may reuse the gradients). */
  private gradSquares: number[] = [];
  /** Per node with weights: its weights before the step (references, not copies). */
  private before: tf.Tensor[][] = [];

  constructor(
    private readonly model: tf.LayersModel,
    private readonly forwardModel: tf.LayersModel,
    private readonly watched: readonly Watched[],
    private readonly relus: readonly Watched[],
  ) {}

  forward(xs: tf.Tensor): tf.Tensor | tf.Tensor[] {
    const applied = this.forwardModel.apply(xs, { training: true }) as tf.Tensor | tf.Tensor[];
    const outs = Array.isArray(applied) ? applied : [applied];
    const main = this.model.outputs.length;
    // A unit is a channel (or a Dense neuron): dead when its largest output over the batch and every position is 0.
    this.dead = outs.slice(main).map((a) => tf.keep(tf.sum(tf.cast(tf.lessEqual(tf.max(a, [...Array(a.rank - 1).keys()]), 0), 'float32'))));
    return main === 1 ? outs[0]! : outs.slice(0, main);
  }

  gradients(grads: tf.NamedTensorMap): void {
    // Sums over plain arrays: a handful of tfjs ops per weight would cost more than the copies (bench/health.bench.ts).
    const withWeights = this.watched.filter((w) => w.weights.length > 0);
    this.gradSquares = withWeights.map((w) => w.weights.reduce((sum, v) => sum + squares(grads[v.name]!.dataSync() as Float32Array), 0));
    this.before = withWeights.map((w) => w.weights.map((v) => tf.clone(v)));
  }

  /** The figures, one entry per watched node; frees every tensor the probe kept. */
  finish(): NodeHealth[] {
    const withWeights = this.watched.filter((w) => w.weights.length > 0);
    const stepped = this.before.length === withWeights.length;
    const dead = this.dead.length ? (tf.tidy(() => tf.stack(this.dead).dataSync()) as Float32Array) : new Float32Array(0);
    const figures = new Map<string, NodeHealth>(this.watched.map((w) => [w.node, { node: w.node, layer: w.layer }]));
    this.relus.forEach((w, i) => {
      const units = (this.model.getLayer(w.layer).outputShape as number[]).at(-1)!;
      Object.assign(figures.get(w.node)!, { dead: dead[i]! / units, units });
    });
    if (stepped)
      withWeights.forEach((w, i) => {
        let w2 = 0;
        let d2 = 0;
        w.weights.forEach((v, k) => {
          const old = this.before[i]![k]!.dataSync() as Float32Array;
          w2 += squares(old);
          d2 += squaredDistance(v.dataSync() as Float32Array, old);
        });
        const g2 = this.gradSquares[i]!;
        Object.assign(figures.get(w.node)!, { weightNorm: finiteOrNull(Math.sqrt(w2)), gradNorm: finiteOrNull(Math.sqrt(g2)), ...(w2 !== 0 ? { updateRatio: finiteOrNull(Math.sqrt(d2 / w2)) } : {}) });
      });
    tf.dispose([...this.dead, ...this.before.flat()]);
    return [...figures.values()];
  }
}

/** Σ a². */
function squares(a: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * a[i]!;
  return s;
}

/** Σ (a − b)². */
function squaredDistance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    s += d * d;
  }
  return s;
}
