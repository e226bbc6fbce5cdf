/**
 * The state of the current training run and how each trainer event changes it. Pure: the store
 * calls `applyTrainEvent` inside `set`.
 */
import { describeBackend, type EpochMetrics, type Evaluation, type TrainEvent } from '../../../shared/api';
import type { HealthEvent } from '../../../shared/health';

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
  /** True between the trainer's `paused` and `resumed` events. */
  paused: boolean;
  /** Seconds left, from the last batch event. */
  eta?: number;
  /** After each epoch: confusion matrix, per-class accuracy and sample predictions; the latest is last. */
  evaluations: Evaluation[];
  /** The epoch with the best validation accuracy, once the run is done. */
  bestEpoch?: number;
  /** Where the app keeps this run's record (its id in the run history is `runId`). */
  runDir?: string;
  classNames?: string[];
  dataset?: string;
  /** What the run trains and what it leaves frozen (fine-tuning), from the start event. */
  parameters?: { trainable: number; frozen: number };
  /** Seconds per epoch that "Measure speed" estimated before the run, to compare with its epochs' own. */
  estimate?: number;
  /** The latest sampled health of the nodes (kept after the run ends, for the canvas's badges). */
  health?: HealthEvent;
}

export const idleTraining: TrainingState = { status: 'idle', epochs: 0, batchesPerEpoch: 0, points: [], epochMetrics: [], paused: false, evaluations: [] };

/** A run that was asked for and has no events yet. */
export const startingTraining = (epochs: number, estimate?: number): TrainingState => ({ ...idleTraining, status: 'starting', epochs, ...(estimate ? { estimate } : {}) });

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
      return {
        ...s,
        status: s.status === 'stopping' ? 'stopping' : 'running',
        engine: ev.engine,
        backend: describeBackend(ev.backend, ev.threads),
        epochs: ev.epochs,
        batchesPerEpoch: ev.batchesPerEpoch,
        runDir: ev.runDir,
        classNames: ev.classNames,
        dataset: ev.dataset,
        ...(ev.trainableParams !== undefined ? { parameters: { trainable: ev.trainableParams, frozen: ev.frozenParams ?? 0 } } : {}),
      };
    case 'batch': {
      const based = s.epochBase === undefined ? { ...s, epochBase: ev.epoch } : s;
      const point = { step: stepOf(based, ev.epoch, ev.batch, ev.batches), loss: ev.loss, acc: ev.acc };
      return {
        ...based,
        status: s.status === 'starting' ? 'running' : s.status,
        progress: { epoch: ev.epoch, batch: ev.batch, batches: ev.batches },
        points: [...s.points, point],
        eta: ev.eta,
      };
    }
    case 'epoch': {
      const { type: _, ...metrics } = ev;
      return { ...s, epochBase: s.epochBase ?? ev.epoch, epochMetrics: [...s.epochMetrics, metrics] };
    }
    case 'done':
      return {
        ...s,
        status: 'done',
        paused: false,
        eta: 0,
        engine: ev.engine,
        backend: s.backend ?? ev.backend,
        epochMetrics: ev.epochs.length ? ev.epochs : s.epochMetrics,
        samplesPerSecond: ev.samplesPerSecond,
        bestEpoch: ev.bestEpoch,
      };
    case 'stopped':
      return { ...s, status: 'stopped', paused: false };
    case 'error':
      return { ...s, status: 'error', paused: false, message: ev.message };
    case 'log':
      return { ...s, message: ev.message };
    case 'paused':
      return { ...s, paused: true };
    case 'resumed':
      return { ...s, paused: false };
    case 'evaluation': {
      const { type: _, ...evaluation } = ev;
      return { ...s, evaluations: [...s.evaluations, evaluation] };
    }
    case 'health':
      return { ...s, health: ev };
  }
}
