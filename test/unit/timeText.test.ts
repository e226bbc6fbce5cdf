/** Times in words, as the training panel and the command line write them. */
import { describe, expect, it } from 'vitest';
import { duration, estimateOff, etaText, secondsPerEpoch } from '../../shared/timeText';

describe('etaText', () => {
  it('writes seconds, minutes and hours as a person would', () => {
    expect(etaText(130)).toBe('2 min 10 s left');
    expect(etaText(120)).toBe('2 min left');
    expect(etaText(45.4)).toBe('45 s left');
    expect(etaText(0.3)).toBe('under a second left');
    expect(etaText(3900)).toBe('1 h 5 min left');
    expect(etaText(7200)).toBe('2 h left');
  });

  it('says nothing when the time left is unknown', () => {
    expect(etaText(undefined)).toBe('');
    expect(etaText(Number.NaN)).toBe('');
    expect(etaText(-1)).toBe('');
  });
});

describe('duration', () => {
  it('writes seconds per epoch at a useful precision', () => {
    expect(duration(4.26)).toBe('4.3 s');
    expect(duration(42.4)).toBe('42 s');
    expect(duration(185)).toBe('3 min 5 s');
    expect(duration(179.6)).toBe('3 min 0 s');
    expect(duration(4320)).toBe('1.2 h');
  });
});

describe('secondsPerEpoch and estimateOff', () => {
  it('averages the timed epochs, and says how far off an estimate was', () => {
    expect(secondsPerEpoch([{ seconds: 4 }, { seconds: 6 }, {}])).toBe(5);
    expect(secondsPerEpoch([{}])).toBeUndefined();
    expect(estimateOff(1.7, 5)).toBe('estimated 1.7 s, took 5.0 s an epoch: 66 % short');
    expect(estimateOff(6, 5)).toBe('estimated 6.0 s, took 5.0 s an epoch: 20 % long');
    expect(estimateOff(5.01, 5)).toBe('estimated 5.0 s, took 5.0 s an epoch: on the mark');
  });
});
