/** Ticks of an axis in whole epochs: whole numbers only, never closer than uPlot asked. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholeSplits, wholeStep } from '../../../renderer/src/training/wholeTicks';

describe('wholeStep', () => {
  it('rounds uPlot\'s increment up to a whole 1, 2 or 5 × 10ⁿ', () => {
    expect([0.2, 0.5, 1, 1.5, 2, 2.5, 5, 20, 25, 50, 1000].map(wholeStep)).toEqual([1, 1, 1, 2, 2, 5, 5, 20, 50, 50, 1000]);
  });
});

describe('wholeSplits', () => {
  it('puts the ticks of a two-epoch overlay on 1 and 2, not 1.5', () => {
    expect(wholeSplits(1, 2, 0.5)).toEqual([1, 2]);
    expect(wholeSplits(0.9, 3.1, 0.25)).toEqual([1, 2, 3]);
    expect(wholeSplits(1, 100, 25)).toEqual([50, 100]);
  });

  it('gives whole ticks within the axis, at least the increment apart', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 0.01, max: 500, noNaN: true }), (min, span, incr) => {
        const splits = wholeSplits(min, min + span, incr);
        expect(splits.every((v) => Number.isInteger(v) && v >= min && v <= min + span)).toBe(true);
        splits.slice(1).forEach((v, i) => expect(v - splits[i]!).toBeGreaterThanOrEqual(incr));
      }),
    );
  });
});
