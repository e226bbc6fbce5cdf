/** The run's progress in words, as the training panel shows it. */
import { epochNumber, type TrainingState } from '../store/training';

/** "Epoch 1/3 · batch 120/250", once the run has reported a batch; '' before. */
export function progressText(t: TrainingState): string {
  if (!t.progress) return '';
  return `Epoch ${epochNumber(t, t.progress.epoch)}/${t.epochs} · batch ${t.progress.batch}/${t.progress.batches}`;
}
