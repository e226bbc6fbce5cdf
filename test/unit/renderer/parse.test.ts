/** What the inspector accepts as typed. */
import { describe, expect, it } from 'vitest';
import { parseList, parseNumber, parseSize } from '../../../renderer/src/ui/parse';

describe('parameter parsing', () => {
  it('reads numbers, sizes and lists', () => {
    expect(parseNumber('6')).toBe(6);
    expect(parseNumber('')).toBeUndefined();
    expect(parseNumber('1e')).toBeUndefined();
    expect(parseSize('5')).toBe(5);
    expect(parseSize('5×3')).toEqual([5, 3]);
    expect(parseSize('5 x 3')).toEqual([5, 3]);
    expect(parseSize('big')).toBe('big');
    expect(parseList('1, 1, -1', 4, true)).toEqual([1, 1, -1]);
    expect(parseList('2', 4, true)).toEqual([2]);
    expect(parseList('2')).toBe(2);
    expect(parseList('1,2,3,4,5')).toBeUndefined();
  });
});
