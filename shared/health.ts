/**
 * Training health, in one place: which batches a run samples, the figures it reports per node
 * (gradient norm, update-to-weight ratio, dead ReLU units), the thresholds that make a figure a
 * warning, and the hint each warning gives. The trainer, the run history, `netwright train`, the
 * canvas badge and the training panel all read this file.
 *
 * Figures that are not finite (an exploding step makes NaN or ∞) travel as `null`: JSON, which
 * the run history and the browser mode carry, has no NaN.
 */
import { z } from 'zod';

/** Sample every this many batches (after batches 1, 2, 4, … up to it, where runs go wrong first). */
export const HEALTH_EVERY = 64;

/**
 * Whether the run's `step`-th batch (from 1, counted across epochs) is sampled: 1, 2, 4, …, `every`,
 * then every multiple of `every`. `isHealthStep(3)` → false; `isHealthStep(128)` → true; `every` 0: never.
 */
export function isHealthStep(step: number, every = HEALTH_EVERY): boolean {
  if (every <= 0 || step < 1) return false;
  return step % every === 0 || (step < every && (step & (step - 1)) === 0);
}

/** A figure that may have blown up: a number, or null where it was NaN or infinite. */
const Figure = z.number().nullable();

/** One node's figures on a sampled batch; `node` is the expanded document's id (`block/inner` inside a block instance). */
export const NodeHealthSchema = z.object({
  node: z.string(),
  /** The engine's layer (tfjs layer or PyTorch module) the figures were taken from. */
  layer: z.string(),
  /** ‖w‖ before the step, over all of the node's trainable weights. */
  weightNorm: Figure.optional(),
  /** ‖∇w‖ of the loss on the sampled batch. */
  gradNorm: Figure.optional(),
  /** ‖Δw‖ / ‖w‖ over the step: about 1e-3 is healthy. */
  updateRatio: Figure.optional(),
  /** ReLU-family outputs only: the share of units (channels, or a Dense layer's neurons) that were zero for the whole batch. */
  dead: z.number().min(0).max(1).optional(),
  /** How many units `dead` is a share of. */
  units: z.number().int().optional(),
});

/** The `health` trainer event: every node's figures for one sampled batch. */
export const HealthEventSchema = z.object({
  type: z.literal('health'),
  epoch: z.number(),
  batch: z.number(),
  /** Batches since the run began, from 1. */
  step: z.number().int(),
  nodes: z.array(NodeHealthSchema),
});

export type NodeHealth = z.infer<typeof NodeHealthSchema>;
export type HealthEvent = z.infer<typeof HealthEventSchema>;

/** Above this ‖Δw‖/‖w‖ a step rewrites a tenth of the weights at once: the learning rate is far too high. */
export const EXPLODING_UPDATE_RATIO = 0.1;
/** Above this gradient norm (per node) the gradient is exploding. */
export const EXPLODING_GRADIENT = 1e3;
/** Below this ‖∇w‖/‖w‖ the gradient has vanished: the node barely learns. */
export const VANISHING_GRADIENT = 1e-7;
/** Above this share of dead units a warning is given. */
export const DEAD_SHARE = 0.5;

export type HealthIssue = 'exploding' | 'vanishing' | 'dead';

/** The hint each warning gives. */
export const HEALTH_HINTS: Record<HealthIssue, string> = {
  exploding: 'Lower the learning rate (e.g. ÷10), or add BatchNorm.',
  vanishing: 'Add BatchNorm, or use a residual block so the gradient has a short path back.',
  dead: 'Lower the learning rate, or add BatchNorm before the ReLU.',
};

export const HEALTH_TITLES: Record<HealthIssue, string> = { exploding: 'Exploding gradient', vanishing: 'Vanishing gradient', dead: 'Dead units' };

/** One warning about one node: what, the figure that shows it, and what to do. */
export interface HealthWarning {
  node: string;
  issue: HealthIssue;
  /** The figure in words, e.g. "‖Δw‖/‖w‖ = 3.2 per step (healthy ≈ 0.001)". */
  figure: string;
  hint: string;
}

/** "3.2", "0.0012", "1.5e-9", "NaN/∞". */
export const figureText = (v: number | null | undefined): string => (v === null || v === undefined ? 'NaN/∞' : v === 0 ? '0' : Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3 ? v.toExponential(1) : Number(v.toPrecision(2)).toString());

const warning = (node: string, issue: HealthIssue, figure: string): HealthWarning => ({ node, issue, figure, hint: HEALTH_HINTS[issue] });

/**
 * What is wrong with one node's figures, worst first:
 * `nodeWarnings({ node: 'C1', layer: 'C1', gradNorm: 2, weightNorm: 1, updateRatio: 4 })` → one `exploding` warning.
 */
export function nodeWarnings(h: NodeHealth): HealthWarning[] {
  const out: HealthWarning[] = [];
  if (h.gradNorm === null || h.updateRatio === null) out.push(warning(h.node, 'exploding', `gradient norm ${figureText(h.gradNorm)}, ‖Δw‖/‖w‖ ${figureText(h.updateRatio)}: the step is not finite`));
  else if (h.updateRatio !== undefined && h.updateRatio > EXPLODING_UPDATE_RATIO) out.push(warning(h.node, 'exploding', `‖Δw‖/‖w‖ = ${figureText(h.updateRatio)} per step (healthy ≈ 0.001), gradient norm ${figureText(h.gradNorm)}`));
  else if (h.gradNorm !== undefined && h.gradNorm > EXPLODING_GRADIENT) out.push(warning(h.node, 'exploding', `gradient norm ${figureText(h.gradNorm)}`));
  else if (h.gradNorm !== undefined && h.weightNorm && h.gradNorm / h.weightNorm < VANISHING_GRADIENT) out.push(warning(h.node, 'vanishing', `‖∇w‖/‖w‖ = ${figureText(h.gradNorm / h.weightNorm)}`));
  if (h.dead !== undefined && h.dead > DEAD_SHARE) out.push(warning(h.node, 'dead', `${Math.round(h.dead * 100)} % of ${h.units ?? '?'} units were zero for the whole batch`));
  return out;
}

/** A warning in one line: "c1 — Exploding gradient: ‖Δw‖/‖w‖ = 4.8 per step (healthy ≈ 0.001), gradient norm 0.66. Lower the learning rate…". */
export const warningText = (w: HealthWarning): string => `${w.node} — ${HEALTH_TITLES[w.issue]}: ${w.figure}. ${w.hint}`;

/** Every warning of a health event. */
export const healthWarnings = (e: Pick<HealthEvent, 'nodes'>): HealthWarning[] => e.nodes.flatMap(nodeWarnings);

/**
 * The figures of a node as the canvas shows it: the node itself, or a block instance's inner
 * nodes (`b1/conv1`, `b1/b2/relu`). `healthOfNode(event, 'b1')` → the figures of every layer in b1.
 */
export const healthOfNode = (e: Pick<HealthEvent, 'nodes'>, id: string): NodeHealth[] => e.nodes.filter((n) => n.node === id || n.node.startsWith(`${id}/`));

/** The figures of one node in a line: "‖∇w‖ 0.42 · ‖Δw‖/‖w‖ 0.0011 · dead 12 %". */
export function healthLine(h: NodeHealth): string {
  const parts: string[] = [];
  if (h.gradNorm !== undefined) parts.push(`‖∇w‖ ${figureText(h.gradNorm)}`);
  if (h.updateRatio !== undefined) parts.push(`‖Δw‖/‖w‖ ${figureText(h.updateRatio)}`);
  if (h.dead !== undefined) parts.push(`dead ${Math.round(h.dead * 100)} %`);
  return parts.join(' · ');
}

/** A non-finite figure as it travels (null). */
export const finiteOrNull = (v: number): number | null => (Number.isFinite(v) ? v : null);

/**
 * Whether a layer's output is a ReLU's, whose units can die: Conv2D and Dense with a fused ReLU,
 * and the Activation layer's relu and relu6 (leaky ReLU, ELU and GELU never output exactly zero).
 */
export function isReluOutput(kind: string, params: Record<string, unknown> | undefined): boolean {
  if (kind === 'Activation') return params?.fn === 'relu' || params?.fn === 'relu6';
  return (kind === 'Conv2D' || kind === 'Dense') && params?.activation === 'relu';
}
