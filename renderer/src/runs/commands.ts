/**
 * The run history's commands: fetch the list, delete a run, fetch a run's record, compare two
 * runs' architectures, open a run's results, evaluate its saved weights and save its model.
 * Failures are shown in the Runs tab, never thrown at the caller.
 */
import type { RunWeights } from '../../../shared/api';
import { api } from '../api';
import { usePanels } from '../store/panels';
import { saveFiles } from '../files/fileAccess';
import { useRuns, type RunRecord } from './store';

const runs = () => useRuns.getState();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Fetch the runs list again. */
export async function refreshRuns(): Promise<void> {
  try {
    runs().setRuns((await api().call('runs.list', {})).runs);
  } catch (e) {
    runs().setError(`Could not read the run history: ${messageOf(e)}`);
  }
}

/** Delete a finished run and its weights, then show the list without it. */
export async function deleteRun(id: string): Promise<void> {
  try {
    const { deleted } = await api().call('runs.delete', { id });
    if (!deleted) runs().setError('A run that is still training cannot be deleted; stop it first.');
  } catch (e) {
    runs().setError(`Could not delete the run: ${messageOf(e)}`);
  }
  await refreshRuns();
}

/** A run's record (document, events); a finished run's is fetched once and kept. */
async function record(id: string): Promise<RunRecord> {
  const kept = runs().records[id];
  if (kept) return kept;
  const got = await api().call('runs.get', { id });
  if (got.run.status !== 'running') runs().keepRecord(got);
  return got;
}

/** Rename a run or change its note, then show the list with it. */
export async function updateRun(id: string, patch: { title?: string; note?: string }): Promise<void> {
  try {
    await api().call('runs.update', { id, ...patch });
  } catch (e) {
    runs().setError(`Could not change the run: ${messageOf(e)}`);
  }
  await refreshRuns();
}

/** Fetch a finished run's record for showing (the Results tab's latest run); a failure is shown in the Runs tab. */
export async function fetchRecord(id: string): Promise<void> {
  try {
    await record(id);
  } catch (e) {
    runs().setError(`Could not read the run: ${messageOf(e)}`);
  }
}

/** Compare the architectures of two runs, the one started first as "before". */
export async function compareArchitectures(ids: readonly string[]): Promise<void> {
  const [before, after] = runs()
    .runs.filter((r) => ids.includes(r.id))
    .sort((a, b) => a.started.localeCompare(b.started))
    .map((r) => r.id);
  if (!before || !after) return;
  try {
    await Promise.all([record(before), record(after)]);
    runs().show({ kind: 'diff', before, after });
  } catch (e) {
    runs().setError(`Could not read the runs to compare: ${messageOf(e)}`);
  }
}

/** Show a run's recorded evaluations (confusion matrix per epoch) in the Results tab. */
export async function openResults(id: string): Promise<void> {
  try {
    await record(id);
    runs().showResultsOf(id);
    usePanels.getState().showDock('results');
  } catch (e) {
    runs().setError(`Could not read the run: ${messageOf(e)}`);
  }
}

/** Evaluate a run's saved weights on a dataset (its own when `dataset` is empty) in a trainer process. */
export async function evaluateRun(id: string, dataset: string, weights: RunWeights): Promise<void> {
  runs().show({ kind: 'evaluate', id, busy: true });
  try {
    const result = await api().call('runs.evaluate', { id, weights, ...(dataset.trim() ? { dataset: dataset.trim() } : {}) });
    if (isShowing(id)) runs().show({ kind: 'evaluate', id, result });
  } catch (e) {
    if (isShowing(id)) runs().show({ kind: 'evaluate', id, error: messageOf(e) });
  }
}

const isShowing = (id: string) => {
  const view = runs().view;
  return view.kind === 'evaluate' && view.id === id;
};

/**
 * "Save model": save a run's weights (final, or best for a run stopped early) in the
 * TensorFlow.js format (model.json, weights.bin, and Netwright's netwright.json, which
 * `netwright evaluate` reads) — into a folder chosen in the desktop app's dialog, or as
 * downloads in the browser — and say where the run keeps them. A model too large to send is
 * only pointed to.
 */
export async function saveModel(id: string, weights: RunWeights = 'final'): Promise<void> {
  try {
    const { dir, files } = await api().call('runs.model', { id, weights });
    const saved = files?.length ? await saveFiles(files) : null;
    runs().setSavedModel({ id, dir, saved: saved ?? undefined });
  } catch (e) {
    runs().setError(`Could not save the model: ${messageOf(e)}`);
  }
}

/** The events after which the list is out of date. */
const LIST_CHANGES: ReadonlySet<string> = new Set(['start', 'epoch', 'done', 'stopped', 'error']);

/**
 * Keep the list current: a run appears when it starts, gains a point on its curve after each
 * epoch and gets its status when it ends. Returns the unsubscribe function.
 */
export function followRuns(): () => void {
  return api().onEvent((e) => {
    if (e.type === 'train' && LIST_CHANGES.has(e.event.type)) void refreshRuns();
  });
}
