/**
 * An experiment's state from its events: the service keeps it this way, and so do the Experiment
 * tab and `netwright experiment`, so that all three agree on what a network's status is.
 * `applyExperimentEvent(state, { type: 'epoch', index: 0, metrics })` → a new state.
 */
import type { EpochMetrics, Experiment, ExperimentEvent } from '../api';

/** Where the experiment is: network `index` of `count`, its epoch and batch, as a fraction of the whole (0..1). */
export interface ExperimentProgress {
  index: number;
  count: number;
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  fraction: number;
}

/** The state after `event` (a new object; `state` is left as it was). Events for a network that is not there change nothing. */
export function applyExperimentEvent(state: Experiment | undefined, event: ExperimentEvent): Experiment | undefined {
  if (event.type === 'start' || event.type === 'end') return event.experiment;
  if (!state || event.type === 'batch' || !state.networks[event.index]) return state;
  const networks = state.networks.map((net, i) => {
    if (i !== event.index) return net;
    switch (event.type) {
      case 'network':
        return { ...net, runId: event.runId, status: 'running' as const, epochs: [] };
      case 'epoch':
        return { ...net, epochs: [...net.epochs, event.metrics] };
      case 'network-end':
        return { ...net, status: event.status, ...(event.message ? { message: event.message } : {}) };
    }
  });
  return { ...state, networks };
}

/** How far along the experiment is, from a batch event: each network an equal share, each epoch an equal share of it. */
export function progressOf(state: Experiment, batch: Extract<ExperimentEvent, { type: 'batch' }>): ExperimentProgress {
  const count = state.networks.length;
  const within = (batch.epoch - 1 + batch.batch / Math.max(1, batch.batches)) / Math.max(1, batch.epochs);
  return { index: batch.index, count, epoch: batch.epoch, epochs: batch.epochs, batch: batch.batch, batches: batch.batches, fraction: Math.min(1, (batch.index + within) / Math.max(1, count)) };
}

/** A network's last epoch, if it trained one. */
export const lastEpoch = (net: { epochs: readonly EpochMetrics[] }): EpochMetrics | undefined => net.epochs.at(-1);
