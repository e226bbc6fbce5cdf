/**
 * Train, pause, resume and stop: the commands behind the training panel, and the one
 * subscription that feeds trainer events into the store.
 */
import type { WeightsRef } from '../../../shared/api';
import { api } from '../api';
import { useApp } from '../store/store';
import { isActive } from '../store/training';
import { estimateKey, useTrainingView, type StartFrom } from '../store/trainingView';

const store = () => useApp.getState();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** What `train.start` is told to start from; an imported model's weights only for its own document. */
function weightsOf(from: StartFrom, loadId: number): WeightsRef | undefined {
  if (from.kind === 'file') return { name: from.name, base64: from.base64 };
  if (from.kind === 'imagenet') return { published: from.template };
  if (from.kind === 'imported' && from.loadId === loadId) return { imported: from.id };
  return undefined;
}

/** Start training the open document with its training settings, on the engine the panel names. */
export async function startTraining(): Promise<void> {
  if (isActive(store().training)) return;
  const { doc } = store();
  const { engine, measured, startFrom } = useTrainingView.getState();
  const estimate = measured?.key === estimateKey(doc, engine) ? { secondsPerEpoch: measured.secondsPerEpoch } : undefined;
  store().trainRequested(estimate?.secondsPerEpoch);
  try {
    const weights = weightsOf(startFrom, store().loadId);
    const { runId } = await api().call('train.start', { doc, options: { engine }, ...(estimate ? { estimate } : {}), ...(weights ? { weights } : {}) });
    store().trainStarted(runId);
    // Stop was pressed before the engine answered with the run's id.
    if (store().training.status === 'stopping') await stopTraining(true);
  } catch (e) {
    store().trainEnded('error', messageOf(e));
  }
}

/** Ask the trainer to stop; the run ends as "Stopped" once it confirms. */
export async function stopTraining(again = false): Promise<void> {
  const { training } = store();
  if (!isActive(training) || (training.status === 'stopping' && !again)) return;
  store().trainStopping();
  if (!training.runId) return;
  try {
    const { stopped } = await api().call('train.stop', { runId: training.runId });
    if (stopped && store().training.runId === training.runId) store().trainEnded('stopped');
  } catch (e) {
    store().showAlert({ source: 'train', message: `Could not stop training: ${messageOf(e)}` });
  }
}

/**
 * Pause between two batches, or resume. The panel shows "Paused" only when the trainer confirms
 * with its `paused` event (reduced into the store), so the state never claims more than is true.
 */
export async function pauseTraining(pause: boolean): Promise<void> {
  const { training } = store();
  if (training.status !== 'running' || !training.runId || training.paused === pause) return;
  try {
    if (pause) await api().call('train.pause', { runId: training.runId });
    else await api().call('train.resume', { runId: training.runId });
  } catch (e) {
    store().showAlert({ source: 'train', message: `Could not ${pause ? 'pause' : 'resume'} training: ${messageOf(e)}` });
  }
}

/** Route the engine's events into the store; returns the unsubscribe function. */
export function listenToEngine(): () => void {
  return api().onEvent((event) => {
    if (event.type === 'train') store().trainEvent(event);
  });
}
