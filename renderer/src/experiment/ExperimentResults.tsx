/** The Experiment tab's table: each network's parameters, status, its run and the last epoch's training and validation accuracy. */
import type { Experiment } from '../../../shared/api';

const statusText: Record<Experiment['networks'][number]['status'], string> = { waiting: 'Waiting', running: 'Training', done: 'Done', stopped: 'Stopped', error: 'Failed', skipped: 'Skipped' };
const pct = (x: number | undefined) => (x === undefined ? '—' : `${(100 * x).toFixed(1)}%`);
const count = (x: number) => (x >= 1e6 ? `${(x / 1e6).toFixed(2)}M` : x >= 1e3 ? `${(x / 1e3).toFixed(1)}K` : String(x));

export function ExperimentResults({ experiment }: { experiment: Experiment }) {
  const ended = { done: 'ended', cancelled: 'was cancelled', error: 'failed', running: 'is running' }[experiment.status];
  return (
    <table className="compare__table experiment__table">
      <caption>
        {experiment.name} on {experiment.datasetTitle} ({experiment.settings.epochs} epochs, batch {experiment.settings.batchSize}, {experiment.settings.optimizer} at {experiment.settings.learningRate}, seed {experiment.settings.seed}
        {experiment.limit ? `, first ${experiment.limit} samples` : ''}) {ended}
        {experiment.message ? `: ${experiment.message}` : ''}
      </caption>
      <thead>
        <tr>
          <th>Network</th>
          <th>Params</th>
          <th>Status</th>
          <th>Train acc</th>
          <th>Val acc</th>
        </tr>
      </thead>
      <tbody>
        {experiment.networks.map((n, i) => (
          <tr key={i}>
            <td>{n.name}</td>
            <td>{count(n.params)}</td>
            <td title={n.message}>{statusText[n.status]}</td>
            <td>{pct(n.epochs.at(-1)?.acc)}</td>
            <td>{pct(n.epochs.at(-1)?.valAcc)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
