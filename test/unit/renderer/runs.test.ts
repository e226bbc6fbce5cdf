import { describe, expect, it } from 'vitest';
import type { RunSummary, TrainEvent } from '../../../shared/api';
import { diffGraphs } from '../../../shared/graph/diff';
import { lenet5 } from '../../../shared/templates/lenet5';
import { changeText, edgeText, value } from '../../../renderer/src/runs/diffText';
import { bestValAcc, cellShade, evaluationAt, evaluationsOf, overallAccuracy, percent } from '../../../renderer/src/runs/evaluation';
import { overlaySeries, RUN_COLOURS, runLabel } from '../../../renderer/src/runs/overlay';
import { useRuns } from '../../../renderer/src/runs/store';
import { useApp } from '../../../renderer/src/store/store';

const epoch = (n: number, valAcc: number) => ({ epoch: n, loss: 1 / n, acc: valAcc + 0.01, valLoss: 1.1 / n, valAcc });
const run = (id: string, started: string, accs: number[]): RunSummary => ({
  id,
  name: 'LeNet-5',
  started,
  status: 'done',
  dataset: 'mnist',
  settings: {},
  epochs: accs.map((a, i) => epoch(i + 1, a)),
  weights: { final: true, best: true },
});
const evaluation = (e: number) => ({ epoch: e, classNames: ['a', 'b'], confusion: [[3, 1], [0, 4]], perClassAccuracy: [0.75, 1], samples: [] });

describe('evaluation helpers', () => {
  it('reads overall accuracy off the diagonal', () => {
    expect(overallAccuracy([[3, 1], [0, 4]])).toBe(7 / 8);
    expect(overallAccuracy([])).toBe(0);
  });
  it('shades a cell by its share of the row, small shares lifted', () => {
    expect(cellShade(0, 10)).toBe(0);
    expect(cellShade(10, 10)).toBe(1);
    expect(cellShade(1, 100)).toBe(0.1);
    expect(cellShade(3, 0)).toBe(0);
  });
  it('writes percentages with one decimal, and a dash for a class without samples', () => {
    expect(percent(0.9731)).toBe('97.3%');
    expect(percent(null)).toBe('—');
  });
  it('picks the evaluation of an epoch, or the latest', () => {
    const all = [evaluation(1), evaluation(2), evaluation(3)];
    expect(evaluationAt(all, 2)?.epoch).toBe(2);
    expect(evaluationAt(all, null)?.epoch).toBe(3);
    expect(evaluationAt(all, 9)?.epoch).toBe(3);
    expect(evaluationAt([], null)).toBeUndefined();
  });
  it('takes the evaluations out of a run\'s recorded events, in order', () => {
    const events: TrainEvent[] = [{ type: 'log', message: 'x' }, { type: 'evaluation', ...evaluation(1) }, { type: 'epoch', ...epoch(1, 0.5) }, { type: 'evaluation', ...evaluation(2) }];
    expect(evaluationsOf(events)).toEqual([evaluation(1), evaluation(2)]);
  });
  it('finds the best validation accuracy', () => {
    expect(bestValAcc(run('a', '2026-01-01T10:00:00Z', [0.5, 0.9, 0.8]).epochs)).toBe(0.9);
    expect(bestValAcc([])).toBeNull();
  });
});

describe('overlaid curves', () => {
  it('gives each run a training line and validation dots in its own colour, epochs from 1', () => {
    const runs = [run('a', '2026-01-01T10:00:00Z', [0.5, 0.9]), run('b', '2026-01-01T11:00:00Z', [0.7, 0.8, 0.95])];
    const series = overlaySeries(runs, 'acc');
    expect(series.map((s) => [s.label.endsWith('train'), s.color, s.dots])).toEqual([
      [true, RUN_COLOURS[0], false],
      [false, RUN_COLOURS[0], true],
      [true, RUN_COLOURS[1], false],
      [false, RUN_COLOURS[1], true],
    ]);
    expect(series[2]!.x).toEqual([1, 2, 3]);
    expect(series[3]!.y).toEqual([0.7, 0.8, 0.95]);
    expect(overlaySeries(runs, 'loss')[1]!.y).toEqual([1.1, 0.55]);
  });
  it('shows a one-epoch run\'s training value as a dot (a line through one point draws nothing)', () => {
    expect(overlaySeries([run('a', '2026-01-01T10:00:00Z', [0.5])], 'loss')[0]!.dots).toBe(true);
  });
  it('labels a run with its name and start time', () => {
    expect(runLabel({ name: 'VGG', started: 'not a date' })).toBe('VGG · not a date');
    expect(runLabel({ name: '', started: new Date(2026, 0, 1, 4, 12, 33).toISOString() })).toBe('Untitled · 04:12:33');
  });
});

describe('diff wording', () => {
  it('writes parameter changes old → new and connections by layer name', () => {
    expect(changeText({ param: 'filters', before: 6, after: 8 })).toBe('filters 6 → 8');
    expect(changeText({ param: 'padding', before: undefined, after: [1, 2] })).toBe('padding — → [1,2]');
    expect(value('same')).toBe('same');
    const a = lenet5();
    const b = structuredClone(a);
    b.graph.edges = b.graph.edges.filter((e) => e.source !== 'c5');
    b.graph.edges.push({ id: 'x', source: 'c5', target: 'output', targetPort: 0 });
    const d = diffGraphs(a.graph, b.graph);
    expect(d.rewired.added.map((e) => edgeText(e, b.blocks))).toEqual(['Dense C5 → Dense Output']);
    expect(d.rewired.removed.map((e) => edgeText(e, a.blocks))).toEqual(['Dense C5 → Dense F6']);
  });
});

describe('runs store', () => {
  it('drops ticks, records and the opened results of runs that are gone', () => {
    const s = useRuns.getState();
    s.setRuns([run('a', '2026-01-01T10:00:00Z', [0.5]), run('b', '2026-01-01T11:00:00Z', [0.6])]);
    s.toggle('b');
    s.toggle('a');
    expect(useRuns.getState().selected).toEqual(['b', 'a']);
    s.keepRecord({ run: run('b', '2026-01-01T11:00:00Z', [0.6]), doc: lenet5(), events: [] });
    s.showResultsOf('b');
    s.setRuns([run('a', '2026-01-01T10:00:00Z', [0.5])]);
    expect(useRuns.getState()).toMatchObject({ selected: ['a'], records: {}, resultsOf: null, loaded: true });
    s.toggle('a');
    expect(useRuns.getState().selected).toEqual([]);
  });

  it('gives a kept record the list\'s summary, with the run\'s new name and note', () => {
    const s = useRuns.getState();
    s.setRuns([run('c', '2026-01-01T12:00:00Z', [0.7])]);
    s.keepRecord({ run: run('c', '2026-01-01T12:00:00Z', [0.7]), doc: lenet5(), events: [] });
    s.setRuns([{ ...run('c', '2026-01-01T12:00:00Z', [0.7]), title: 'Baseline', note: 'six filters' }]);
    expect(useRuns.getState().records.c!.run).toMatchObject({ title: 'Baseline', note: 'six filters' });
  });

  it('goes back to the current run\'s results when a new run starts', () => {
    const s = useRuns.getState();
    s.setRuns([run('a', '2026-01-01T10:00:00Z', [0.5])]);
    s.showResultsOf('a');
    useApp.getState().trainRequested();
    expect(useRuns.getState().resultsOf).toBeNull();
  });
});
