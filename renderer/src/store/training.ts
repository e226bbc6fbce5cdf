/**
 * The state of the current training run and how each trainer event changes it. Pure: the store
 * calls `applyTrainEvent` inside `set`.
 */
import type { EpochMetrics, TrainEvent } from '../../../shared/api';

export type RunStatus = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'done' | 'error';

/** One plotted batch: `step` counts batches from the start of the run. */
export interface BatchPoint {
  step: number;
  loss: number;
  acc: number;
}

export interface TrainingState {
  status: RunStatus;
  runId?: string;
  engine?: string;
  backend?: string;
  epochs: number;
  batchesPerEpoch: number;
  /** The first epoch number the trainer reports (0 or 1), so steps and "Epoch 1/3" line up. */
  epochBase?: number;
  progress?: { epoch: number; batch: number; batches: number };
  points: BatchPoint[];
  epochMetrics: EpochMetrics[];
  samplesPerSecond?: number;
  message?: string;
}

export const idleTraining: TrainingState = { status: 'idle', epochs: 0, batchesPerEpoch: 0, points: [], epochMetrics: [] };

/** A run that was asked for and has no events yet. */
export const startingTraining = (epochs: number): TrainingState => ({ ...idleTraining, status: 'starting', epochs });

/** True while a run may still send events. */
export const isActive = (s: TrainingState) => s.status === 'starting' || s.status === 'running' || s.status === 'stopping';

/** The x position of a batch (batches count from 1 within an epoch): batches since the run began. */
export const stepOf = (s: TrainingState, epoch: number, batch: number, batches: number) =>
  (epoch - (s.epochBase ?? epoch)) * (batches || s.batchesPerEpoch) + batch;

/** The epoch as the user counts it, from 1: "Epoch 1/3". */
export const epochNumber = (s: TrainingState, epoch: number) => epoch - (s.epochBase ?? 1) + 1;

/** The state after one trainer event, e.g. a `batch` event appends a point. */
export function applyTrainEvent(s: TrainingState, ev: TrainEvent): TrainingState {
  switch (ev.type) {
    case 'start':
      return { ...s, status: s.status === 'stopping' ? 'stopping' : 'running', engine: ev.engine, backend: ev.backend, epochs: ev.epochs, batchesPerEpoch: ev.batchesPerEpoch };
    case 'batch': {
      const based = s.epochBase === undefined ? { ...s, epochBase: ev.epoch } : s;
      const point = { step: stepOf(based, ev.epoch, ev.batch, ev.batches), loss: ev.loss, acc: ev.acc };
      return { ...based, status: s.status === 'starting' ? 'running' : s.status, progress: { epoch: ev.epoch, batch: ev.batch, batches: ev.batches }, points: [...s.points, point] };
    }
    case 'epoch': {
      const { type: _, ...metrics } = ev;
      return { ...s, epochBase: s.epochBase ?? ev.epoch, epochMetrics: [...s.epochMetrics, metrics] };
    }
    case 'done':
      return { ...s, status: 'done', engine: ev.engine, backend: ev.backend, epochMetrics: ev.epochs.length ? ev.epochs : s.epochMetrics, samplesPerSecond: ev.samplesPerSecond };
    case 'stopped':
      return { ...s, status: 'stopped' };
    case 'error':
      return { ...s, status: 'error', message: ev.message };
    case 'log':
      return { ...s, message: ev.message };
    // Newer engine events (pause/resume, per-epoch evaluation): not shown yet.
    case 'paused':
    case 'resumed':
    case 'evaluation':
      return s;
  }
}
