/**
 * The Experiment tab's state: the experiment it shows (the latest any window started, folded
 * from the service's `experiment` events by shared/experiment/state.ts), where it is, the
 * presets, and the last failure. The API calls are here too, few as they are: start, cancel,
 * the presets; and showing the experiment's runs together in the Runs tab. Kept apart from the document store: none of it is undoable.
 */
import { create } from 'zustand';
import type { Experiment, ExperimentPreset, RequestOf } from '../../../shared/api';
import { applyExperimentEvent, progressOf, type ExperimentProgress } from '../../../shared/experiment/state';
import { api } from '../api/index';
import { useRuns } from '../runs/store';
import { usePanels } from '../store/panels';

export interface ExperimentState {
  experiment?: Experiment;
  progress?: ExperimentProgress;
  presets?: ExperimentPreset[];
  /** Asked to start, no answer yet. */
  starting: boolean;
  error?: string;
}

export const useExperiment = create<ExperimentState>()(() => ({ starting: false }));

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

let listening = false;
/** Follow the service's experiment events from now on (once per window; the tab calls it as it first shows). */
export function listenToExperiments(): void {
  if (listening) return;
  listening = true;
  api().onEvent((e) => {
    if (e.type !== 'experiment') return;
    useExperiment.setState((s) => {
      // A new experiment (of this window or another) takes the tab; others' later events are ignored.
      if (e.event.type === 'start') return { experiment: e.event.experiment, progress: undefined };
      if (s.experiment?.id !== e.id) return {};
      if (e.event.type === 'batch') return { progress: progressOf(s.experiment, e.event) };
      return { experiment: applyExperimentEvent(s.experiment, e.event), ...(e.event.type === 'end' ? { progress: undefined } : {}) };
    });
  });
}

/** Start an experiment; its state arrives as events (the reply is its first state). */
export async function startExperiment(request: RequestOf<'experiment.start'>): Promise<void> {
  listenToExperiments();
  useExperiment.setState({ starting: true, error: undefined });
  try {
    const experiment = await api().call('experiment.start', request);
    useExperiment.setState((s) => (s.experiment?.id === experiment.id ? {} : { experiment, progress: undefined }));
  } catch (e) {
    useExperiment.setState({ error: messageOf(e) });
  } finally {
    useExperiment.setState({ starting: false });
  }
}

/** Cancel the experiment the tab shows: its run stops, the rest are skipped. */
export async function cancelExperiment(): Promise<void> {
  const id = useExperiment.getState().experiment?.id;
  if (!id) return;
  try {
    await api().call('experiment.cancel', { id });
  } catch (e) {
    useExperiment.setState({ error: messageOf(e) });
  }
}

/** The presets as this machine runs them (fetched once). */
export async function loadPresets(): Promise<void> {
  if (useExperiment.getState().presets) return;
  try {
    const { presets } = await api().call('experiment.presets', {});
    useExperiment.setState({ presets });
  } catch (e) {
    useExperiment.setState({ error: messageOf(e) });
  }
}

/** Tick the experiment's runs in the Runs tab (and nothing else there), and show it: their curves overlay as any runs' do. */
export function overlayInRuns(experiment: Experiment): void {
  useRuns.setState({ selected: experiment.networks.flatMap((n) => (n.runId ? [n.runId] : [])), view: { kind: 'curves' } });
  usePanels.getState().showDock('runs');
}
