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
 *
 * On wasm with the SIMD kernels the loop is simd/optimizer.c and the state lives in the wasm
 * memory (buffers of the backend's, not tensors: nothing else sees them), so no weight or
 * gradient is copied out and back. In JavaScript the loop took 0.7 ms of a 16 ms LeNet-5 step.
 */
import * as tf from '@tensorflow/tfjs';
import type { TensorInfo } from '@tensorflow/tfjs';
import { simdKernels, type SimdKernels } from './simd/simd-kernels';
import { memoryOffset, type WasmBackend } from './wasm-run';

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

/** The same state in the wasm memory: one buffer of `a` then `b`, zeros at first. */
interface WasmState {
  buffer: TensorInfo;
  backend: tf.KernelBackend;
}

/** simd/optimizer.c's number for each kind. */
const KERNEL_KIND: Record<FusedKind, number> = { sgd: 0, momentum: 1, adam: 2, rmsprop: 3 };

export class FusedOptimizer extends tf.Optimizer {
  static readonly className = 'NetwrightFusedOptimizer';

  private readonly state = new Map<string, State>();
  private readonly wasmState = new Map<string, WasmState>();
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
    const simd = tf.getBackend() === 'wasm' ? simdKernels(tf.backend()) : undefined;
    for (const [name, gradient] of pairs) {
      if (!gradient) continue;
      const variable = tf.engine().registeredVariables[name]!;
      if (simd) {
        this.updateOnWasm(simd, name, variable, gradient);
        continue;
      }
      const w = variable.dataSync() as Float32Array;
      const g = gradient.dataSync() as Float32Array;
      const next = new Float32Array(w.length);
      this.update(this.stateOf(name, w.length), w, g, next);
      tf.tidy(() => variable.assign(tf.tensor(next, variable.shape)));
    }
    this.incrementIterations();
  }

  /** The update as one SIMD kernel call, into a new tensor that the variable then holds. */
  private updateOnWasm(simd: SimdKernels, name: string, variable: tf.Variable, gradient: tf.Tensor): void {
    const backend = tf.backend();
    const n = variable.size;
    const { buffer } = this.wasmStateOf(name, n, backend);
    const at = (t: TensorInfo) => memoryOffset(backend, t);
    const out = (backend as unknown as WasmBackend).makeOutput(variable.shape, 'float32');
    const state = at(buffer);
    const [mu, rho] = this.kind === 'adam' ? [BETA1, BETA2] : [this.momentum, RMS_DECAY];
    const k1 = this.learningRate / (1 - BETA1 ** this.step);
    const k2 = 1 / (1 - BETA2 ** this.step);
    simd.run('optimizer_update', [[KERNEL_KIND[this.kind], at(variable), at(gradient), state, state + 4 * n, at(out), n, this.learningRate, mu, rho, k1, k2, this.epsilon]]);
    const next = tf.engine().makeTensorFromTensorInfo(out, backend);
    variable.assign(next);
    next.dispose();
  }

  private wasmStateOf(name: string, size: number, backend: tf.KernelBackend): WasmState {
    let s = this.wasmState.get(name);
    if (!s || s.backend !== backend) {
      const floats = this.kind === 'adam' ? 2 * size : this.kind === 'sgd' ? 0 : size;
      s = { buffer: (backend as unknown as WasmBackend).makeOutput([floats], 'float32', undefined, new Float32Array(floats)), backend };
      this.wasmState.set(name, s);
    }
    return s;
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
    for (const { buffer, backend } of this.wasmState.values()) backend.disposeData(buffer.dataId);
    this.wasmState.clear();
  }
}
