/**
 * Choices of the training panel that are not part of the document: which engine runs the next
 * run, and how the curves are shown. Kept outside the panel so they survive switching tabs.
 */
import { create } from 'zustand';
import type { ENGINES } from '../../../shared/api';

export type Engine = (typeof ENGINES)[number];

export interface TrainingView {
  engine: Engine;
  /** The smoothing slider, 0 (raw) to 0.99. */
  smoothing: number;
  /** Loss on a log axis. */
  logLoss: boolean;
  set(patch: Partial<Omit<TrainingView, 'set'>>): void;
}

/** `useTrainingView((v) => v.engine)`; outside React, `useTrainingView.getState()`. */
export const useTrainingView = create<TrainingView>()((set) => ({
  engine: 'tfjs',
  smoothing: 0.6,
  logLoss: false,
  set: (patch) => set(patch),
}));
