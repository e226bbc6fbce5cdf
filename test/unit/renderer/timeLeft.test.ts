/** The time left a download's progress bar shows: the rest at the rate so far. */
import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../../renderer/src/ui/format';

describe('timeLeft', () => {
  it('is the bytes left at the rate so far, in seconds under a minute and minutes above', () => {
    expect(timeLeft(10e6, 40e6, 5)).toBe('about 15 s left');
    expect(timeLeft(1e6, 100e6, 10)).toBe('about 17 min left');
    expect(timeLeft(40e6, 40e6, 5)).toBe('about 1 s left');
  });

  it('says nothing before the first byte', () => {
    expect([timeLeft(0, 40e6, 5), timeLeft(5, 40e6, 0)]).toEqual(['', '']);
  });
});
