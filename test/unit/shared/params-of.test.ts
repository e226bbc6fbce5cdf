/**
 * Each kind's parameters are typed from its registry declarations (`ParamsOf<'Dense'>`), so the
 * tables keyed by kind (the engine's builders, the generators' emitters) cannot misspell one:
 * the typecheck (which covers test/) fails if a `@ts-expect-error` line below stops being an error.
 */
import { describe, expect, it } from 'vitest';
import type { FnEmitter } from '../../../shared/codegen/functional';
import { defaultParams, isBlockPort, isGraphInput, layerKinds, type ParamsOf } from '../../../shared/layers/registry';

/** A table like the engine's and the generators': one row per kind, each typed by its kind. */
const captions: { [K in 'Conv2D' | 'Dense' | 'Activation']: (p: ParamsOf<K>) => string } = {
  Conv2D: (p) => `${p.filters}@${p.kernel}${p.useBias ? '' : ' no bias'}`,
  Dense: (p) => `${p.units} ${p.activation}`,
  Activation: (p) => p.fn,
};

describe('ParamsOf', () => {
  it('types each parameter as its declaration says', () => {
    const conv = defaultParams('Conv2D') as ParamsOf<'Conv2D'>;
    const filters: number = conv.filters;
    const kernel: number | number[] = conv.kernel;
    const activation: 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'softmax' = conv.activation;
    // @ts-expect-error a misspelled parameter is a type error
    const misspelled = conv.filter;
    // @ts-expect-error an enum holds one of its options
    const fn: ParamsOf<'Activation'>['fn'] = 'swish';
    expect([filters, kernel, activation, misspelled, fn]).toEqual([32, 3, 'linear', undefined, 'swish']);
  });

  it('types the rows of a table by their kind', () => {
    const wrong: { [K in 'Dense']: (p: ParamsOf<K>) => number } = {
      // @ts-expect-error Dense has units, not filters
      Dense: (p) => p.filters,
    };
    expect(wrong.Dense({ units: 10, activation: 'linear', useBias: true })).toBeUndefined();
    expect(captions.Conv2D(defaultParams('Conv2D') as ParamsOf<'Conv2D'>)).toBe('32@3');
    expect(captions.Dense(defaultParams('Dense') as ParamsOf<'Dense'>)).toBe('10 linear');
  });

  it("types a generator's emitter by its kind", () => {
    // @ts-expect-error Dense's parameter is `units`
    const emit: FnEmitter<ParamsOf<'Dense'>> = (l) => [`layers.Dense(${l.arg('unit')})`];
    expect(typeof emit).toBe('function');
  });
});

describe('structural kinds', () => {
  it('names the block ports and the graph inputs', () => {
    expect(layerKinds.filter(isBlockPort)).toEqual(['BlockInput', 'BlockOutput']);
    expect(layerKinds.filter(isGraphInput)).toEqual(['Input', 'BlockInput']);
    expect(isBlockPort('block:inception')).toBe(false);
    expect(isGraphInput('block:myInput')).toBe(false);
  });
});
