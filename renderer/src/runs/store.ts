/**
 * The run history as the Runs and Results tabs show it: the list, which runs are ticked, what
 * the detail area shows, and each finished run's record once fetched. Actions only `set`; the
 * API calls are in commands.ts. Kept apart from the document store: none of it is undoable.
 */
import { create } from 'zustand';
import { useApp } from '../store/store';
import type { ReplyOf, RunSummary, SavedEvaluation } from '../../../shared/api';

export type RunRecord = ReplyOf<'runs.get'>;

/** What the Runs tab shows beside the list. */
export type RunsView =
  | { kind: 'curves' }
  | { kind: 'diff'; before: string; after: string }
  | { kind: 'evaluate'; id: string; result?: SavedEvaluation; busy?: boolean; error?: string };

export interface RunsState {
  runs: RunSummary[];
  loaded: boolean;
  /** The last failure of a history call, shown above the list. */
  error?: string;
  /** Ticked runs, in the order they were ticked. */
  selected: string[];
  view: RunsView;
  /** Records of finished runs (their events and document do not change; their summary follows the list's). */
  records: Record<string, RunRecord>;
  /** The run whose recorded results the Results tab shows; null: the current run. */
  resultsOf: string | null;
  /** Where a run's saved model is, once asked ("Save model"), and what saving it wrote (none when cancelled or too large to send). */
  savedModel?: { id: string; dir: string; saved?: string };
  setRuns(runs: RunSummary[]): void;
  setError(error: string | undefined): void;
  toggle(id: string): void;
  show(view: RunsView): void;
  keepRecord(record: RunRecord): void;
  showResultsOf(id: string | null): void;
  setSavedModel(saved: RunsState['savedModel']): void;
}

/** `useRuns((s) => s.runs)`; outside React, `useRuns.getState().toggle(id)`. */
export const useRuns = create<RunsState>()((set) => ({
  runs: [],
  loaded: false,
  selected: [],
  view: { kind: 'curves' },
  records: {},
  resultsOf: null,
  // Ticks and records of runs that are gone (deleted elsewhere) are dropped with them; a kept
  // record takes the list's summary, which has the run's latest name and note.
  setRuns: (runs) =>
    set((s) => {
      const byId = new Map(runs.map((r) => [r.id, r]));
      const records = Object.fromEntries(Object.entries(s.records).flatMap(([id, record]) => (byId.has(id) ? [[id, { ...record, run: byId.get(id)! }]] : [])));
      return { runs, loaded: true, error: undefined, selected: s.selected.filter((id) => byId.has(id)), records, resultsOf: s.resultsOf && byId.has(s.resultsOf) ? s.resultsOf : null };
    }),
  setError: (error) => set({ error }),
  toggle: (id) => set((s) => ({ selected: s.selected.includes(id) ? s.selected.filter((x) => x !== id) : [...s.selected, id] })),
  show: (view) => set({ view }),
  keepRecord: (record) => set((s) => ({ records: { ...s.records, [record.run.id]: record } })),
  showResultsOf: (resultsOf) => set({ resultsOf }),
  setSavedModel: (savedModel) => set({ savedModel }),
}));


// A new run is what the user wants to watch: the Results tab goes back to the current run.
useApp.subscribe((s, prev) => {
  if (s.training.status === 'starting' && prev.training.status !== 'starting' && useRuns.getState().resultsOf !== null) useRuns.getState().showResultsOf(null);
});
