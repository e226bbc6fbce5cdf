/**
 * Learning-rate factors per layer (MATLAB's `WeightLearnRateFactor`, the document's `lrFactor`):
 * one optimizer per factor, each at the run's rate times its factor, behind one `tf.Optimizer`.
 * Scaling the rate, not the gradient, is what a factor means for Adam and RMSprop too (their
 * updates do not change with the gradient's scale), and each group keeps its own state, as
 * PyTorch's parameter groups do.
 */
import * as tf from '@tensorflow/tfjs';
import { disposeOptimizer, setLearningRate } from './optimizer';

interface Group {
  factor: number;
  optimizer: tf.Optimizer;
}

export class FactoredOptimizer extends tf.Optimizer {
  static readonly className = 'NetwrightFactoredOptimizer';

  learningRate: number;
  private readonly groups = new Map<number, Group>();

  /** `make()` builds one optimizer at the run's settings; `factors` maps a variable's name to its factor (1 where absent). */
  constructor(
    private readonly make: () => tf.Optimizer,
    private readonly factors: ReadonlyMap<string, number>,
    learningRate: number,
  ) {
    super();
    this.learningRate = learningRate;
  }

  private groupOf(factor: number): Group {
    let g = this.groups.get(factor);
    if (!g) {
      g = { factor, optimizer: this.make() };
      setLearningRate(g.optimizer, this.learningRate * factor);
      this.groups.set(factor, g);
    }
    return g;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const pairs = Array.isArray(variableGradients) ? variableGradients.map((g) => [g.name, g.tensor] as const) : Object.entries(variableGradients);
    const byFactor = new Map<number, tf.NamedTensorMap>();
    for (const [name, gradient] of pairs) {
      const factor = this.factors.get(name) ?? 1;
      if (!byFactor.has(factor)) byFactor.set(factor, {});
      byFactor.get(factor)![name] = gradient;
    }
    for (const [factor, gradients] of byFactor) this.groupOf(factor).optimizer.applyGradients(gradients);
    this.incrementIterations();
  }

  /** The run's rate (the schedule's): each group's becomes it times the group's factor. */
  setLearningRate(rate: number): void {
    this.learningRate = rate;
    for (const g of this.groups.values()) setLearningRate(g.optimizer, rate * g.factor);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate };
  }

  override dispose(): void {
    for (const g of this.groups.values()) disposeOptimizer(g.optimizer);
    this.groups.clear();
  }
}

/** `optimizerWithFactors(() => makeOptimizer(settings), plan.factors, settings.learningRate)`: the plain optimizer when no factor differs from 1. */
export function optimizerWithFactors(make: () => tf.Optimizer, factors: ReadonlyMap<string, number>, learningRate: number): tf.Optimizer {
  return factors.size === 0 ? make() : new FactoredOptimizer(make, factors, learningRate);
}
