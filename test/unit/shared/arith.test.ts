import { describe, expect, it } from 'vitest';
import { outputLength } from '../../../shared/layers/arith';

describe('outputLength: (N + 2P − F) / S + 1', () => {
  it("gives the lecture's AlexNet CONV1: (227 − 11) / 4 + 1 = 55", () => {
    expect(outputLength(227, 11, 4, [0, 0])).toEqual({ out: 55, arithmetic: '(227 + 2·0 − 11) / 4 + 1 = 55' });
  });
  it("gives the lecture's POOL1: (55 − 3) / 2 + 1 = 27", () => {
    expect(outputLength(55, 3, 2, [0, 0]).out).toBe(27);
  });
  it('says when the division is not exact and floors it', () => {
    expect(outputLength(224, 11, 4, [0, 0])).toEqual({ out: 54, arithmetic: '(224 + 2·0 − 11) / 4 + 1 = 54.25 → 54' });
  });
  it('is 0 when the kernel is larger than the input', () => {
    expect(outputLength(4, 5, 1, [0, 0])).toEqual({ out: 0, arithmetic: '(4 + 2·0 − 5) / 1 + 1 = 0' });
  });
  it('keeps the size with "same" at stride 1 and divides it, rounding up, at stride S', () => {
    expect(outputLength(28, 5, 1, 'same').out).toBe(28);
    expect(outputLength(7, 3, 2, 'same')).toEqual({ out: 4, arithmetic: '⌈7 / 2⌉ = 4' });
  });
  it('pads both sides with an explicit P', () => {
    expect(outputLength(28, 5, 1, [2, 2]).out).toBe(28);
    expect(outputLength(224, 3, 1, [1, 1]).out).toBe(224);
  });
  it('pads unevenly when asked', () => {
    expect(outputLength(224, 7, 2, [2, 3])).toEqual({ out: 112, arithmetic: '(224 + 2 + 3 − 7) / 2 + 1 = 112' });
  });
  it("rounds up in ceil mode, as GoogLeNet's pools in torchvision do", () => {
    expect(outputLength(112, 3, 2, [0, 0], 1, true)).toEqual({ out: 56, arithmetic: '⌈(112 + 2·0 − 3) / 2⌉ + 1 = 56' });
    expect(outputLength(112, 3, 2, [0, 0]).out).toBe(55);
    // No window may start in the padding: 5 with a 2-window at stride 2 and pad 1 gives 3, not 4.
    expect(outputLength(5, 2, 2, [1, 1], 1, true).out).toBe(3);
  });
  it('widens the kernel by its dilation', () => {
    expect(outputLength(10, 3, 1, [0, 0], 2)).toEqual({ out: 6, arithmetic: '(10 + 2·0 − 5) / 1 + 1 = 6' });
  });
});
