import { describe, expect, it } from 'vitest';
import { outputLength } from '../../../shared/layers/arith';

describe('outputLength: (N + 2P − F) / S + 1', () => {
  it("gives the lecture's AlexNet CONV1: (227 − 11) / 4 + 1 = 55", () => {
    expect(outputLength(227, 11, 4, 'valid')).toEqual({ out: 55, arithmetic: '(227 + 2·0 − 11) / 4 + 1 = 55' });
  });
  it("gives the lecture's POOL1: (55 − 3) / 2 + 1 = 27", () => {
    expect(outputLength(55, 3, 2, 'valid').out).toBe(27);
  });
  it('says when the division is not exact and floors it', () => {
    expect(outputLength(224, 11, 4, 'valid')).toEqual({ out: 54, arithmetic: '(224 + 2·0 − 11) / 4 + 1 = 54.25 → 54' });
  });
  it('is 0 when the kernel is larger than the input', () => {
    expect(outputLength(4, 5, 1, 'valid')).toEqual({ out: 0, arithmetic: '(4 + 2·0 − 5) / 1 + 1 = 0' });
  });
  it('keeps the size with "same" at stride 1 and divides it, rounding up, at stride S', () => {
    expect(outputLength(28, 5, 1, 'same').out).toBe(28);
    expect(outputLength(7, 3, 2, 'same')).toEqual({ out: 4, arithmetic: '⌈7 / 2⌉ = 4' });
  });
  it('pads both sides with an explicit P', () => {
    expect(outputLength(28, 5, 1, 2).out).toBe(28);
    expect(outputLength(224, 3, 1, 1).out).toBe(224);
  });
  it('widens the kernel by its dilation', () => {
    expect(outputLength(10, 3, 1, 'valid', 2)).toEqual({ out: 6, arithmetic: '(10 + 2·0 − 5) / 1 + 1 = 6' });
  });
});
