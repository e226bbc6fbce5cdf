/**
 * Choices of the training panel that are not part of the document: which engine runs the next
 * run, the weights it starts from, and how the curves are shown. Kept outside the panel so they survive switching tabs.
 */
import { create } from 'zustand';
import type { ENGINES } from '../../../shared/api';
import type { NetwrightDocument } from '../../../shared/graph/schema';

export type Engine = (typeof ENGINES)[number];

/**
 * The weights the next run starts from: random, a file's bytes, the template's cached ImageNet
 * weights, or an imported ONNX model's, kept in the data folder, for the document of `loadId`
 * (the document store's count of replacements) only (StartFrom.tsx).
 */
export type StartFrom = { kind: 'random' } | { kind: 'file'; name: string; base64: string } | { kind: 'imagenet'; template: string } | { kind: 'imported'; id: string; name: string; loadId: number };

export interface TrainingView {
  engine: Engine;
  /** The smoothing slider, 0 (raw) to 0.99. */
  smoothing: number;
  /** Loss on a log axis. */
  logLoss: boolean;
  /** The last "Measure speed": seconds per epoch for the model, settings and engine of `key` (`estimateKey`). */
  measured?: { key: string; secondsPerEpoch: number };
  startFrom: StartFrom;
  set(patch: Partial<Omit<TrainingView, 'set'>>): void;
}

/** `useTrainingView((v) => v.engine)`; outside React, `useTrainingView.getState()`. */
export const useTrainingView = create<TrainingView>()((set) => ({
  engine: 'tfjs',
  smoothing: 0.6,
  logLoss: false,
  startFrom: { kind: 'random' },
  set: (patch) => set(patch),
}));

/**
 * What the estimate depends on: the model and the settings, not where the nodes sit on the
 * canvas, so dragging a node neither asks again nor throws away a measured speed.
 */
export function estimateKey(doc: NetwrightDocument, engine: string): string {
  const nodes = doc.graph.nodes.map((n) => [n.id, n.kind, n.params]);
  const blocks = doc.blocks.map((b) => [b.id, b.params, b.graph.nodes.map((n) => [n.id, n.kind, n.params]), b.graph.edges]);
  return JSON.stringify([nodes, doc.graph.edges, blocks, doc.training, engine]);
}
