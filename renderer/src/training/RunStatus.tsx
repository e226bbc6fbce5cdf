/**
 * Train, Pause/Resume and Stop, the progress bar with the time left, and the run's state in
 * words ("Training", "Paused", "Stopped", …) with the engine and backend that run it. Train is
 * disabled while the network cannot train (no Input, or errors), with the reason as its tooltip.
 */
import { memo } from 'react';
import { pauseTraining, startTraining, stopTraining } from '../commands/training';
import { useApp } from '../store/store';
import { isActive, type TrainingState } from '../store/training';
import { trainBlocker } from '../ui/problems';
import { duration, estimateOff, etaText, secondsPerEpoch } from '../../../shared/timeText';
import { HealthLine } from './HealthLine';
import { progressSteps, progressText } from './progress';

const statusText: Record<TrainingState['status'], string> = {
  idle: 'Not started',
  starting: 'Starting…',
  running: 'Training',
  stopping: 'Stopping…',
  stopped: 'Stopped',
  done: 'Done',
  error: 'Failed',
};

function RunStatusImpl({ t }: { t: TrainingState }) {
  const active = isActive(t);
  const blocker = useApp((s) => trainBlocker(s.doc));
  const paused = t.status === 'running' && t.paused;
  const { done, total } = progressSteps(t);
  const progress = progressText(t);
  const eta = t.status === 'running' && !paused ? etaText(t.eta) : '';
  return (
    <div className="run-status">
      <div className="training__buttons">
        <button type="button" className="button button--primary" onClick={() => void startTraining()} disabled={active || blocker !== undefined} title={blocker}>
          Train
        </button>
        {/* Pause becomes Resume in place, so the button under the pointer undoes what it did. */}
        <button type="button" className="button" onClick={() => void pauseTraining(!paused)} disabled={t.status !== 'running' || !t.runId}>
          {paused ? 'Resume' : 'Pause'}
        </button>
        <button type="button" className="button" onClick={() => void stopTraining()} disabled={!active || t.status === 'stopping'}>
          Stop
        </button>
      </div>
      <div
        className={`run-status__bar${paused ? ' run-status__bar--paused' : ''}`}
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={progress || undefined}
      >
        <div style={{ width: total ? `${(100 * done) / total}%` : 0 }} />
      </div>
      <p className="training__status">
        {/* Only the state is announced: the batch count and time left change many times a second. */}
        <span role="status">
          <span className={`training__state training__state--${paused ? 'paused' : t.status}`}>{paused ? 'Paused' : statusText[t.status]}</span>
        </span>
        {progress ? <span className="training__progress">{progress}</span> : null}
        {eta ? <span className="training__eta">{eta}</span> : null}
      </p>
      <EstimateCheck t={t} />
      <HealthLine health={t.health} />
      {t.engine ? (
        <p className="training__engine">
          Engine: {t.engine} · Backend: {t.backend}
          {t.samplesPerSecond ? ` · ${Math.round(t.samplesPerSecond).toLocaleString('en-US')} samples/s` : ''}
        </p>
      ) : null}
      {t.parameters?.frozen ? (
        <p className="training__parameters">
          Parameters: {t.parameters.trainable.toLocaleString('en-US')} trainable · {t.parameters.frozen.toLocaleString('en-US')} frozen
        </p>
      ) : null}
    </div>
  );
}

/** Once a run has ended: how long its epochs took, and how far off the speed measured before it was. */
function EstimateCheck({ t }: { t: TrainingState }) {
  const took = isActive(t) ? undefined : secondsPerEpoch(t.epochMetrics);
  if (took === undefined) return null;
  return <p className="training__estimate-check">{t.estimate ? `Speed: ${estimateOff(t.estimate, took)}.` : `Took ${duration(took)} an epoch (Measure speed before a run to check the estimate).`}</p>;
}

/** The run's buttons and progress. */
export const RunStatus = memo(RunStatusImpl);
