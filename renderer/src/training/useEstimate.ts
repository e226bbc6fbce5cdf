/**
 * The memory estimate of the next run, kept current: recomputed (cheaply, without the timing
 * probe) a moment after the graph or the settings change, and on demand with the probe, which
 * times a few real training steps and so gives seconds per epoch.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Estimate } from '../../../shared/api';
import { inferenceOf } from '../../../shared/document/inference';
import type { NetwrightDocument } from '../../../shared/graph/schema';
import { api } from '../api';
import { useApp } from '../store/store';
import { estimateKey, useTrainingView } from '../store/trainingView';

/** Quiet time after the last edit before asking again: typing "128" asks once, not three times. */
const DEBOUNCE_MS = 400;

/** Why a document cannot be estimated yet, or undefined when it can. */
function whyNoEstimate(doc: NetwrightDocument): string | undefined {
  if (doc.graph.nodes.length === 0) return 'add layers to see what a run needs.';
  const { errors } = inferenceOf(doc);
  if (errors.length > 0) return `fix the graph's ${errors.length === 1 ? 'error' : `${errors.length} errors`} first.`;
  return undefined;
}

export interface EstimateState {
  estimate?: Estimate;
  error?: string;
  /** Seconds per epoch and the like, from the last "Measure speed" of this same model and settings. */
  measured?: Estimate['time'];
  measureError?: string;
  measuring: boolean;
  measure(): void;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** `const { estimate, measure } = useEstimate()`; mounted only while no run is active (a probe would slow the run). */
export function useEstimate(): EstimateState {
  const doc = useApp((s) => s.doc);
  const engine = useTrainingView((v) => v.engine);
  const [state, setState] = useState<Omit<EstimateState, 'measure' | 'measuring'> & { key?: string; measuredKey?: string }>({});
  const [measuring, setMeasuring] = useState(false);
  const asked = useRef('');

  useEffect(() => {
    const timer = setTimeout(() => {
      const key = estimateKey(doc, engine);
      if (key === asked.current) return;
      asked.current = key;
      // The engine refuses a graph with errors; say so here rather than relay its refusal.
      const blocked = whyNoEstimate(doc);
      if (blocked) {
        setState((s) => ({ ...s, key, estimate: undefined, error: blocked }));
        return;
      }
      api()
        .call('train.estimate', { doc, options: { engine }, probe: false })
        .then(
          (estimate) => asked.current === key && setState((s) => ({ ...s, key, estimate, error: undefined })),
          (e: unknown) => asked.current === key && setState((s) => ({ ...s, key, estimate: undefined, error: messageOf(e) })),
        );
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [doc, engine]);

  const measure = useCallback(() => {
    const { doc: current } = useApp.getState();
    const key = estimateKey(current, engine);
    setMeasuring(true);
    api()
      .call('train.estimate', { doc: current, options: { engine }, probe: true })
      .then(
        (estimate) => {
          setState((s) => ({ ...s, measured: estimate.time, measureError: estimate.timeError, measuredKey: key }));
          // Kept with the run that starts next, to show afterwards how far off it was.
          useTrainingView.getState().set({ measured: estimate.time ? { key, secondsPerEpoch: estimate.time.secondsPerEpoch } : undefined });
        },
        (e: unknown) => setState((s) => ({ ...s, measured: undefined, measureError: messageOf(e), measuredKey: key })),
      )
      .finally(() => setMeasuring(false));
  }, [engine]);

  // A measurement belongs to the model and settings it was taken with.
  const current = state.measuredKey !== undefined && state.measuredKey === state.key;
  return {
    estimate: state.estimate,
    error: state.error,
    measured: current ? state.measured : undefined,
    measureError: current ? state.measureError : undefined,
    measuring,
    measure,
  };
}
