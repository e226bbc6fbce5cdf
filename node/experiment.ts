/**
 * An experiment: several networks trained one after another on the training machinery of a
 * normal run (`train.start`: the same trainer process, the run history), each as a run tagged
 * with the experiment, all with one set of settings (the same data, split, seed, optimizer and
 * schedule), so their curves can be overlaid. Cancelling stops the current run and skips the
 * rest. A network whose run fails is marked so, and the next one goes on. The service
 * (service-experiment.ts) and `netwright experiment` (cli/experiment.ts) both run it.
 */
import { randomUUID } from 'node:crypto';
import type { Experiment, ExperimentEvent, ExperimentTag, TrainEvent, TrainOptions } from '../shared/api';
import { datasetTitle, parseDatasetSpec } from '../shared/datasets';
import { applyExperimentEvent } from '../shared/experiment/state';
import type { NetwrightDocument, Training } from '../shared/graph/schema';
import { inferGraph } from '../shared/infer';

/** How an experiment starts and stops runs, and hears their events (`train.start`'s, through the service's events). */
export interface ExperimentTrainer {
  start(doc: NetwrightDocument, options: TrainOptions, experiment: ExperimentTag): Promise<string>;
  stop(runId: string): void;
  /** Hear every run's events from now on; returns a function that stops listening. */
  listen(listener: (runId: string, event: TrainEvent) => void): () => void;
}

export interface ExperimentPlan {
  name: string;
  networks: { name: string; template?: string; doc: NetwrightDocument }[];
  /** Settings over the first network's own; every network trains with the result. */
  training?: Partial<Training>;
  limit?: number;
  engine?: TrainOptions['engine'];
}

export interface RunningExperiment {
  /** The state at the start. */
  experiment: Experiment;
  /** Stop the current run and skip the rest; false when the experiment has ended. */
  cancel(): boolean;
  /** The state at the end. */
  done: Promise<Experiment>;
}

/** The settings every network of `plan` trains with. */
export const experimentSettings = (plan: ExperimentPlan): Training => ({ ...plan.networks[0]!.doc.training, ...plan.training });

/**
 * Start `plan`: checks every network first (throws, naming the first with graph errors, before
 * any run starts), then trains them in order, telling `emit` what happens.
 * `const x = startExperiment(plan, trainer, (e) => …); await x.done`.
 */
export function startExperiment(plan: ExperimentPlan, trainer: ExperimentTrainer, emit: (event: ExperimentEvent) => void, id: string = randomUUID()): RunningExperiment {
  const settings = experimentSettings(plan);
  const parsed = parseDatasetSpec(settings.dataset);
  if (!parsed.ok) throw new Error(parsed.message);
  const networks = plan.networks.map(({ name, template, doc }) => {
    const { errors, totals } = inferGraph(doc.graph, doc.blocks);
    if (errors.length > 0) throw new Error(`"${name}" has ${errors.length} graph error(s); fix them before the experiment. First: ${errors[0]!.message}`);
    return { name, ...(template ? { template } : {}), params: totals.params, status: 'waiting' as const, epochs: [] };
  });
  let state: Experiment | undefined = {
    id,
    name: plan.name,
    dataset: settings.dataset,
    datasetTitle: datasetTitle(parsed.spec),
    settings,
    ...(plan.limit !== undefined ? { limit: plan.limit } : {}),
    ...(plan.engine ? { engine: plan.engine } : {}),
    status: 'running',
    networks,
  };
  const first = state;
  const send = (event: ExperimentEvent) => {
    state = applyExperimentEvent(state, event);
    emit(event);
  };
  const options: TrainOptions = { ...(plan.limit !== undefined ? { limit: plan.limit } : {}), ...(plan.engine ? { engine: plan.engine } : {}) };
  let cancelled = false;
  let current: string | undefined;
  let ended = false;

  /** Train network `index` to its end: resolves once its run has sent done, stopped or error. */
  const train = async (index: number): Promise<void> => {
    const early: [string, TrainEvent][] = [];
    let runId: string | undefined;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    const hear = (event: TrainEvent) => {
      if (event.type === 'batch') send({ type: 'batch', index, epoch: event.epoch, epochs: settings.epochs, batch: event.batch, batches: event.batches });
      else if (event.type === 'epoch') send({ type: 'epoch', index, metrics: { epoch: event.epoch, loss: event.loss, acc: event.acc, valLoss: event.valLoss, valAcc: event.valAcc, ...(event.seconds !== undefined ? { seconds: event.seconds } : {}) } });
      else if (event.type === 'done' || event.type === 'stopped' || event.type === 'error') {
        send({ type: 'network-end', index, status: event.type, ...(event.type === 'error' ? { message: event.message } : {}) });
        finish();
      }
    };
    // Events may come before start() answers with the run's id: they wait here until it does.
    const unlisten = trainer.listen((id, event) => (runId === undefined ? early.push([id, event]) : id === runId && hear(event)));
    try {
      const doc = { ...plan.networks[index]!.doc, training: settings };
      runId = await trainer.start(doc, options, { id, name: plan.name, index });
      current = runId;
      send({ type: 'network', index, runId });
      for (const [id, event] of early.splice(0)) if (id === runId) hear(event);
      if (cancelled) trainer.stop(runId);
      await finished;
    } catch (e) {
      send({ type: 'network-end', index, status: 'error', message: (e as Error).message });
    } finally {
      unlisten();
      current = undefined;
    }
  };

  send({ type: 'start', experiment: first });
  const done = (async () => {
    for (let i = 0; i < plan.networks.length && !cancelled; i++) await train(i);
    ended = true;
    const end: Experiment = {
      ...state!,
      status: cancelled ? 'cancelled' : 'done',
      networks: state!.networks.map((net) => (net.status === 'waiting' ? { ...net, status: 'skipped' as const } : net)),
    };
    send({ type: 'end', experiment: end });
    return end;
  })();
  return {
    experiment: first,
    cancel() {
      if (ended || cancelled) return false;
      cancelled = true;
      if (current) trainer.stop(current);
      return true;
    },
    done,
  };
}
