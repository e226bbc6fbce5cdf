/** Series with their own x values on one shared axis, as uPlot draws them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSeries } from '../../../renderer/src/training/plotData';

describe('alignSeries', () => {
  it('merges per-batch and per-epoch x values, with gaps where a series has no point', () => {
    const batches = { x: [1, 2, 3, 4], y: [2.3, 1.9, 1.2, 0.8] };
    const epochs = { x: [2, 4], y: [1.5, 0.9] };
    expect(alignSeries([batches, epochs])).toEqual([
      [1, 2, 3, 4],
      [2.3, 1.9, 1.2, 0.8],
      [null, 1.5, null, 0.9],
    ]);
  });

  it('adds x values that only the later series has, in order', () => {
    expect(alignSeries([{ x: [1, 3], y: [10, 30] }, { x: [0, 2, 5], y: [0, 20, 50] }])).toEqual([
      [0, 1, 2, 3, 5],
      [null, 10, null, 30, null],
      [0, null, 20, null, 50],
    ]);
  });

  it('turns NaN and infinite values (a diverged loss) into gaps', () => {
    const x = [1, 2, 3];
    expect(alignSeries([{ x, y: [1, Number.NaN, Number.POSITIVE_INFINITY] }])).toEqual([x, [1, null, null]]);
  });

  it('shares one x array without merging, and copies it so the caller may keep appending', () => {
    const x = [1, 2];
    const [xs, a, b] = alignSeries([{ x, y: [1, 2] }, { x, y: [3, null] }]);
    expect(xs).toEqual(x);
    expect(xs).not.toBe(x);
    expect([a, b]).toEqual([
      [1, 2],
      [3, null],
    ]);
  });

  it('handles no series and empty series', () => {
    expect(alignSeries([])).toEqual([[]]);
    expect(alignSeries([{ x: [], y: [] }, { x: [1], y: [4] }])).toEqual([[1], [null], [4]]);
  });

  it('agrees with a naive union and lookup for any ascending series', () => {
    const ascending = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 }).map((xs) => xs.sort((a, b) => a - b));
    const series = fc.array(ascending.map((x) => ({ x, y: x.map((v) => v * 10) })), { minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(series, (list) => {
        const xs = [...new Set(list.flatMap((s) => s.x))].sort((a, b) => a - b);
        const naive = [xs, ...list.map((s) => xs.map((v) => (s.x.includes(v) ? v * 10 : null)))];
        expect(alignSeries(list)).toEqual(naive);
      }),
    );
  });

  it('stays linear on a long run: 50,000 batches and 50 epochs', () => {
    const n = 50_000;
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const val = Array.from({ length: 50 }, (_, i) => (i + 1) * 1000);
    const [xs, , v] = alignSeries([{ x, y: x.map((i) => 1 / i) }, { x: val, y: val.map(() => 0.5) }]);
    expect(xs).toHaveLength(n);
    expect(v!.filter((y) => y !== null)).toHaveLength(50);
    expect(v![999]).toBe(0.5);
  });
});
