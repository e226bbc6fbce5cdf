/**
 * Train and Stop: the commands behind the training panel, and the one subscription that feeds
 * trainer events into the store.
 */
import { api } from '../api';
import { useApp } from '../store/store';
import { isActive } from '../store/training';

const store = () => useApp.getState();
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Start training the open document with its training settings. */
export async function startTraining(): Promise<void> {
  if (isActive(store().training)) return;
  const { doc } = store();
  store().trainRequested();
  try {
    const { runId } = await api().call('train.start', { doc });
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

/** Route the engine's events into the store; returns the unsubscribe function. */
export function listenToEngine(): () => void {
  return api().onEvent((event) => store().trainEvent(event));
}
