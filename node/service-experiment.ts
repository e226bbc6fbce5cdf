/**
 * The engine service's experiments: `experiment.start` trains several networks one after
 * another through `train.start` (node/experiment.ts), telling every window as `experiment`
 * events; `experiment.cancel`; `experiment.presets`, resolved for this machine (whether CIFAR-10
 * is in the data folder's cache). Also the trainer an experiment uses, built from the training
 * handlers and the service's train events, which `netwright experiment` shares.
 */
import { randomUUID } from 'node:crypto';
import type { ApiEvent, methods, ReplyOf } from '../shared/api';
import { PRESET_IDS, presetFor } from '../shared/experiment/presets';
import type { NetwrightDocument } from '../shared/graph/schema';
import { startExperiment, type ExperimentTrainer, type RunningExperiment } from './experiment';
import { inCache } from './service-datasets';
import type { TrainingHandlers } from './service-training';

type ExperimentMethod = 'experiment.start' | 'experiment.cancel' | 'experiment.presets';
export type ExperimentHandlers = { [M in ExperimentMethod]: (request: ReturnType<(typeof methods)[M]['request']['parse']>) => Promise<ReplyOf<M>> };

/**
 * Events to the host, and to whoever else listens (an experiment waiting for its runs):
 * `const bus = eventBus(host.emit); trainingHandlers({ emit: bus.emit, … })`.
 */
export function eventBus(emit: (event: ApiEvent) => void) {
  const listeners = new Set<(event: ApiEvent) => void>();
  return {
    emit(event: ApiEvent) {
      emit(event);
      for (const listener of [...listeners]) listener(event);
    },
    listen(listener: (event: ApiEvent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** An experiment's trainer: runs started and stopped by the training handlers, their events heard on `bus`. */
export const experimentTrainer = (training: Pick<TrainingHandlers, 'train.start' | 'train.stop'>, bus: ReturnType<typeof eventBus>): ExperimentTrainer => ({
  start: async (doc, options, experiment) => (await training['train.start']({ doc, options, experiment })).runId,
  stop: (runId) => void training['train.stop']({ runId }),
  listen: (listener) => bus.listen((e) => e.type === 'train' && listener(e.runId, e.event)),
});

/** The presets as this machine will run them. */
export const experimentPresets = (cacheDir: string) => PRESET_IDS.map((id) => presetFor(id, inCache('cifar10', cacheDir)));

export interface ExperimentHost {
  bus: ReturnType<typeof eventBus>;
  training: Pick<TrainingHandlers, 'train.start' | 'train.stop'>;
  checkDocument(raw: unknown): NetwrightDocument;
  /** The data folder's cache (where CIFAR-10 is looked for). */
  cacheDir: string;
}

/** `experimentHandlers(host)`: the handlers, and `cancelAll()` for when the app quits (before its runs are stopped). */
export function experimentHandlers(host: ExperimentHost): { handlers: ExperimentHandlers; cancelAll(): void } {
  const running = new Map<string, RunningExperiment>();
  const trainer = experimentTrainer(host.training, host.bus);
  const handlers: ExperimentHandlers = {
    'experiment.start': async ({ name, networks, training, limit, engine }) => {
      const plan = { name, networks: networks.map((n) => ({ ...n, doc: host.checkDocument(n.doc) })), training, limit, engine };
      const id = randomUUID();
      const x = startExperiment(plan, trainer, (event) => host.bus.emit({ type: 'experiment', id, event }), id);
      running.set(id, x);
      void x.done.finally(() => running.delete(id));
      return x.experiment;
    },
    'experiment.cancel': async ({ id }) => ({ cancelled: running.get(id)?.cancel() ?? false }),
    'experiment.presets': async () => ({ presets: experimentPresets(host.cacheDir) }),
  };
  return {
    handlers,
    cancelAll() {
      for (const x of running.values()) x.cancel();
    },
  };
}
