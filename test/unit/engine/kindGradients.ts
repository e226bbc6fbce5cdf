/**
 * Every layer kind trains on wasm as on the reference `cpu` backend: one batch's gradients (of
 * every weight, and of the input, which is the kind's own backward pass) compared. Each case is
 * Input → the kind (after 1×1 convolutions where it merges) → Flatten → Dense logits, compiled as
 * training compiles it (custom layers such as LRN included). Test files call it once per thread
 * count, since the wasm backend's threads are fixed when it starts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { backendThreads, pickBackend } from '../../../node/engine/backend/choose';
import { compileDocument } from '../../../node/engine/model/compile';
import { crossEntropyOnLogits } from '../../../node/engine/loop/step';
import { emptyDocument, type NetwrightDocument } from '../../../shared/graph/schema';
import { inferGraph } from '../../../shared/infer';
import { layerKinds } from '../../../shared/layers/registry';
import { relativeError, values } from './compare';
import { caseGraph, kindCases, kindsCoveredElsewhere, type KindCase } from './kindCases';

const BATCH = 4;
const CLASSES = 3;
const TOLERANCE = 1e-4;

/** The case as a document that ends in CLASSES logits. */
function caseDocument([, input, kind, params, branches]: KindCase): NetwrightDocument {
  const g = caseGraph(input, kind, params, branches);
  const layer = g.graph.nodes.find((n) => n.label === 'layer')!.id;
  const shape = inferGraph(g.graph).nodes[layer]!.shape!;
  const flat = shape.length > 1 ? g.add('Flatten', {}, [layer]) : layer;
  g.add('Dense', { units: CLASSES }, [flat]);
  return { ...emptyDocument(), graph: g.graph };
}

/** One batch's gradients on `backend`: every trainable weight's, then the input's; `weights` fixes the starting point. */
function gradients(backend: string, doc: NetwrightDocument, input: [number, number, number], weights?: Float32Array[]) {
  tf.setBackend(backend);
  return tf.tidy(() => {
    const model = compileDocument(doc);
    if (weights) model.setWeights(weights.map((w, i) => tf.tensor(w, model.getWeights()[i]!.shape)));
    const start = model.getWeights().map((w) => w.dataSync() as Float32Array);
    const x = tf.variable(tf.tensor(values(BATCH * input[0] * input[1] * input[2], 7), [BATCH, ...input]));
    const ys = tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), CLASSES);
    // Dropout's mask is random: compare it as inference runs it (the identity) rather than two different masks.
    const training = !doc.graph.nodes.some((n) => n.kind === 'Dropout');
    const vars = [...model.trainableWeights.map((w) => w.read() as tf.Variable), x];
    const { grads } = tf.variableGrads(() => crossEntropyOnLogits(ys, model.apply(x, { training }) as tf.Tensor), vars);
    // tfjs makes variable names unique per process ("dense/kernel_3"): compare them without the suffix.
    const result = vars.map((v) => ({ name: v === x ? 'input' : v.name.replace(/_\d+$/, ''), grad: grads[v.name]!.dataSync() as Float32Array }));
    x.dispose();
    model.dispose();
    return { start, result };
  });
}

const convCases: KindCase[] = [
  ['Conv2D 3×3 same', [7, 7, 4], 'Conv2D', { filters: 6, kernel: 3, padding: 'same' }],
  ['Conv2D 3×1 /2 in 2 groups', [9, 8, 4], 'Conv2D', { filters: 6, kernel: [3, 1], stride: 2, groups: 2 }],
  ['Conv2D 3×3 dilated 2, padded [0,1,2,0]', [9, 9, 3], 'Conv2D', { filters: 4, kernel: 3, dilation: 2, padding: [0, 1, 2, 0] }],
  // Depthwise (Keras's DepthwiseConv2D, depth multiplier 2): one group per input channel.
  ['Conv2D 3×3 /2 depthwise ×2', [9, 9, 4], 'Conv2D', { filters: 8, kernel: 3, stride: 2, padding: 'same', groups: 4 }],
];

/** The comparison of every kind, on the wasm backend started with `threads` threads. */
export function describeKindGradients(threads: number): void {
  beforeAll(async () => {
    await pickBackend('wasm', { threads });
  });

  describe(`every layer kind trains on wasm (${threads} thread${threads === 1 ? '' : 's'}) as on cpu`, () => {
    it('runs on the threads asked for', () => {
      expect(backendThreads()).toBe(threads);
    });

    it.each([...kindCases, ...convCases])('%s', (...c) => {
      const doc = caseDocument(c);
      const reference = gradients('cpu', doc, c[1]);
      const wasm = gradients('wasm', doc, c[1], reference.start);
      expect(wasm.result.map((g) => g.name)).toEqual(reference.result.map((g) => g.name));
      const errors = wasm.result.map((g, i) => ({ name: g.name, error: relativeError(g.grad, reference.result[i]!.grad) }));
      expect(errors.filter((e) => !(e.error <= TOLERANCE))).toEqual([]);
      // The input's gradient is not all zeros: the kind's backward pass was exercised.
      expect(reference.result.at(-1)!.grad.some((v) => v !== 0)).toBe(true);
    });

    it('covers every kind of the registry (Dense is every case\'s head)', () => {
      const covered = new Set([...kindCases, ...convCases].map((c) => c[2]).concat(kindsCoveredElsewhere));
      expect(layerKinds.filter((k) => !covered.has(k))).toEqual([]);
    });
  });
}
