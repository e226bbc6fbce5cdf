/**
 * The optimizers' update as one loop per weight, on the wasm and cpu backends. tfjs applies an
 * update op by op: Adam is about a dozen ops per weight (multiply, add, square, divide, sqrt…),
 * each with the engine's bookkeeping, so LeNet-5's ten weights cost 120 ops and 2.2 ms of a
 * 19 ms step on wasm. Here each weight's new value is computed in one pass over plain arrays and
 * written as one new tensor; the optimizer state stays in JavaScript. The arithmetic is tfjs's
 * own, step for step (so runs are the same as with `tf.train.*`, to float rounding):
 *
 *   SGD        w ← w − lr·g
 *   momentum   a ← μ·a + g;  w ← w − lr·a
 *   Adam       m ← β₁m + (1 − β₁)g;  v ← β₂v + (1 − β₂)g²;  w ← w − lr·(m/(1 − β₁ᵗ)) / (√(v/(1 − β₂ᵗ)) + ε)
 *   RMSprop    s ← ρs + (1 − ρ)g²;  w ← w − lr·g / √(s + ε)
 *
 * A new tensor per update (never an in-place write): the wasm backend caches each convolution's
 * packed weights by tensor, so a weight changed in place would go on computing with the old one.
 */
import * as tf from '@tensorflow/tfjs';

export type FusedKind = 'sgd' | 'momentum' | 'adam' | 'rmsprop';

const BETA1 = 0.9;
const BETA2 = 0.999;
const RMS_DECAY = 0.9;

interface State {
  /** momentum's accumulation, Adam's first moment, RMSprop's mean square */
  a: Float32Array;
  /** Adam's second moment */
  b?: Float32Array;
}

export class FusedOptimizer extends tf.Optimizer {
  static readonly className = 'NetwrightFusedOptimizer';

  private readonly state = new Map<string, State>();
  private readonly epsilon = tf.backend().epsilon();
  private step = 0;

  constructor(
    readonly kind: FusedKind,
    public learningRate: number,
    readonly momentum = 0,
  ) {
    super();
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const pairs = Array.isArray(variableGradients) ? variableGradients.map((g) => [g.name, g.tensor] as const) : Object.entries(variableGradients);
    this.step++;
    for (const [name, gradient] of pairs) {
      if (!gradient) continue;
      const variable = tf.engine().registeredVariables[name]!;
      const w = variable.dataSync() as Float32Array;
      const g = gradient.dataSync() as Float32Array;
      const next = new Float32Array(w.length);
      this.update(this.stateOf(name, w.length), w, g, next);
      tf.tidy(() => variable.assign(tf.tensor(next, variable.shape)));
    }
    this.incrementIterations();
  }

  private stateOf(name: string, size: number): State {
    let s = this.state.get(name);
    if (!s) {
      s = { a: new Float32Array(size), ...(this.kind === 'adam' ? { b: new Float32Array(size) } : {}) };
      this.state.set(name, s);
    }
    return s;
  }

  private update({ a, b }: State, w: Float32Array, g: Float32Array, out: Float32Array): void {
    const lr = this.learningRate;
    const n = w.length;
    switch (this.kind) {
      case 'sgd':
        for (let i = 0; i < n; i++) out[i] = w[i]! - lr * g[i]!;
        return;
      case 'momentum':
        for (let i = 0; i < n; i++) {
          a[i] = this.momentum * a[i]! + g[i]!;
          out[i] = w[i]! - lr * a[i]!;
        }
        return;
      case 'adam': {
        const c1 = 1 - BETA1 ** this.step;
        const c2 = 1 - BETA2 ** this.step;
        for (let i = 0; i < n; i++) {
          const gi = g[i]!;
          a[i] = BETA1 * a[i]! + (1 - BETA1) * gi;
          b![i] = BETA2 * b![i]! + (1 - BETA2) * gi * gi;
          out[i] = w[i]! - (lr * (a[i]! / c1)) / (Math.sqrt(b![i]! / c2) + this.epsilon);
        }
        return;
      }
      case 'rmsprop':
        for (let i = 0; i < n; i++) {
          const gi = g[i]!;
          a[i] = RMS_DECAY * a[i]! + (1 - RMS_DECAY) * gi * gi;
          out[i] = w[i]! - (lr * gi) / Math.sqrt(a[i]! + this.epsilon);
        }
        return;
    }
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { kind: this.kind, learningRate: this.learningRate, momentum: this.momentum };
  }

  override dispose(): void {
    this.state.clear();
  }
}
